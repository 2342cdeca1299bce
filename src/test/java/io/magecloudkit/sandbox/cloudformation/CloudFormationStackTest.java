package io.magecloudkit.sandbox.cloudformation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.cloudformation.CloudFormationClient;
import software.amazon.awssdk.services.cloudformation.model.AlreadyExistsException;
import software.amazon.awssdk.services.cloudformation.model.Capability;
import software.amazon.awssdk.services.cloudformation.model.CloudFormationException;
import software.amazon.awssdk.services.cloudformation.model.InsufficientCapabilitiesException;
import software.amazon.awssdk.services.cloudformation.model.Output;
import software.amazon.awssdk.services.cloudformation.model.Parameter;
import software.amazon.awssdk.services.cloudformation.model.ResourceStatus;
import software.amazon.awssdk.services.cloudformation.model.Stack;
import software.amazon.awssdk.services.cloudformation.model.StackEvent;
import software.amazon.awssdk.services.cloudformation.model.StackResource;
import software.amazon.awssdk.services.cloudformation.model.StackStatus;
import software.amazon.awssdk.services.cloudformation.model.StackSummary;
import software.amazon.awssdk.services.cloudformation.model.Tag;
import software.amazon.awssdk.services.cloudformation.model.ValidateTemplateResponse;

/** Stack lifecycles driven through the real SDK v2 client against the simulation. */
class CloudFormationStackTest {
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
    void createStack_createsResourcesInDependencyOrderWithEventsOutputsAndExports() {
        String stackId = createNetwork("net", Map.of("AdminToken", "s3cret"));
        assertEquals(StackStatus.CREATE_IN_PROGRESS, stack("net").stackStatus());

        Stack stack = awaitStatus("net", StackStatus.CREATE_COMPLETE);
        assertEquals(stackId, stack.stackId());
        assertTrue(stackId.startsWith("arn:aws:cloudformation:us-east-1:123456789012:stack/net/"));
        assertEquals("Test network with exports", stack.description());
        Map<String, Output> outputs = stack.outputs().stream().collect(Collectors.toMap(Output::outputKey, o -> o));
        assertTrue(outputs.get("VpcId").outputValue().matches("vpc-[0-9a-f]{17}"), outputs.get("VpcId").outputValue());
        assertEquals("net-VpcId", outputs.get("VpcId").exportName());
        assertEquals("The VPC", outputs.get("VpcId").description());
        assertEquals("10.0.0.0/24", outputs.get("SubnetACidr").outputValue());
        assertEquals("2", outputs.get("AzCount").outputValue());
        assertTrue(outputs.get("Subnets").outputValue().matches("subnet-[0-9a-f]{17},subnet-[0-9a-f]{17}"));
        Map<String, String> parameters = stack.parameters().stream()
                .collect(Collectors.toMap(Parameter::parameterKey, Parameter::parameterValue));
        assertEquals("****", parameters.get("AdminToken"));
        assertEquals("staging", parameters.get("Env"));
        assertEquals("NOT_CHECKED", stack.driftInformation().stackDriftStatusAsString());
        assertEquals(List.of(Tag.builder().key("team").value("platform").build()), stack.tags());

        List<StackEvent> events = events("net");
        // Newest first: the stack's own CREATE_COMPLETE tops the list.
        assertEquals("net", events.get(0).logicalResourceId());
        assertEquals(ResourceStatus.CREATE_COMPLETE, events.get(0).resourceStatus());
        List<StackEvent> oldestFirst = new ArrayList<>(events);
        Collections.reverse(oldestFirst);
        assertEquals("User Initiated", oldestFirst.get(0).resourceStatusReason());
        int vpcDone = indexOf(oldestFirst, "Vpc", ResourceStatus.CREATE_COMPLETE);
        int subnetStarted = indexOf(oldestFirst, "SubnetA", ResourceStatus.CREATE_IN_PROGRESS);
        int groupStarted = indexOf(oldestFirst, "AppSecurityGroup", ResourceStatus.CREATE_IN_PROGRESS);
        assertTrue(vpcDone < subnetStarted && vpcDone < groupStarted, "dependents start after the VPC is complete");
        // Independent resources run side by side: both subnets start before either completes.
        assertTrue(indexOf(oldestFirst, "SubnetB", ResourceStatus.CREATE_IN_PROGRESS)
                < indexOf(oldestFirst, "SubnetA", ResourceStatus.CREATE_COMPLETE));
        assertTrue(oldestFirst.stream().anyMatch(e -> "Resource creation Initiated".equals(e.resourceStatusReason())
                && e.logicalResourceId().equals("Vpc") && e.physicalResourceId().startsWith("vpc-")));
        assertTrue(events.stream().noneMatch(e -> e.logicalResourceId().equals("Logs")), "a resource whose condition is false is not created");

        List<StackResource> resources = cfn.describeStackResources(r -> r.stackName("net")).stackResources();
        assertEquals(List.of("Vpc", "SubnetA", "SubnetB", "AppSecurityGroup"),
                resources.stream().map(StackResource::logicalResourceId).toList());
        assertTrue(resources.stream().allMatch(r -> r.resourceStatus() == ResourceStatus.CREATE_COMPLETE));
        assertEquals("AWS::CloudFormation::Stack", events.get(0).resourceType());
        assertEquals(1, cfn.listExports().exports().stream().filter(e -> e.name().equals("net-VpcId")).count());
    }

