package io.magecloudkit.sandbox.cloudformation;

import static io.magecloudkit.sandbox.cloudformation.CloudFormationStackTest.p;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.cloudformation.CloudFormationClient;
import software.amazon.awssdk.services.cloudformation.model.Change;
import software.amazon.awssdk.services.cloudformation.model.ChangeAction;
import software.amazon.awssdk.services.cloudformation.model.ChangeSetNotFoundException;
import software.amazon.awssdk.services.cloudformation.model.ChangeSetStatus;
import software.amazon.awssdk.services.cloudformation.model.ChangeSetType;
import software.amazon.awssdk.services.cloudformation.model.CreateChangeSetResponse;
import software.amazon.awssdk.services.cloudformation.model.DescribeChangeSetResponse;
import software.amazon.awssdk.services.cloudformation.model.ExecutionStatus;
import software.amazon.awssdk.services.cloudformation.model.Parameter;
import software.amazon.awssdk.services.cloudformation.model.Replacement;
import software.amazon.awssdk.services.cloudformation.model.ResourceAttribute;
import software.amazon.awssdk.services.cloudformation.model.ResourceChange;
import software.amazon.awssdk.services.cloudformation.model.ResourceChangeDetail;
import software.amazon.awssdk.services.cloudformation.model.StackStatus;

/** Change sets through the real SDK: Add / Modify / Remove, replacement, empty change sets, execution. */
class CloudFormationChangeSetTest {
    private StackSandbox sandbox;
    private CloudFormationClient cfn;

    @BeforeEach
    void start() throws Exception {
        sandbox = new StackSandbox();
        cfn = sandbox.client;
    }

    @AfterEach
    void stop() {
        sandbox.close();
    }

    @Test
    void createChangeSet_forANewStack_addsEverythingAndExecutesIntoTheStack() {
        CreateChangeSetResponse created = cfn.createChangeSet(r -> r.stackName("net").changeSetName("initial")
                .changeSetType(ChangeSetType.CREATE).templateBody(StackSandbox.template("network.yaml")));
        assertTrue(created.id().startsWith("arn:aws:cloudformation:us-east-1:123456789012:changeSet/initial/"));
        assertEquals(StackStatus.REVIEW_IN_PROGRESS, cfn.describeStacks(r -> r.stackName("net")).stacks().get(0).stackStatus());
        DescribeChangeSetResponse pending = cfn.describeChangeSet(r -> r.changeSetName(created.id()));
        assertEquals(ExecutionStatus.UNAVAILABLE, pending.executionStatus());

        DescribeChangeSetResponse ready = awaitChangeSet(created.id());
        assertEquals(ChangeSetStatus.CREATE_COMPLETE, ready.status());
        assertEquals(ExecutionStatus.AVAILABLE, ready.executionStatus());
        assertEquals(List.of("Vpc", "SubnetA", "SubnetB", "AppSecurityGroup"),
                ready.changes().stream().map(c -> c.resourceChange().logicalResourceId()).toList());
        assertTrue(ready.changes().stream().allMatch(c -> c.resourceChange().action() == ChangeAction.ADD
                && c.resourceChange().physicalResourceId() == null && c.typeAsString().equals("Resource")));

        cfn.executeChangeSet(r -> r.changeSetName("initial").stackName("net"));
        sandbox.awaitCondition("stack created", () -> cfn.describeStacks(r -> r.stackName("net")).stacks().get(0).stackStatus() == StackStatus.CREATE_COMPLETE);
        assertEquals(ExecutionStatus.EXECUTE_COMPLETE, cfn.describeChangeSet(r -> r.changeSetName(created.id())).executionStatus());
        assertEquals(created.id(), cfn.describeStacks(r -> r.stackName("net")).stacks().get(0).changeSetId());
    }

