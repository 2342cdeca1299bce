package io.magecloudkit.sandbox.cloudformation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.cloudformation.model.ChangeSetStatus;
import software.amazon.awssdk.services.cloudformation.model.ChangeSetType;
import software.amazon.awssdk.services.cloudformation.model.Replacement;
import software.amazon.awssdk.services.cloudformation.model.ResourceChange;
import software.amazon.awssdk.services.cloudformation.model.Stack;
import software.amazon.awssdk.services.cloudformation.model.StackStatus;

/**
 * The sandbox judges templates by the same CloudFormation spec the engine's checks read: resource
 * types, properties, replacement and Fn::GetAtt attributes; and AWS's public SSM parameters exist.
 */
class CloudFormationSpecTest {
    private static final String QUEUE = "Resources:\n  Queue: {Type: AWS::SQS::Queue}\n";

    /** A fresh sandbox for each test (JUnit makes a test instance per test), closed after it. */
    @AutoClose
    private final StackSandbox sandbox = new StackSandbox();

    @Test
    void unknownResourceTypes_areTemplateFormatErrors() {
        String body = QUEUE + "  Odd: {Type: 'AWS::Foo::Bar'}\n  Custom: {Type: 'Custom::Anything', Properties: {ServiceToken: x}}\n";
        String expected = "Template format error: Unrecognized resource types: [AWS::Foo::Bar]";
        assertEquals(expected, CloudFormationStackTest.validationError(() -> sandbox.client.validateTemplate(r -> r.templateBody(body))));
        assertEquals(expected, CloudFormationStackTest.validationError(() -> sandbox.client.createStack(r -> r.stackName("s").templateBody(body))));
        assertEquals(expected, CloudFormationStackTest.validationError(() -> sandbox.client.createChangeSet(r -> r.stackName("c")
                .changeSetName("c1").changeSetType(ChangeSetType.CREATE).templateBody(body))));
        sandbox.client.createStack(r -> r.stackName("s").templateBody(QUEUE));
        await("s", StackStatus.CREATE_COMPLETE);
        assertEquals(expected, CloudFormationStackTest.validationError(() -> sandbox.client.updateStack(r -> r.stackName("s").templateBody(body))));
    }

    @Test
    void propertiesFailingTheSpec_failTheResourceAndRollBack() {
        sandbox.client.createStack(r -> r.stackName("q").templateBody(
                "Resources:\n  Queue:\n    Type: AWS::SQS::Queue\n    Properties: {DelaySeconds: soon, Colour: blue}\n"));
        await("q", StackStatus.ROLLBACK_COMPLETE);
        assertEquals("Properties validation failed for resource Queue with message: [#/DelaySeconds: expected type: Integer, "
                + "found: String, #: extraneous key [Colour] is not permitted]", failureReason("q", "Queue"));

        sandbox.client.createStack(r -> r.stackName("g").templateBody(
                "Resources:\n  Group:\n    Type: AWS::EC2::SecurityGroup\n    Properties: {GroupName: web}\n"));
        await("g", StackStatus.ROLLBACK_COMPLETE);
        assertEquals("Properties validation failed for resource Group with message: [#: required key [GroupDescription] not found]",
                failureReason("g", "Group"));

        sandbox.client.createStack(r -> r.stackName("u").templateBody(QUEUE));
        await("u", StackStatus.CREATE_COMPLETE);
        sandbox.client.updateStack(r -> r.stackName("u").templateBody(
                "Resources:\n  Queue:\n    Type: AWS::SQS::Queue\n    Properties: {RedrivePolicy: [1]}\n"));
        await("u", StackStatus.UPDATE_ROLLBACK_COMPLETE);
        assertTrue(sandbox.client.describeStackEvents(r -> r.stackName("u")).stackEvents().stream().anyMatch(e ->
                "Properties validation failed for resource Queue with message: [#/RedrivePolicy: expected type: JSONObject, found: JSONArray]"
                        .equals(e.resourceStatusReason())), "the update fails with the validation message");
    }

