package io.magecloudkit.sandbox.cloudformation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.cloudformation.CloudFormationClient;
import software.amazon.awssdk.services.cloudformation.model.OnFailure;
import software.amazon.awssdk.services.cloudformation.model.Parameter;
import software.amazon.awssdk.services.cloudformation.model.ResourceStatus;
import software.amazon.awssdk.services.cloudformation.model.Stack;
import software.amazon.awssdk.services.cloudformation.model.StackEvent;
import software.amazon.awssdk.services.cloudformation.model.StackStatus;

/** OnFailure / DisableRollback, DeletionPolicy Retain and SSM-typed parameters. */
class CloudFormationFailurePolicyTest {
    private static final String AMI_PARAMETER = "/aws/service/ami-amazon-linux-latest/al2023-ami-kernel-default-x86_64";

    private StackSandbox sandbox;
    private CloudFormationClient cfn;

    @BeforeEach
    void start(@TempDir Path stateDir) throws Exception {
        sandbox = new StackSandbox(StackSandbox.stateWithSsmParameters(stateDir, Map.of(AMI_PARAMETER, "ami-0123456789abcdef0")));
        cfn = sandbox.client;
    }

    @AfterEach
    void stop() {
        sandbox.close();
    }

    @Test
    void onFailureDoNothing_leavesTheStackInCreateFailed() {
        sandbox.injectResourceFailure("Server", "CREATE", "Insufficient capacity");
        cfn.createStack(r -> r.stackName("srv").templateBody(StackSandbox.template("retain.yaml")).onFailure(OnFailure.DO_NOTHING));
        Stack stack = await("srv", StackStatus.CREATE_FAILED);
        assertEquals("The following resource(s) failed to create: [Server]. ", stack.stackStatusReason());
        assertTrue(stack.disableRollback());
        assertTrue(cfn.describeStackResources(r -> r.stackName("srv")).stackResources().stream()
                .anyMatch(r -> r.logicalResourceId().equals("Topic") && r.resourceStatus() == ResourceStatus.CREATE_COMPLETE),
                "nothing is rolled back");
    }

    @Test
    void onFailureDelete_rollsBackThenDeletesTheStack() {
        sandbox.injectResourceFailure("Server", "CREATE", "Insufficient capacity");
        String id = cfn.createStack(r -> r.stackName("srv").templateBody(StackSandbox.template("retain.yaml"))
                .onFailure(OnFailure.DELETE)).stackId();
        sandbox.awaitCondition("stack deleted", () -> cfn.describeStacks(r -> r.stackName(id)).stacks().get(0).stackStatus() == StackStatus.DELETE_COMPLETE);
        List<String> stackStatuses = cfn.describeStackEvents(r -> r.stackName(id)).stackEvents().stream()
                .filter(e -> e.resourceType().equals("AWS::CloudFormation::Stack")).map(StackEvent::resourceStatusAsString).toList();
        assertEquals(List.of("DELETE_COMPLETE", "DELETE_IN_PROGRESS", "ROLLBACK_COMPLETE", "ROLLBACK_IN_PROGRESS", "CREATE_IN_PROGRESS"),
                stackStatuses);
    }

    @Test
    void deletionPolicyRetain_skipsTheResourceAndSsmParametersResolve() {
        cfn.createStack(r -> r.stackName("srv").templateBody(StackSandbox.template("retain.yaml")));
        Stack stack = await("srv", StackStatus.CREATE_COMPLETE);
        assertEquals("ami-0123456789abcdef0", stack.outputs().stream().filter(o -> o.outputKey().equals("Image")).findFirst().orElseThrow().outputValue());
        Parameter image = stack.parameters().get(0);
        assertEquals(AMI_PARAMETER, image.parameterValue());
        assertEquals("ami-0123456789abcdef0", image.resolvedValue());
        assertTrue(stack.outputs().stream().anyMatch(o -> o.outputKey().equals("RepositoryUri")
                && o.outputValue().startsWith("123456789012.dkr.ecr.us-east-1.amazonaws.com/srv-repository-")));

        cfn.deleteStack(r -> r.stackName("srv"));
        sandbox.awaitCondition("stack deleted", () -> cfn.describeStacks(r -> r.stackName(stack.stackId())).stacks().get(0).stackStatus() == StackStatus.DELETE_COMPLETE);
        List<StackEvent> events = cfn.describeStackEvents(r -> r.stackName(stack.stackId())).stackEvents();
        assertTrue(events.stream().anyMatch(e -> e.logicalResourceId().equals("Repository") && e.resourceStatus() == ResourceStatus.DELETE_SKIPPED));
        assertTrue(events.stream().noneMatch(e -> e.logicalResourceId().equals("Repository") && e.resourceStatus() == ResourceStatus.DELETE_COMPLETE));

        String missing = CloudFormationStackTest.validationError(() -> cfn.createStack(r -> r.stackName("other")
                .templateBody(StackSandbox.template("retain.yaml"))
                .parameters(Parameter.builder().parameterKey("ImageParam").parameterValue("/no/such/parameter").build())));
        assertEquals("Unable to fetch parameters [/no/such/parameter] from parameter store for this account.", missing);
    }

    private Stack await(String name, StackStatus status) {
        Stack[] last = new Stack[1];
        sandbox.awaitCondition(name + " " + status, () -> {
            last[0] = cfn.describeStacks(r -> r.stackName(name)).stacks().get(0);
            return last[0].stackStatus() == status;
        });
        return last[0];
    }
}