    @Test
    void updateChangeSet_reportsModifyReplacementAddAndRemove() {
        cfn.createStack(r -> r.stackName("net").templateBody(StackSandbox.template("network.yaml")));
        sandbox.awaitCondition("stack created", () -> status("net") == StackStatus.CREATE_COMPLETE);
        String vpcId = cfn.describeStackResources(r -> r.stackName("net").logicalResourceId("Vpc")).stackResources().get(0).physicalResourceId();

        Map<String, ResourceChange> changes = changes(changeSet("grow", p("VpcCidr", "10.1.0.0/16"), p("WithLogs", "true")));
        ResourceChange vpc = changes.get("Vpc");
        assertEquals(ChangeAction.MODIFY, vpc.action());
        assertEquals(Replacement.TRUE, vpc.replacement());
        assertEquals(vpcId, vpc.physicalResourceId());
        ResourceChangeDetail cidr = vpc.details().get(0);
        assertEquals(ResourceAttribute.PROPERTIES, cidr.target().attribute());
        assertEquals("CidrBlock", cidr.target().name());
        assertEquals("Always", cidr.target().requiresRecreationAsString());
        assertEquals("Static", cidr.evaluationAsString());
        assertEquals("ParameterReference", cidr.changeSourceAsString());
        assertEquals("VpcCidr", cidr.causingEntity());
        ResourceChange subnet = changes.get("SubnetA");
        assertEquals(Replacement.CONDITIONAL, subnet.replacement());
        assertTrue(subnet.details().stream().anyMatch(d -> d.changeSourceAsString().equals("ResourceReference")
                && "Vpc".equals(d.causingEntity()) && "VpcId".equals(d.target().name())
                && d.evaluationAsString().equals("Dynamic")));
        assertEquals(ChangeAction.ADD, changes.get("Logs").action());
        assertNull(changes.get("Logs").replacement());

        Map<String, ResourceChange> tagOnly = changes(changeSet("retag", p("Owner", "team-b")));
        assertEquals(List.of("Vpc"), List.copyOf(tagOnly.keySet()));
        assertEquals(Replacement.FALSE, tagOnly.get("Vpc").replacement());
        assertEquals(List.of(ResourceAttribute.TAGS), tagOnly.get("Vpc").scope());

        // Executing one change set removes the stack's others.
        cfn.executeChangeSet(r -> r.stackName("net").changeSetName("grow"));
        assertThrows(ChangeSetNotFoundException.class, () -> cfn.describeChangeSet(r -> r.stackName("net").changeSetName("retag")));
        sandbox.awaitCondition("update complete", () -> status("net") == StackStatus.UPDATE_COMPLETE);

        Map<String, ResourceChange> shrink = changes(changeSet("nologs", p("VpcCidr", "10.1.0.0/16"), p("WithLogs", "false")));
        assertEquals(List.of("Logs"), List.copyOf(shrink.keySet()));
        assertEquals(ChangeAction.REMOVE, shrink.get("Logs").action());
        assertTrue(shrink.get("Logs").physicalResourceId().startsWith("net-Logs-"));
    }

    @Test
    void changeSetWithoutChanges_failsWithAwsReason() {
        cfn.createStack(r -> r.stackName("net").templateBody(StackSandbox.template("network.yaml")));
        sandbox.awaitCondition("stack created", () -> status("net") == StackStatus.CREATE_COMPLETE);
        String id = cfn.createChangeSet(r -> r.stackName("net").changeSetName("same").usePreviousTemplate(true)).id();
        DescribeChangeSetResponse same = awaitChangeSet(id);
        assertEquals(ChangeSetStatus.FAILED, same.status());
        assertEquals(ExecutionStatus.UNAVAILABLE, same.executionStatus());
        assertEquals("The submitted information didn't contain changes. Submit different information to create a change set.",
                same.statusReason());
        assertTrue(same.changes().isEmpty());
        assertEquals("InvalidChangeSetStatus", assertThrows(software.amazon.awssdk.services.cloudformation.model.InvalidChangeSetStatusException.class,
                () -> cfn.executeChangeSet(r -> r.changeSetName(id))).awsErrorDetails().errorCode());

        assertEquals(1, cfn.listChangeSets(r -> r.stackName("net")).summaries().size());
        cfn.deleteChangeSet(r -> r.changeSetName(id));
        ChangeSetNotFoundException gone = assertThrows(ChangeSetNotFoundException.class, () -> cfn.describeChangeSet(r -> r.changeSetName(id)));
        assertEquals("ChangeSet [" + id + "] does not exist", gone.awsErrorDetails().errorMessage());
        assertTrue(cfn.getTemplate(r -> r.stackName("net")).stagesAvailableAsStrings().contains("Original"));
    }

