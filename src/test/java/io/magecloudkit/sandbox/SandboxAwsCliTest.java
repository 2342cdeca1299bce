package io.magecloudkit.sandbox;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.magecloudkit.sandbox.botocore.AwsCli;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Debian awscli, a second client with its own (botocore) serialisers and parsers, drives
 * the sandbox: what a user rehearsing by hand with `aws --endpoint-url` would do.
 */
class SandboxAwsCliTest {
    @TempDir
    Path dir;

    private static JsonNode ok(AwsCli.Result r) {
        r.assertOk();
        return r.json().orElseThrow(() -> new AssertionError("no JSON from awscli: " + r));
    }

    @Test
    void clusterTaskDefinitionServiceAndStack_throughAwscli() throws Exception {
        assertTrue(AwsCli.isInstalled(), "/usr/bin/aws is missing: run ./test, which installs the Debian package awscli");
        try (SandboxFixture f = SandboxFixture.builder().start()) {
            AwsCli aws = new AwsCli(f.endpoint());

            assertEquals("ACTIVE", ok(aws.run("ecs", "create-cluster", "--cluster-name", "cli"))
                    .at("/cluster/status").asText());

            Path td = dir.resolve("td.json");
            Files.writeString(td, """
                    {"family": "cli-web", "networkMode": "awsvpc", "cpu": "256", "memory": "512",
                     "containerDefinitions": [{"name": "web", "image": "nginx:1.27", "essential": true,
                       "portMappings": [{"containerPort": 8080}]}]}
                    """);
            JsonNode registered = ok(aws.run("ecs", "register-task-definition", "--cli-input-json", "file://" + td));
            assertEquals(1, registered.at("/taskDefinition/revision").asInt());
            String rev1 = registered.at("/taskDefinition/taskDefinitionArn").asText();
            String rev2 = ok(aws.run("ecs", "register-task-definition", "--cli-input-json", "file://" + td))
                    .at("/taskDefinition/taskDefinitionArn").asText();
            assertTrue(rev2.endsWith(":2"), rev2);

            JsonNode created = ok(aws.run("ecs", "create-service", "--cluster", "cli", "--service-name", "web",
                    "--task-definition", rev1, "--desired-count", "2"));
            assertEquals(rev1, created.at("/service/taskDefinition").asText());
            // Waiting polls through the SDK: one awscli process per simulated second would be slow.
            var ecs = f.session().ecs();
            f.advanceUntil(Duration.ofMinutes(5), () -> ecs.describeServices(r -> r.cluster("cli").services("web"))
                    .services().get(0).runningCount() == 2);
            assertEquals(2, running(aws));

            JsonNode updated = ok(aws.run("ecs", "update-service", "--cluster", "cli", "--service", "web",
                    "--task-definition", "cli-web:2"));
            assertEquals(rev2, updated.at("/service/taskDefinition").asText());
            f.advanceUntil(Duration.ofMinutes(10), () -> ecs.describeServices(r -> r.cluster("cli").services("web"))
                    .services().get(0).deployments().stream().anyMatch(d -> "PRIMARY".equals(d.status())
                            && d.rolloutStateAsString().equals("COMPLETED")));
            assertEquals("COMPLETED", primaryRollout(aws));

            Path template = dir.resolve("stack.yml");
            Files.writeString(template, """
                    AWSTemplateFormatVersion: '2010-09-09'
                    Parameters:
                      Env: {Type: String, AllowedValues: [staging, production]}
                    Resources:
                      Cluster:
                        Type: AWS::ECS::Cluster
                        Properties: {ClusterName: !Sub 'shop-${Env}'}
                    Outputs:
                      ClusterName: {Value: !Ref Cluster, Export: {Name: !Sub '${AWS::StackName}-cluster'}}
                    """);
            String stackId = ok(aws.run("cloudformation", "create-stack", "--stack-name", "shop-staging",
                    "--template-body", "file://" + template, "--parameters", "ParameterKey=Env,ParameterValue=staging"))
                    .path("StackId").asText();
            assertTrue(stackId.startsWith("arn:aws:cloudformation:us-east-1:000000000000:stack/shop-staging/"), stackId);
            f.advanceUntil(Duration.ofMinutes(10), () -> f.session().cloudFormation()
                    .describeStacks(r -> r.stackName("shop-staging")).stacks().get(0).stackStatusAsString()
                    .equals("CREATE_COMPLETE"));
            JsonNode stack = ok(aws.run("cloudformation", "describe-stacks", "--stack-name", "shop-staging"));
            assertEquals("shop-staging", stack.at("/Stacks/0/Outputs/0/OutputValue").asText());
            // The stack's cluster is real for the ECS API too.
            assertEquals("ACTIVE", ok(aws.run("ecs", "describe-clusters", "--clusters", "shop-staging"))
                    .at("/clusters/0/status").asText());
        }
    }

