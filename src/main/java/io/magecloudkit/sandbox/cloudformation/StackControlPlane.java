package io.magecloudkit.sandbox.cloudformation;

import io.magecloudkit.sandbox.SandboxClock;
import io.magecloudkit.sandbox.SandboxError;
import io.magecloudkit.sandbox.cloudformation.StackRequests.CreateStack;
import io.magecloudkit.sandbox.cloudformation.StackRequests.Export;
import io.magecloudkit.sandbox.cloudformation.StackRequests.OnFailure;
import io.magecloudkit.sandbox.cloudformation.StackRequests.StackResources;
import io.magecloudkit.sandbox.cloudformation.StackRequests.UpdateStack;
import io.magecloudkit.sandbox.cloudformation.StackState.Resource;
import io.magecloudkit.sandbox.cloudformation.StackState.ResourceStatus;
import io.magecloudkit.sandbox.cloudformation.StackState.Snapshot;
import io.magecloudkit.sandbox.cloudformation.StackState.Status;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;

/** The stack operations of CloudFormation on typed requests and records: what each call checks, changes and starts. */
final class StackControlPlane {
    private final SandboxClock clock;
    private final CloudFormationRegion region;
    private final StackSimulation simulation;
    private final ChangeSetDiffer differ = new ChangeSetDiffer(ReplacementRules.standard());

    StackControlPlane(SandboxClock clock, CloudFormationRegion region, StackSimulation simulation) {
        this.clock = clock;
        this.region = region;
        this.simulation = simulation;
    }

    Template validateTemplate(String body) {
        return TemplateValidator.validate(body);
    }

    StackState createStack(CreateStack request) {
        if (region.liveStack(request.stackName()) != null) {
            throw new SandboxError(400, "AlreadyExistsException", "Stack [" + request.stackName() + "] already exists");
        }
        Template template = TemplateValidator.validate(request.template().body());
        Map<String, String> parameters = ParameterResolver.resolve(template, StackPreflight.givenParameters(request.parameters(), null));
        StackPreflight.checkCapabilities(template, request.capabilities());
        StackState stack = new StackState();
        stack.stackName = request.stackName();
        stack.stackId = region.arn("stack", request.stackName(), UUID.randomUUID().toString());
        StackPreflight.evaluate(template, stack.stackId, stack.stackName, parameters, region.environment());
        long now = clock.now().toEpochMilli();
        setTemplate(stack, template, parameters, request.capabilities());
        stack.tags = new LinkedHashMap<>(request.tags());
        stack.onFailure = request.onFailure() == null ? null : request.onFailure().name();
        stack.disableRollback = request.disableRollback() || request.onFailure() == OnFailure.DO_NOTHING;
        stack.terminationProtection = request.terminationProtection();
        stack.creationTime = now;
        stack.clientRequestToken = request.clientRequestToken();
        region.stacks.add(stack);
        simulation.startCreate(stack, now, request.onFailure() == OnFailure.DELETE);
        return stack;
    }

    StackState updateStack(UpdateStack request) {
        StackState stack = region.stack(request.stackName());
        StackPreflight.checkUpdatable(stack);
        Template template = TemplateValidator.validate(request.template().usePrevious() ? stack.templateBody : request.template().body());
        Map<String, String> parameters = ParameterResolver.resolve(template, StackPreflight.givenParameters(request.parameters(), stack));
        StackPreflight.checkCapabilities(template, request.capabilities());
        StackPreflight.evaluate(template, stack.stackId, stack.stackName, parameters, region.environment());
        Map<String, String> tags = request.tags() != null ? request.tags() : stack.tags;
        List<ChangeSetState.Change> changes = diff(stack, template, parameters);
        if (changes.isEmpty() && parameters.equals(stack.parameters) && tags.equals(stack.tags)
                && sameOutputs(stack.templateBody, template)) {
            throw CloudFormationRegion.validation("No updates are to be performed.");
        }
        if (request.disableRollback() != null) {
            stack.disableRollback = request.disableRollback();
        }
        stack.clientRequestToken = request.clientRequestToken();
        startUpdate(stack, template, parameters, request.capabilities(), tags, changes);
        return stack;
    }

    void deleteStack(String nameOrId, String clientRequestToken) {
        StackState stack = region.findStack(nameOrId);
        if (stack == null || stack.deleted()) {
            return;
        }
        if (stack.terminationProtection) {
            throw CloudFormationRegion.validation("Stack [" + stack.stackName + "] cannot be deleted while TerminationProtection is enabled");
        }
        long now = clock.now().toEpochMilli();
        if (stack.status == Status.REVIEW_IN_PROGRESS) {
            stack.status = Status.DELETE_COMPLETE;
            stack.deletionTime = now;
            region.changeSets.removeIf(cs -> cs.stackId.equals(stack.stackId));
        } else if (stack.status != Status.DELETE_IN_PROGRESS) {
            if (stack.busy()) {
                throw CloudFormationRegion.validation("Stack [" + stack.stackName + "] cannot be deleted while in status " + stack.status);
            }
            region.changeSets.removeIf(cs -> cs.stackId.equals(stack.stackId));
            stack.clientRequestToken = clientRequestToken;
            simulation.startDelete(stack, now);
        }
    }

    /** One stack by name or id, or every live stack. */
    List<StackState> describeStacks(String nameOrId) {
        return nameOrId != null ? List.of(region.stack(nameOrId)) : region.stacks.stream().filter(s -> !s.deleted()).toList();
    }

