package io.magecloudkit.sandbox.cloudformation;

import io.magecloudkit.sandbox.SandboxClock;
import io.magecloudkit.sandbox.SandboxError;
import io.magecloudkit.sandbox.cloudformation.ChangeSetState.ExecutionStatus;
import io.magecloudkit.sandbox.cloudformation.ChangeSetState.Status;
import io.magecloudkit.sandbox.cloudformation.ChangeSetState.Type;
import io.magecloudkit.sandbox.cloudformation.StackRequests.CreateChangeSet;
import io.magecloudkit.sandbox.cloudformation.StackRequests.ExecuteChangeSet;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The change-set operations of CloudFormation on typed requests and records, and the change
 * set's own small state machine (pending, in progress, then complete or failed) on the clock.
 */
final class ChangeSetControlPlane {
    /** CloudFormation takes a moment before it starts, and another before the changes are computed. */
    private static final long START_AFTER_MILLIS = 1000;
    private static final long READY_AFTER_MILLIS = 2000;

    private final SandboxClock clock;
    private final CloudFormationRegion region;
    private final StackControlPlane stacks;
    private final ChangeSetDiffer differ = new ChangeSetDiffer(ReplacementRules.standard());

    ChangeSetControlPlane(SandboxClock clock, CloudFormationRegion region, StackControlPlane stacks) {
        this.clock = clock;
        this.region = region;
        this.stacks = stacks;
    }

    ChangeSetState create(CreateChangeSet request) {
        String stackName = request.stackName();
        String name = request.changeSetName();
        StackState stack = region.findStack(stackName);
        if (stack != null && stack.deleted()) {
            stack = null;
        }
        long now = clock.now().toEpochMilli();
        Template template;
        Map<String, String> parameters;
        List<ChangeSetState.Change> changes;
        if (request.type() == Type.CREATE) {
            if (stack != null && stack.status != StackState.Status.REVIEW_IN_PROGRESS) {
                throw CloudFormationRegion.validation("Stack [" + stackName + "] already exists and cannot be created again with the changeSet ["
                        + name + "].");
            }
            template = TemplateValidator.validate(request.template().body());
            parameters = ParameterResolver.resolve(template, StackPreflight.givenParameters(request.parameters(), null));
            StackPreflight.checkCapabilities(template, request.capabilities());
            if (stack == null) {
                stack = reviewStack(stackName, now);
            }
            StackPreflight.evaluate(template, stack.stackId, stackName, parameters, region.environment());
            changes = differ.diff(null, Map.of(), Map.of(), template, parameters, stack.stackId, stackName, region.environment());
        } else {
            if (stack == null) {
                throw CloudFormationRegion.validation("Stack [" + stackName + "] does not exist");
            }
            StackPreflight.checkUpdatable(stack);
            template = TemplateValidator.validate(request.template().usePrevious() ? stack.templateBody : request.template().body());
            parameters = ParameterResolver.resolve(template, StackPreflight.givenParameters(request.parameters(), stack));
            StackPreflight.checkCapabilities(template, request.capabilities());
            StackPreflight.evaluate(template, stack.stackId, stack.stackName, parameters, region.environment());
            changes = stacks.diff(stack, template, parameters);
        }
        StackState owner = stack;
        if (region.changeSets.stream().anyMatch(cs -> cs.stackId.equals(owner.stackId) && cs.name.equals(name))) {
            throw new SandboxError(400, "AlreadyExistsException", "ChangeSet [" + name + "] already exists");
        }
        ChangeSetState changeSet = new ChangeSetState();
        changeSet.id = region.arn("changeSet", name, UUID.randomUUID().toString());
        changeSet.name = name;
        changeSet.stackId = stack.stackId;
        changeSet.stackName = stack.stackName;
        changeSet.type = request.type();
        changeSet.description = request.description();
        changeSet.templateBody = template.body;
        changeSet.parameters = parameters;
        changeSet.capabilities = request.capabilities();
        changeSet.tags = request.tags() != null ? new LinkedHashMap<>(request.tags()) : new LinkedHashMap<>(stack.tags);
        changeSet.creationTime = now;
        changeSet.readyAt = now + READY_AFTER_MILLIS;
        changeSet.status = Status.CREATE_PENDING;
        changeSet.executionStatus = ExecutionStatus.UNAVAILABLE;
        changeSet.changes = changes;
        boolean update = request.type() == Type.UPDATE;
        boolean tagsChanged = update && !changeSet.tags.equals(stack.tags);
        if (changes.isEmpty() && !tagsChanged && !(update && !parameters.equals(stack.parameters))) {
            changeSet.finalStatus = Status.FAILED;
            changeSet.statusReason = "The submitted information didn't contain changes. Submit different information to create a change set.";
        } else {
            changeSet.finalStatus = Status.CREATE_COMPLETE;
        }
        region.changeSets.add(changeSet);
        return changeSet;
    }