    @Test
    void importValue_resolvesAnotherStacksExportAndBlocksItsDeletion() {
        createNetwork("net", Map.of());
        awaitStatus("net", StackStatus.CREATE_COMPLETE);
        String vpcId = output("net", "VpcId");

        cfn.createStack(r -> r.stackName("app").templateBody(StackSandbox.template("app.json")));
        Stack app = awaitStatus("app", StackStatus.CREATE_COMPLETE);
        assertTrue(app.outputs().stream().anyMatch(o -> o.outputKey().equals("DbEndpoint")
                && o.outputValue().endsWith(".us-east-1.rds.amazonaws.com")));
        // The import fed the target group: the VPC it names is the network's.
        assertTrue(sandbox.fixture.session().elbv2().describeTargetGroups().targetGroups().stream()
                .anyMatch(group -> vpcId.equals(group.vpcId())), "the target group sits in the imported VPC");

        cfn.deleteStack(r -> r.stackName("net"));
        Stack net = awaitStatus("net", StackStatus.DELETE_FAILED);
        assertEquals("Export net-VpcId cannot be deleted as it is in use by app", net.stackStatusReason());

        CloudFormationException missing = assertThrows(CloudFormationException.class, () -> cfn.createStack(r -> r
                .stackName("other").templateBody(StackSandbox.template("app.json"))
                .parameters(p("NetworkStack", "nope"))));
        assertEquals("ValidationError", missing.awsErrorDetails().errorCode());
        assertEquals("No export named nope-VpcId found.", missing.awsErrorDetails().errorMessage());
    }