    /** Every stack, deleted ones too, newest first, optionally only those in the given statuses. */
    List<StackState> listStacks(List<String> filter) {
        List<StackState> selected = new ArrayList<>();
        for (int i = region.stacks.size() - 1; i >= 0; i--) {
            StackState stack = region.stacks.get(i);
            if (filter.isEmpty() || filter.contains(stack.status.name())) {
                selected.add(stack);
            }
        }
        return selected;
    }

    List<StackState.Event> stackEvents(String nameOrId) {
        List<StackState.Event> newestFirst = new ArrayList<>(region.stack(nameOrId).events);
        Collections.reverse(newestFirst);
        return newestFirst;
    }

    StackResources describeStackResources(String nameOrId, String physicalId, String logicalId) {
        if (nameOrId == null && physicalId == null) {
            throw CloudFormationRegion.validation("Either StackName or PhysicalResourceId must be specified.");
        }
        StackState stack = nameOrId != null ? region.stack(nameOrId) : region.stacks.stream()
                .filter(s -> !s.deleted() && s.resources.values().stream().anyMatch(r -> physicalId.equals(r.physicalId)))
                .findFirst().orElseThrow(() -> CloudFormationRegion.validation("Stack for " + physicalId + " does not exist"));
        List<Resource> selected = new ArrayList<>();
        for (Resource resource : stack.resources.values()) {
            if ((logicalId == null || logicalId.equals(resource.logicalId))
                    && (physicalId == null || nameOrId == null || physicalId.equals(resource.physicalId))) {
                selected.add(resource);
            }
        }
        return new StackResources(stack, selected);
    }

    List<Resource> listStackResources(String nameOrId) {
        return new ArrayList<>(region.stack(nameOrId).resources.values());
    }

    /** The template of a stack, or of a change set when one is named. */
    String template(String nameOrId, String changeSetName) {
        if (changeSetName != null) {
            return region.changeSet(changeSetName, nameOrId).templateBody;
        }
        return region.stack(nameOrId).templateBody;
    }

    List<Export> listExports() {
        List<Export> exports = new ArrayList<>();
        for (StackState stack : region.stacks) {
            if (!stack.deleted()) {
                stack.exports.forEach((name, value) -> exports.add(new Export(stack.stackId, name, value)));
            }
        }
        return exports;
    }

    StackState updateTerminationProtection(String nameOrId, boolean enable) {
        StackState stack = region.stack(nameOrId);
        if (stack.deleted()) {
            throw CloudFormationRegion.validation("Stack with id " + nameOrId + " does not exist");
        }
        stack.terminationProtection = enable;
        return stack;
    }

    // ---- shared with change sets ----

    void startUpdate(StackState stack, Template template, Map<String, String> parameters, List<String> capabilities,
            Map<String, String> tags, List<ChangeSetState.Change> changes) {
        Snapshot previous = snapshot(stack);
        setTemplate(stack, template, parameters, capabilities);
        stack.tags = new LinkedHashMap<>(tags);
        simulation.startUpdate(stack, previous, changes, clock.now().toEpochMilli());
    }

    void startCreate(StackState stack, long now) {
        simulation.startCreate(stack, now, false);
    }

    /** The resource changes from the stack's current template and parameters to these. */
    List<ChangeSetState.Change> diff(StackState stack, Template template, Map<String, String> parameters) {
        Template old = stack.templateBody == null ? null : Template.parse(stack.templateBody);
        Map<String, Resource> live = new LinkedHashMap<>();
        stack.resources.forEach((id, resource) -> {
            if (resource.status != ResourceStatus.DELETE_COMPLETE) {
                live.put(id, resource);
            }
        });
        return differ.diff(old, stack.parameters, live, template, parameters, stack.stackId, stack.stackName, region.environment());
    }

    static void setTemplate(StackState stack, Template template, Map<String, String> parameters, List<String> capabilities) {
        stack.templateBody = template.body;
        stack.description = template.description;
        stack.parameters = new LinkedHashMap<>(parameters);
        stack.noEcho = new LinkedHashSet<>();
        template.parameters.forEach((key, declaration) -> {
            if ("true".equalsIgnoreCase(String.valueOf(declaration.get("NoEcho")))) {
                stack.noEcho.add(key);
            }
        });
        stack.capabilities = new ArrayList<>(capabilities);
    }

    private static boolean sameOutputs(String oldBody, Template template) {
        return Objects.equals(ChangeSetDiffer.normalise(Template.parse(oldBody).outputs), ChangeSetDiffer.normalise(template.outputs));
    }

    private static Snapshot snapshot(StackState stack) {
        Snapshot snapshot = new Snapshot();
        snapshot.templateBody = stack.templateBody;
        snapshot.description = stack.description;
        snapshot.parameters = new LinkedHashMap<>(stack.parameters);
        snapshot.noEcho = new LinkedHashSet<>(stack.noEcho);
        snapshot.capabilities = new ArrayList<>(stack.capabilities);
        snapshot.tags = new LinkedHashMap<>(stack.tags);
        stack.resources.forEach((id, resource) -> snapshot.resources.put(id, resource.copy()));
        snapshot.outputs = new ArrayList<>(stack.outputs);
        snapshot.exports = new LinkedHashMap<>(stack.exports);
        snapshot.imports = new LinkedHashSet<>(stack.imports);
        return snapshot;
    }
}