    /** The stack a CREATE change set makes: it waits in REVIEW_IN_PROGRESS until the change set is executed. */
    private StackState reviewStack(String stackName, long now) {
        StackState stack = new StackState();
        stack.stackName = stackName;
        stack.stackId = region.arn("stack", stackName, UUID.randomUUID().toString());
        stack.status = StackState.Status.REVIEW_IN_PROGRESS;
        stack.statusReason = "User Initiated";
        stack.creationTime = now;
        region.stacks.add(stack);
        StackEvents.stack(stack, now, StackState.Status.REVIEW_IN_PROGRESS, "User Initiated");
        return stack;
    }

    ChangeSetState describe(String nameOrArn, String stackName) {
        return region.changeSet(nameOrArn, stackName);
    }

    void execute(ExecuteChangeSet request) {
        ChangeSetState cs = region.changeSet(request.changeSetName(), request.stackName());
        if (cs.status != Status.CREATE_COMPLETE || cs.executionStatus != ExecutionStatus.AVAILABLE) {
            throw new SandboxError(400, "InvalidChangeSetStatus", "ChangeSet [" + cs.id
                    + "] cannot be executed in its current status of [" + cs.status + "]");
        }
        StackState stack = region.stackById(cs.stackId);
        Template template = Template.parse(cs.templateBody);
        if (cs.type == Type.CREATE) {
            if (stack.status != StackState.Status.REVIEW_IN_PROGRESS) {
                throw new SandboxError(400, "InvalidChangeSetStatus", "ChangeSet [" + cs.id
                        + "] cannot be executed in its current execution status of [" + cs.executionStatus + "]");
            }
            StackControlPlane.setTemplate(stack, template, cs.parameters, cs.capabilities);
            stack.tags = new LinkedHashMap<>(cs.tags);
            stack.disableRollback = Boolean.TRUE.equals(request.disableRollback());
            stack.changeSetId = cs.id;
            stack.clientRequestToken = request.clientRequestToken();
            stacks.startCreate(stack, clock.now().toEpochMilli());
        } else {
            StackPreflight.checkUpdatable(stack);
            if (request.disableRollback() != null) {
                stack.disableRollback = request.disableRollback();
            }
            stack.changeSetId = cs.id;
            stack.clientRequestToken = request.clientRequestToken();
            stacks.startUpdate(stack, template, cs.parameters, cs.capabilities, cs.tags, stacks.diff(stack, template, cs.parameters));
        }
        cs.executionStatus = ExecutionStatus.EXECUTE_IN_PROGRESS;
        region.changeSets.removeIf(other -> other != cs && other.stackId.equals(cs.stackId));
    }

    void delete(String nameOrArn, String stackName) {
        ChangeSetState cs = region.changeSet(nameOrArn, stackName);
        if (cs.executionStatus == ExecutionStatus.EXECUTE_IN_PROGRESS) {
            throw new SandboxError(400, "InvalidChangeSetStatus", "ChangeSet [" + cs.id
                    + "] cannot be deleted in its current execution status of [EXECUTE_IN_PROGRESS]");
        }
        region.changeSets.remove(cs);
    }

    List<ChangeSetState> list(String stackName) {
        StackState stack = region.stack(stackName);
        return region.changeSets.stream().filter(cs -> cs.stackId.equals(stack.stackId)).toList();
    }

    /** Moves change sets on: pending, then computing, then the status their changes decided. */
    void tick(Instant now) {
        long millis = now.toEpochMilli();
        for (ChangeSetState changeSet : region.changeSets) {
            if (changeSet.status == Status.CREATE_PENDING && millis >= changeSet.creationTime + START_AFTER_MILLIS) {
                changeSet.status = Status.CREATE_IN_PROGRESS;
            }
            if (changeSet.status == Status.CREATE_IN_PROGRESS && millis >= changeSet.readyAt) {
                changeSet.status = changeSet.finalStatus;
                changeSet.executionStatus = changeSet.finalStatus == Status.FAILED ? ExecutionStatus.UNAVAILABLE : ExecutionStatus.AVAILABLE;
            }
        }
    }
}