    @Test
    void createStack_rejectsTemplateErrorsAsAwsWordsThem() {
        assertEquals("Template format error: Unresolved resource dependencies [Foo] in the Resources block of the template",
                validationError(() -> cfn.createStack(r -> r.stackName("bad").templateBody(StackSandbox.template("unresolved.yaml")))));
        assertEquals("Template format error: Circular dependency between resources: [A, B]",
                validationError(() -> cfn.validateTemplate(r -> r.templateBody(StackSandbox.template("cycle.yaml")))));
        assertEquals("Parameters: [Env] must have values",
                validationError(() -> cfn.createStack(r -> r.stackName("bad").templateBody(StackSandbox.template("required-parameter.yaml")))));
        assertEquals("Parameter 'Env' must be one of AllowedValues",
                validationError(() -> cfn.createStack(r -> r.stackName("bad").templateBody(StackSandbox.template("network.yaml"))
                        .parameters(p("Env", "dev")))));
        assertEquals("Template format error: Invalid template property or properties [Resource]",
                validationError(() -> cfn.validateTemplate(r -> r.templateBody("Resource:\n  X:\n    Type: AWS::EC2::VPC\n"))));
        assertEquals("Template format error: At least one Resources member must be defined.",
                validationError(() -> cfn.validateTemplate(r -> r.templateBody("Description: nothing\n"))));
        assertEquals("Template format error: Unresolved resource dependencies [Optional] in the Resources block of the template",
                validationError(() -> cfn.createStack(r -> r.stackName("bad").templateBody(
                        "Conditions:\n  Never: !Equals [a, b]\nResources:\n  Optional:\n    Type: AWS::SNS::Topic\n    Condition: Never\n"
                                + "  Subscription:\n    Type: AWS::SNS::Subscription\n    Properties:\n      TopicArn: !Ref Optional\n"))),
                "a resource whose condition is false does not exist for the others");
        assertEquals("Stack with id ghost does not exist", validationError(() -> cfn.describeStacks(r -> r.stackName("ghost"))));
        assertTrue(cfn.listStacks().stackSummaries().isEmpty(), "nothing was created by the failed calls");

        createNetwork("net", Map.of());
        AlreadyExistsException exists = assertThrows(AlreadyExistsException.class, () -> createNetwork("net", Map.of()));
        assertEquals("Stack [net] already exists", exists.awsErrorDetails().errorMessage());
        assertEquals("Stack:" + stack("net").stackId() + " is in CREATE_IN_PROGRESS state and can not be updated.",
                validationError(() -> cfn.updateStack(r -> r.stackName("net").usePreviousTemplate(true))));
    }

    @Test
    void validateTemplate_reportsParametersAndIamCapabilities() {
        ValidateTemplateResponse network = cfn.validateTemplate(r -> r.templateBody(StackSandbox.template("network.yaml")));
        assertEquals("Test network with exports", network.description());
        assertTrue(network.parameters().stream().anyMatch(p -> p.parameterKey().equals("AdminToken") && p.noEcho()));
        assertTrue(network.parameters().stream().anyMatch(p -> p.parameterKey().equals("Env") && p.defaultValue().equals("staging")));
        assertTrue(network.capabilities().isEmpty());

        ValidateTemplateResponse iam = cfn.validateTemplate(r -> r.templateBody(StackSandbox.template("iam.yaml")));
        assertEquals(List.of(Capability.CAPABILITY_IAM), iam.capabilities());
        assertEquals("The following resource(s) require capabilities: [AWS::IAM::Role]", iam.capabilitiesReason());

        InsufficientCapabilitiesException denied = assertThrows(InsufficientCapabilitiesException.class,
                () -> cfn.createStack(r -> r.stackName("roles").templateBody(StackSandbox.template("iam.yaml"))));
        assertEquals("Requires capabilities : [CAPABILITY_IAM]", denied.awsErrorDetails().errorMessage());
        cfn.createStack(r -> r.stackName("roles").templateBody(StackSandbox.template("iam.yaml"))
                .capabilities(Capability.CAPABILITY_IAM));
        assertTrue(output(awaitStatus("roles", StackStatus.CREATE_COMPLETE), "RoleArn").startsWith("arn:aws:iam::123456789012:role/roles-TaskRole-"));
    }

