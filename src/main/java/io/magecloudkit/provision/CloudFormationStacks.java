package io.magecloudkit.provision;

import io.magecloudkit.aws.AwsSession;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.services.cloudformation.CloudFormationClient;
import software.amazon.awssdk.services.cloudformation.model.Capability;
import software.amazon.awssdk.services.cloudformation.model.Change;
import software.amazon.awssdk.services.cloudformation.model.ChangeSetType;
import software.amazon.awssdk.services.cloudformation.model.DescribeChangeSetResponse;
import software.amazon.awssdk.services.cloudformation.model.Parameter;
import software.amazon.awssdk.services.cloudformation.model.RequiresRecreation;
import software.amazon.awssdk.services.cloudformation.model.ResourceChangeDetail;
import software.amazon.awssdk.services.cloudformation.model.Stack;
import software.amazon.awssdk.services.cloudformation.model.StackEvent;
import software.amazon.awssdk.services.cloudformation.model.Tag;

/** The CloudFormation calls a provision run makes, in the engine's terms. All I/O, no decisions. */
final class CloudFormationStacks {
    static final String STACK_TYPE = "AWS::CloudFormation::Stack";

    private final AwsSession aws;
    private final CloudFormationClient cfn;

    CloudFormationStacks(AwsSession aws) {
        this.aws = aws;
        this.cfn = aws.cloudFormation();
    }

    /** The stack by name, or empty when there is none (a deleted stack is none). */
    Optional<Stack> describe(String name) {
        try {
            List<Stack> stacks = aws.call("describe stack " + name, () -> cfn.describeStacks(r -> r.stackName(name))).stacks();
            return stacks.stream().filter(s -> !"DELETE_COMPLETE".equals(s.stackStatusAsString())).findFirst();
        } catch (AwsServiceException e) {
            if (e.getMessage() != null && e.getMessage().contains("does not exist")) {
                return Optional.empty();
            }
            throw e;
        }
    }

    /** By id (a deleted stack is still found by its id, with status DELETE_COMPLETE); null when unknown. */
    Stack describeIncludingDeleted(String stackId) {
        try {
            return aws.call("describe stack", () -> cfn.describeStacks(r -> r.stackName(stackId))).stacks().stream()
                    .findFirst().orElse(null);
        } catch (AwsServiceException e) {
            if (e.getMessage() != null && e.getMessage().contains("does not exist")) {
                return null;
            }
            throw e;
        }
    }

    static Map<String, String> outputs(Stack stack) {
        Map<String, String> out = new LinkedHashMap<>();
        stack.outputs().forEach(o -> out.put(o.outputKey(), o.outputValue()));
        return out;
    }

    static Optional<String> tag(Stack stack, String key) {
        return stack.tags().stream().filter(t -> key.equals(t.key())).map(Tag::value).findFirst();
    }

    /** Creates a change set and returns its id; CREATE for a new stack, UPDATE otherwise. */
    String createChangeSet(RenderedStack stack, boolean create, String changeSetName, Map<String, String> tags) {
        List<Parameter> params = stack.parameters().stream()
                .map(p -> Parameter.builder().parameterKey(p.key()).parameterValue(p.value()).build()).toList();
        List<Tag> tagList = tags.entrySet().stream().map(e -> Tag.builder().key(e.getKey()).value(e.getValue()).build()).toList();
        return aws.call("create a change set for " + stack.name(), () -> cfn.createChangeSet(r -> r.stackName(stack.name())
                .changeSetName(changeSetName)
                .changeSetType(create ? ChangeSetType.CREATE : ChangeSetType.UPDATE)
                .templateBody(stack.body())
                .parameters(params)
                .tags(tagList)
                .capabilities(Capability.CAPABILITY_IAM, Capability.CAPABILITY_NAMED_IAM))).id();
    }

    /** Polls until the change set is computed; returns the last answer (status CREATE_COMPLETE or FAILED). */
    DescribeChangeSetResponse awaitChangeSet(String changeSetId, Backoff backoff) {
        for (int attempt = 0; ; attempt++) {
            DescribeChangeSetResponse cs = aws.call("describe change set", () -> cfn.describeChangeSet(r -> r.changeSetName(changeSetId)));
            String status = cs.statusAsString();
            if ("CREATE_COMPLETE".equals(status) || "FAILED".equals(status) || "DELETE_COMPLETE".equals(status)) {
                return cs;
            }
            backoff.sleep(attempt);
        }
    }

    /** Every change of a computed change set, following NextToken. */
    List<ResourceChange> changes(DescribeChangeSetResponse first) {
        List<ResourceChange> rows = new ArrayList<>();
        DescribeChangeSetResponse page = first;
        while (true) {
            page.changes().stream().map(Change::resourceChange).map(CloudFormationStacks::row).forEach(rows::add);
            String next = page.nextToken();
            if (next == null || next.isEmpty()) {
                return rows;
            }
            String id = first.changeSetId();
            page = aws.call("describe change set", () -> cfn.describeChangeSet(r -> r.changeSetName(id).nextToken(next)));
        }
    }

    private static ResourceChange row(software.amazon.awssdk.services.cloudformation.model.ResourceChange rc) {
        List<String> causes = new ArrayList<>();
        List<String> changed = new ArrayList<>();
        for (ResourceChangeDetail d : rc.details()) {
            if (d.target() == null || d.target().name() == null || !"Properties".equals(d.target().attributeAsString())) {
                continue;
            }
            String name = d.target().name();
            if (!changed.contains(name)) {
                changed.add(name);
            }
            RequiresRecreation rr = d.target().requiresRecreation();
            if ((rr == RequiresRecreation.ALWAYS || rr == RequiresRecreation.CONDITIONALLY) && !causes.contains(name)) {
                causes.add(name);
            }
        }
        return new ResourceChange(rc.actionAsString(), rc.logicalResourceId(), rc.resourceType(),
                rc.replacementAsString(), causes, changed);
    }

    void executeChangeSet(String changeSetId, String token) {
        aws.call("execute change set", () -> cfn.executeChangeSet(r -> r.changeSetName(changeSetId).clientRequestToken(token)));
    }

    void deleteChangeSet(String changeSetId) {
        aws.call("delete change set", () -> cfn.deleteChangeSet(r -> r.changeSetName(changeSetId)));
    }

    void deleteStack(String name, String token) {
        aws.call("delete stack " + name, () -> cfn.deleteStack(r -> r.stackName(name).clientRequestToken(token)));
    }

    void terminationProtection(String name, boolean on) {
        aws.call("set termination protection of " + name,
                () -> cfn.updateTerminationProtection(r -> r.stackName(name).enableTerminationProtection(on)));
    }

    /** The newest page of events, oldest first (enough between two polls; the loop polls often). */
    List<StackEventView> recentEvents(String stackId) {
        List<StackEvent> page = aws.call("read stack events", () -> cfn.describeStackEvents(r -> r.stackName(stackId))).stackEvents();
        List<StackEventView> views = new ArrayList<>();
        for (StackEvent e : page) {
            views.add(new StackEventView(e.eventId(), e.timestamp(), e.logicalResourceId(), e.resourceType(),
                    e.resourceStatusAsString(), e.resourceStatusReason(), e.clientRequestToken()));
        }
        Collections.reverse(views);
        return views;
    }
}