    /** The awscli sends CreateService's and UpdateService's settings its own way; they come back as the API reference says. */
    @Test
    void serviceSettings_roundTripThroughAwscli() throws Exception {
        assertTrue(AwsCli.isInstalled(), "/usr/bin/aws is missing: run ./test, which installs the Debian package awscli");
        try (SandboxFixture f = SandboxFixture.builder().start()) {
            AwsCli aws = new AwsCli(f.endpoint());
            ok(aws.run("ecs", "create-cluster", "--cluster-name", "cli-settings"));
            Path td = dir.resolve("td.json");
            Files.writeString(td, """
                    {"family": "cli-settings", "containerDefinitions": [{"name": "web", "image": "nginx:1.27", "memory": 256}]}
                    """);
            ok(aws.run("ecs", "register-task-definition", "--cli-input-json", "file://" + td));
            ok(aws.run("ecs", "create-service", "--cluster", "cli-settings", "--service-name", "web", "--task-definition", "cli-settings",
                    "--desired-count", "1", "--capacity-provider-strategy", "capacityProvider=shop-asg,weight=1,base=1",
                    "--propagate-tags", "SERVICE", "--enable-ecs-managed-tags", "--enable-execute-command",
                    "--tags", "key=app,value=shop"));
            JsonNode service = ok(aws.run("ecs", "describe-services", "--cluster", "cli-settings", "--services", "web",
                    "--include", "TAGS")).at("/services/0");
            assertTrue(service.path("launchType").isMissingNode(), service.toString());
            assertEquals("shop-asg", service.at("/capacityProviderStrategy/0/capacityProvider").asText(), service.toString());
            assertEquals(1, service.at("/capacityProviderStrategy/0/base").asInt(), service.toString());
            assertEquals("shop-asg", service.at("/deployments/0/capacityProviderStrategy/0/capacityProvider").asText(), service.toString());
            assertEquals("SERVICE", service.path("propagateTags").asText());
            assertTrue(service.path("enableECSManagedTags").asBoolean());
            assertTrue(service.path("enableExecuteCommand").asBoolean());
            assertEquals("shop", service.at("/tags/0/value").asText(), service.toString());
            assertTrue(ok(aws.run("ecs", "describe-services", "--cluster", "cli-settings", "--services", "web"))
                    .at("/services/0/tags").isMissingNode(), "tags only with --include TAGS");

            AwsCli.Result unforced = aws.run("ecs", "update-service", "--cluster", "cli-settings", "--service", "web",
                    "--capacity-provider-strategy", "capacityProvider=shop-asg,weight=2");
            assertFalse(unforced.ok(), unforced.toString());
            assertTrue(unforced.stderr().contains("(InvalidParameterException) when calling the UpdateService operation: When switching"
                    + " from launch type to capacity provider strategy on an existing service"), unforced.stderr());
            JsonNode forced = ok(aws.run("ecs", "update-service", "--cluster", "cli-settings", "--service", "web",
                    "--capacity-provider-strategy", "capacityProvider=shop-asg,weight=2", "--force-new-deployment",
                    "--disable-execute-command"));
            assertEquals(2, forced.at("/service/capacityProviderStrategy/0/weight").asInt(), forced.toString());
            assertEquals(2, forced.at("/service/deployments").size(), forced.toString());
            assertFalse(forced.at("/service/enableExecuteCommand").asBoolean(), forced.toString());
        }
    }

    private static int running(AwsCli aws) {
        return ok(aws.run("ecs", "describe-services", "--cluster", "cli", "--services", "web"))
                .at("/services/0/runningCount").asInt();
    }

    private static String primaryRollout(AwsCli aws) {
        JsonNode deployments = ok(aws.run("ecs", "describe-services", "--cluster", "cli", "--services", "web"))
                .at("/services/0/deployments");
        for (JsonNode d : deployments) {
            if ("PRIMARY".equals(d.path("status").asText())) {
                return d.path("rolloutState").asText();
            }
        }
        return null;
    }
}