    @Test
    void updateStack_modifiesInPlaceOrReplacesByProperty() {
        createNetwork("net", Map.of());
        awaitStatus("net", StackStatus.CREATE_COMPLETE);
        String vpcBefore = physicalId("net", "Vpc");
        String subnetBefore = physicalId("net", "SubnetA");

        cfn.updateStack(r -> r.stackName("net").usePreviousTemplate(true).parameters(p("Owner", "team-b"))
                .clientRequestToken("retag-1"));
        Stack modified = awaitStatus("net", StackStatus.UPDATE_COMPLETE);
        List<StackEvent> tagged = events("net").stream().filter(e -> "retag-1".equals(e.clientRequestToken())).toList();
        assertEquals(StackStatus.UPDATE_COMPLETE.toString(), tagged.get(0).resourceStatusAsString(), "the update's events carry its token");
        assertTrue(tagged.stream().noneMatch(e -> e.resourceStatus() == ResourceStatus.CREATE_COMPLETE), "earlier events do not");
        assertTrue(events("net").stream().anyMatch(e -> e.resourceStatus() == ResourceStatus.CREATE_IN_PROGRESS
                && e.logicalResourceId().equals("Vpc") && "".equals(e.physicalResourceId())), "no physical id before creation starts");
        assertEquals(vpcBefore, physicalId("net", "Vpc"), "a tag change updates the VPC in place");
        assertTrue(modified.lastUpdatedTime() != null);
        assertTrue(events("net").stream().anyMatch(e -> e.logicalResourceId().equals("Vpc")
                && e.resourceStatus() == ResourceStatus.UPDATE_COMPLETE));

        assertEquals("No updates are to be performed.", validationError(() -> cfn.updateStack(r -> r.stackName("net")
                .usePreviousTemplate(true).parameters(p("Owner", "team-b")))));

        cfn.updateStack(r -> r.stackName("net").usePreviousTemplate(true)
                .parameters(p("Owner", "team-b"), p("VpcCidr", "10.1.0.0/16")));
        awaitStatus("net", StackStatus.UPDATE_COMPLETE);
        String vpcAfter = physicalId("net", "Vpc");
        assertNotEquals(vpcBefore, vpcAfter, "a new CIDR block replaces the VPC");
        assertNotEquals(subnetBefore, physicalId("net", "SubnetA"), "subnets in the replaced VPC are replaced too");
        assertEquals(vpcAfter, output("net", "VpcId"));
        List<String> statuses = events("net").stream().map(StackEvent::resourceStatusAsString).toList();
        assertTrue(statuses.contains("UPDATE_COMPLETE_CLEANUP_IN_PROGRESS"));
        assertTrue(events("net").stream().anyMatch(e -> e.logicalResourceId().equals("Vpc")
                && e.resourceStatus() == ResourceStatus.DELETE_COMPLETE && vpcBefore.equals(e.physicalResourceId())),
                "the old VPC is deleted in cleanup");
        assertEquals("10.1.0.0/24", output("net", "SubnetACidr"));
    }

    @Test
    void failingResource_rollsBackWithTheCausingEvent() {
        sandbox.injectResourceFailure("Db", "CREATE", "The DB cluster quota has been exceeded");
        createNetwork("net", Map.of());
        awaitStatus("net", StackStatus.CREATE_COMPLETE);
        cfn.createStack(r -> r.stackName("app").templateBody(StackSandbox.template("app.json")));
        Stack app = awaitStatus("app", StackStatus.ROLLBACK_COMPLETE);
        assertEquals("The following resource(s) failed to create: [Db]. Rollback requested by user.", app.stackStatusReason());
        List<StackEvent> events = events("app");
        StackEvent failed = events.stream().filter(e -> e.resourceStatus() == ResourceStatus.CREATE_FAILED).findFirst().orElseThrow();
        assertEquals("Db", failed.logicalResourceId());
        assertEquals("The DB cluster quota has been exceeded", failed.resourceStatusReason());
        assertTrue(events.stream().anyMatch(e -> e.logicalResourceId().equals("Cluster") && e.resourceStatus() == ResourceStatus.DELETE_COMPLETE));
        assertTrue(events.stream().anyMatch(e -> e.resourceStatus() == ResourceStatus.ROLLBACK_IN_PROGRESS));
        assertEquals("Stack:" + app.stackId() + " is in ROLLBACK_COMPLETE state and can not be updated.",
                validationError(() -> cfn.updateStack(r -> r.stackName("app").usePreviousTemplate(true))));
        cfn.deleteStack(r -> r.stackName("app"));
        awaitDeleted(app.stackId());
    }