    @Test
    void replacementAndAttributes_comeFromTheSpec() {
        String vpc = "Resources:\n  Vpc:\n    Type: AWS::EC2::VPC\n    Properties: {CidrBlock: 10.0.0.0/16, InstanceTenancy: %s}\n"
                + "  Queue:\n    Type: AWS::SQS::Queue\n    Properties: {QueueName: %s}\n";
        sandbox.client.createStack(r -> r.stackName("n").templateBody(vpc.formatted("default", "a")));
        await("n", StackStatus.CREATE_COMPLETE);
        sandbox.client.createChangeSet(r -> r.stackName("n").changeSetName("t").templateBody(vpc.formatted("dedicated", "b")));
        sandbox.awaitCondition("change set", () -> sandbox.client.describeChangeSet(r -> r.stackName("n").changeSetName("t")).status()
                == ChangeSetStatus.CREATE_COMPLETE);
        Map<String, ResourceChange> changes = sandbox.client.describeChangeSet(r -> r.stackName("n").changeSetName("t")).changes().stream()
                .map(c -> c.resourceChange()).collect(Collectors.toMap(ResourceChange::logicalResourceId, c -> c));
        assertEquals(Replacement.CONDITIONAL, changes.get("Vpc").replacement(), "InstanceTenancy is replace-maybe in the spec");
        assertEquals("Conditionally", changes.get("Vpc").details().get(0).target().requiresRecreationAsString());
        assertEquals(Replacement.TRUE, changes.get("Queue").replacement(), "QueueName is replace-yes in the spec");

        String getAtt = QUEUE + "Outputs:\n  Url: {Value: !GetAtt Queue.QueueUrl}\n  Nope: {Value: !GetAtt Queue.Colour}\n";
        assertEquals("Template error: resource Queue does not support attribute type Colour in Fn::GetAtt",
                CloudFormationStackTest.validationError(() -> sandbox.client.validateTemplate(r -> r.templateBody(getAtt))));
    }

    @Test
    void awsPublicSsmParameters_existOutOfTheBox() {
        String ecs = "/aws/service/ecs/optimized-ami/amazon-linux-2023/recommended/image_id";
        List<String> names = List.of(ecs, "/aws/service/canonical/ubuntu/server/24.04/stable/current/arm64/hvm/ebs-gp3/ami-id",
                "/aws/service/canonical/ubuntu/server/24.04/stable/current/amd64/hvm/ebs-gp3/ami-id");
        for (String name : names) {
            String value = sandbox.fixture.session().ssm().getParameter(r -> r.name(name)).parameter().value();
            assertTrue(value.matches("ami-[0-9a-f]{17}"), name + " = " + value);
        }
        String expected = sandbox.fixture.session().ssm().getParameter(r -> r.name(ecs)).parameter().value();
        sandbox.client.createStack(r -> r.stackName("ami").templateBody("Parameters:\n  Image:\n"
                + "    Type: 'AWS::SSM::Parameter::Value<AWS::EC2::Image::Id>'\n    Default: " + ecs + "\n"
                + QUEUE + "Outputs:\n  Image: {Value: !Ref Image}\n"));
        Stack stack = await("ami", StackStatus.CREATE_COMPLETE);
        assertEquals(expected, stack.outputs().get(0).outputValue());
    }

    private Stack await(String name, StackStatus status) {
        sandbox.awaitCondition(name + " " + status, () -> sandbox.client.describeStacks(r -> r.stackName(name)).stacks().get(0)
                .stackStatus() == status);
        return sandbox.client.describeStacks(r -> r.stackName(name)).stacks().get(0);
    }

    private String failureReason(String stack, String logicalId) {
        return sandbox.client.describeStackEvents(r -> r.stackName(stack)).stackEvents().stream()
                .filter(e -> e.logicalResourceId().equals(logicalId) && e.resourceStatusAsString().equals("CREATE_FAILED"))
                .map(e -> e.resourceStatusReason()).findFirst().orElseThrow();
    }
}
