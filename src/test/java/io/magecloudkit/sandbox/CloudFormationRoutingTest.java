package io.magecloudkit.sandbox;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.cloudformation.CloudFormationClient;
import software.amazon.awssdk.services.cloudformation.model.CloudFormationException;
import software.amazon.awssdk.services.cloudformation.model.Stack;
import software.amazon.awssdk.services.cloudformation.model.StackStatus;

/**
 * CloudFormation requests reach the CloudFormation simulation behind the same signature
 * checks, and stacks create real ECS / ELBv2 resources. The tests that need the simulation
 * itself are disabled until it is merged.
 */
class CloudFormationRoutingTest {
    static SandboxFixture f;

    @BeforeAll
    static void start() {
        f = SandboxFixture.builder().sandbox(c -> c.speed(0.001)).start();
    }

    @AfterAll
    static void stop() {
        f.close();
    }

    @Test
    void badSignature_isRefusedBeforeCloudFormation() {
        try (CloudFormationClient cfn = CloudFormationClient.builder().endpointOverride(f.endpoint()).region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("test", "wrong"))).build()) {
            CloudFormationException e = assertThrows(CloudFormationException.class, cfn::describeStacks);
            assertEquals("SignatureDoesNotMatch", e.awsErrorDetails().errorCode());
            assertEquals(403, e.statusCode());
        }
    }

    private static Stack stack(String name) {
        return f.session().cloudFormation().describeStacks(r -> r.stackName(name)).stacks().get(0);
    }

    @Test
    void stackResources_areRealForTheEcsAndElbv2Apis() {
        String template = """
                Resources:
                  Cluster:
                    Type: AWS::ECS::Cluster
                    Properties: {ClusterName: stacked}
                  TargetGroup:
                    Type: AWS::ElasticLoadBalancingV2::TargetGroup
                    Properties: {Port: 80, Protocol: HTTP, VpcId: vpc-123, HealthCheckIntervalSeconds: 5, HealthyThresholdCount: 2}
                  TaskDefinition:
                    Type: AWS::ECS::TaskDefinition
                    Properties:
                      Family: stacked-web
                      ContainerDefinitions: [{Name: web, Image: "web:1", PortMappings: [{ContainerPort: 80}]}]
                  Service:
                    Type: AWS::ECS::Service
                    Properties:
                      Cluster: !Ref Cluster
                      ServiceName: web
                      TaskDefinition: !Ref TaskDefinition
                      DesiredCount: 2
                      LoadBalancers: [{TargetGroupArn: !Ref TargetGroup, ContainerName: web, ContainerPort: 80}]
                Outputs:
                  ServiceName: {Value: !GetAtt Service.Name}
                  TargetGroupName: {Value: !GetAtt TargetGroup.TargetGroupName}
                """;
        f.session().cloudFormation().createStack(r -> r.stackName("stacked").templateBody(template));
        f.advanceUntil(Duration.ofMinutes(10), () -> stack("stacked").stackStatus() == StackStatus.CREATE_COMPLETE);
        var service = f.session().ecs().describeServices(r -> r.cluster("stacked").services("web")).services().get(0);
        assertEquals(2, service.desiredCount());
        String tg = service.loadBalancers().get(0).targetGroupArn();
        assertEquals(1, f.session().elbv2().describeTargetGroups(r -> r.targetGroupArns(tg)).targetGroups().size());
        f.advanceUntil(Duration.ofMinutes(2), () -> f.session().elbv2().describeTargetHealth(r -> r.targetGroupArn(tg))
                .targetHealthDescriptions().stream().filter(d -> d.targetHealth().stateAsString().equals("healthy")).count() == 2);
        assertEquals("web", stack("stacked").outputs().stream().filter(o -> o.outputKey().equals("ServiceName")).findFirst()
                .orElseThrow().outputValue());
    }

    @Test
    void injectedResourceFailure_failsTheStackWithTheReason() {
        f.admin("PUT", "faults", """
                resources:
                  - logicalId: Cluster
                    operation: CREATE
                    reason: "Resource handler returned message: \\"injected\\""
                """);
        f.session().cloudFormation().createStack(r -> r.stackName("doomed").templateBody(
                "Resources:\n  Cluster:\n    Type: AWS::ECS::Cluster\n"));
        f.advanceUntil(Duration.ofMinutes(10), () -> {
            StackStatus s = stack("doomed").stackStatus();
            return s == StackStatus.ROLLBACK_COMPLETE || s == StackStatus.CREATE_FAILED;
        });
        var failed = f.session().cloudFormation().describeStackEvents(r -> r.stackName("doomed")).stackEvents().stream()
                .filter(e -> "Cluster".equals(e.logicalResourceId()) && e.resourceStatusAsString().equals("CREATE_FAILED"))
                .findFirst().orElseThrow();
        assertTrue(failed.resourceStatusReason().contains("injected"), failed.resourceStatusReason());
    }
}