    @Test
    void failingUpdate_rollsBackToThePreviousState() {
        createNetwork("net", Map.of());
        awaitStatus("net", StackStatus.CREATE_COMPLETE);
        String vpc = physicalId("net", "Vpc");
        sandbox.injectResourceFailure("Vpc", "UPDATE", "Tag limit exceeded");
        cfn.updateStack(r -> r.stackName("net").usePreviousTemplate(true).parameters(p("Owner", "team-c"), p("WithLogs", "true")));
        Stack stack = awaitStatus("net", StackStatus.UPDATE_ROLLBACK_COMPLETE);
        assertEquals("The following resource(s) failed to update: [Vpc]. ", stack.stackStatusReason());
        assertTrue(events("net").stream().anyMatch(e -> e.logicalResourceId().equals("Vpc")
                && e.resourceStatus() == ResourceStatus.UPDATE_FAILED && "Tag limit exceeded".equals(e.resourceStatusReason())));
        assertTrue(events("net").stream().anyMatch(e -> "UPDATE_ROLLBACK_COMPLETE_CLEANUP_IN_PROGRESS".equals(e.resourceStatusAsString())));
        assertEquals(vpc, physicalId("net", "Vpc"));
        assertEquals("team-a", stack.parameters().stream().filter(p -> p.parameterKey().equals("Owner")).findFirst().orElseThrow().parameterValue());
        assertTrue(cfn.describeStackResources(r -> r.stackName("net")).stackResources().stream()
                .noneMatch(r -> r.logicalResourceId().equals("Logs")), "the added log group was removed again");
        // The stack can be updated again after the rollback.
        cfn.updateStack(r -> r.stackName("net").usePreviousTemplate(true).parameters(p("Owner", "team-c")));
        awaitStatus("net", StackStatus.UPDATE_COMPLETE);
    }

    @Test
    void terminationProtection_blocksDeletionUntilDisabled() {
        cfn.createStack(r -> r.stackName("net").templateBody(StackSandbox.template("network.yaml"))
                .enableTerminationProtection(true));
        awaitStatus("net", StackStatus.CREATE_COMPLETE);
        assertTrue(stack("net").enableTerminationProtection());
        assertEquals("Stack [net] cannot be deleted while TerminationProtection is enabled",
                validationError(() -> cfn.deleteStack(r -> r.stackName("net"))));
        cfn.updateTerminationProtection(r -> r.stackName("net").enableTerminationProtection(false));
        assertFalse(stack("net").enableTerminationProtection());
        cfn.deleteStack(r -> r.stackName("net"));
        awaitDeleted(stack("net").stackId());
    }

    @Test
    void deleteStack_deletesInReverseOrderAndListsTheDeletedStack() {
        String stackId = createNetwork("net", Map.of());
        awaitStatus("net", StackStatus.CREATE_COMPLETE);
        cfn.deleteStack(r -> r.stackName("net"));
        awaitDeleted(stackId);
        List<StackEvent> oldestFirst = new ArrayList<>(cfn.describeStackEvents(r -> r.stackName(stackId)).stackEvents());
        Collections.reverse(oldestFirst);
        int vpcDeleteStarted = indexOf(oldestFirst, "Vpc", ResourceStatus.DELETE_IN_PROGRESS);
        assertTrue(indexOf(oldestFirst, "SubnetA", ResourceStatus.DELETE_COMPLETE) < vpcDeleteStarted);
        assertTrue(indexOf(oldestFirst, "AppSecurityGroup", ResourceStatus.DELETE_COMPLETE) < vpcDeleteStarted);
        assertEquals(ResourceStatus.DELETE_COMPLETE, oldestFirst.get(oldestFirst.size() - 1).resourceStatus());

        assertEquals("Stack with id net does not exist", validationError(() -> cfn.describeStacks(r -> r.stackName("net"))));
        assertTrue(cfn.describeStacks().stacks().isEmpty());
        List<StackSummary> deleted = cfn.listStacks(r -> r.stackStatusFilters(StackStatus.DELETE_COMPLETE)).stackSummaries();
        assertEquals(1, deleted.size());
        assertEquals(stackId, deleted.get(0).stackId());
        assertTrue(deleted.get(0).deletionTime() != null);
        assertTrue(cfn.listStacks(r -> r.stackStatusFilters(StackStatus.CREATE_COMPLETE)).stackSummaries().isEmpty());
        // The name is free again.
        createNetwork("net", Map.of());
    }