    @Test
    void newImage_replacesTheTaskDefinitionAndUpdatesTheServiceInPlace() {
        cfn.createStack(r -> r.stackName("web").templateBody(StackSandbox.template("service.yaml"))
                .parameters(p("Image", "repo/php-fpm:1")));
        sandbox.awaitCondition("stack created", () -> status("web") == StackStatus.CREATE_COMPLETE);
        String serviceArn = physicalId("web", "Service");
        String taskDefinition = physicalId("web", "TaskDefinition");
        assertTrue(taskDefinition.startsWith("arn:aws:ecs:us-east-1:123456789012:task-definition/web-web:"), taskDefinition);

        String id = cfn.createChangeSet(r -> r.stackName("web").changeSetName("release-2").usePreviousTemplate(true)
                .parameters(p("Image", "repo/php-fpm:2"))).id();
        Map<String, ResourceChange> changes = changes(id);
        assertEquals(List.of("TaskDefinition", "Service"), List.copyOf(changes.keySet()));
        assertEquals(Replacement.TRUE, changes.get("TaskDefinition").replacement());
        assertEquals(Replacement.FALSE, changes.get("Service").replacement());
        ResourceChangeDetail reference = changes.get("Service").details().get(0);
        assertEquals("TaskDefinition", reference.target().name());
        assertEquals("ResourceReference", reference.changeSourceAsString());
        assertEquals("TaskDefinition", reference.causingEntity());

        cfn.executeChangeSet(r -> r.changeSetName(id));
        sandbox.awaitCondition("update complete", () -> status("web") == StackStatus.UPDATE_COMPLETE);
        assertEquals(serviceArn, physicalId("web", "Service"), "the service is updated in place");
        String newTaskDefinition = physicalId("web", "TaskDefinition");
        assertTrue(!newTaskDefinition.equals(taskDefinition), "a new task definition replaces the old one");
        assertEquals(newTaskDefinition, cfn.describeStacks(r -> r.stackName("web")).stacks().get(0).outputs().stream()
                .filter(o -> o.outputKey().equals("TaskDefinitionArn")).findFirst().orElseThrow().outputValue());
    }

    private String physicalId(String stack, String logicalId) {
        return cfn.describeStackResources(r -> r.stackName(stack).logicalResourceId(logicalId)).stackResources().get(0).physicalResourceId();
    }

    private String changeSet(String name, Parameter... parameters) {
        return cfn.createChangeSet(r -> r.stackName("net").changeSetName(name).usePreviousTemplate(true).parameters(parameters)).id();
    }

    private Map<String, ResourceChange> changes(String changeSetId) {
        DescribeChangeSetResponse described = awaitChangeSet(changeSetId);
        assertEquals(ChangeSetStatus.CREATE_COMPLETE, described.status(), described.statusReason());
        return described.changes().stream().map(Change::resourceChange)
                .collect(Collectors.toMap(ResourceChange::logicalResourceId, c -> c, (a, b) -> a, java.util.LinkedHashMap::new));
    }

    private DescribeChangeSetResponse awaitChangeSet(String id) {
        DescribeChangeSetResponse[] last = new DescribeChangeSetResponse[1];
        sandbox.awaitCondition("change set " + id, () -> {
            last[0] = cfn.describeChangeSet(r -> r.changeSetName(id));
            return last[0].status() == ChangeSetStatus.CREATE_COMPLETE || last[0].status() == ChangeSetStatus.FAILED;
        });
        return last[0];
    }

    private StackStatus status(String name) {
        return cfn.describeStacks(r -> r.stackName(name)).stacks().get(0).stackStatus();
    }
}