    @Test
    void stateDir_keepsAWholeStackAcrossARestart(@TempDir Path stateDir) throws Exception {
        sandbox.close();
        sandbox = new StackSandbox(stateDir);
        cfn = sandbox.client;
        String stackId = createNetwork("net", Map.of());
        Stack before = awaitStatus("net", StackStatus.CREATE_COMPLETE);
        cfn.updateTerminationProtection(r -> r.stackName("net").enableTerminationProtection(true));
        sandbox.close();

        sandbox = new StackSandbox(stateDir);
        cfn = sandbox.client;
        Stack after = stack("net");
        assertEquals(stackId, after.stackId());
        assertEquals(StackStatus.CREATE_COMPLETE, after.stackStatus());
        assertEquals(before.outputs(), after.outputs());
        assertTrue(after.enableTerminationProtection());
        assertEquals(before.creationTime(), after.creationTime());
        assertEquals(events("net").size(), cfn.describeStackEvents(r -> r.stackName("net")).stackEvents().size());
        assertEquals(StackSandbox.template("network.yaml"), cfn.getTemplate(r -> r.stackName("net")).templateBody());
        // The restored stack keeps working: its export still feeds an importer.
        cfn.createStack(r -> r.stackName("app").templateBody(StackSandbox.template("app.json")));
        awaitStatus("app", StackStatus.CREATE_COMPLETE);
    }

    // ---- helpers ----

    private String createNetwork(String name, Map<String, String> parameters) {
        List<Parameter> given = parameters.entrySet().stream().map(e -> p(e.getKey(), e.getValue())).toList();
        return cfn.createStack(r -> r.stackName(name).templateBody(StackSandbox.template("network.yaml"))
                .parameters(given).tags(Tag.builder().key("team").value("platform").build())).stackId();
    }

    static Parameter p(String key, String value) {
        return Parameter.builder().parameterKey(key).parameterValue(value).build();
    }

    private Stack stack(String name) {
        return cfn.describeStacks(r -> r.stackName(name)).stacks().get(0);
    }

    private List<StackEvent> events(String name) {
        return cfn.describeStackEvents(r -> r.stackName(name)).stackEvents();
    }

    private String physicalId(String stack, String logicalId) {
        return cfn.describeStackResources(r -> r.stackName(stack).logicalResourceId(logicalId)).stackResources().get(0).physicalResourceId();
    }

    private String output(String stack, String key) {
        return output(stack(stack), key);
    }

    private static String output(Stack stack, String key) {
        return stack.outputs().stream().filter(o -> o.outputKey().equals(key)).findFirst().orElseThrow().outputValue();
    }

    private Stack awaitStatus(String name, StackStatus status) {
        Stack[] last = new Stack[1];
        sandbox.awaitCondition(name + " in " + status, () -> {
            last[0] = stack(name);
            if (last[0].stackStatusAsString().endsWith("_COMPLETE") || last[0].stackStatusAsString().endsWith("_FAILED")) {
                assertEquals(status, last[0].stackStatus(), () -> "stack " + name + ": " + last[0].stackStatusReason());
            }
            return last[0].stackStatus() == status;
        });
        return last[0];
    }

    private void awaitDeleted(String stackId) {
        sandbox.awaitCondition(stackId + " deleted", () -> {
            Stack stack = cfn.describeStacks(r -> r.stackName(stackId)).stacks().get(0);
            return stack.stackStatus() == StackStatus.DELETE_COMPLETE;
        });
    }

    private static int indexOf(List<StackEvent> events, String logicalId, ResourceStatus status) {
        for (int i = 0; i < events.size(); i++) {
            if (events.get(i).logicalResourceId().equals(logicalId) && events.get(i).resourceStatus() == status) {
                return i;
            }
        }
        throw new AssertionError("no " + status + " event for " + logicalId);
    }

    static String validationError(Runnable call) {
        CloudFormationException e = assertThrows(CloudFormationException.class, call::run);
        assertEquals("ValidationError", e.awsErrorDetails().errorCode(), e.awsErrorDetails().errorMessage());
        return e.awsErrorDetails().errorMessage();
    }
}
