package io.magecloudkit.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.magecloudkit.provision.ProvisionSandboxTest;
import io.magecloudkit.testing.CliRun;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.ecs.model.ContainerDefinition;
import software.amazon.awssdk.services.ecs.model.LoadBalancer;
import software.amazon.awssdk.services.ecs.model.PortMapping;

/** mck status after mck provision: cluster, service and target group found in the environment's stacks, as deploy finds them. */
class StatusCommandTest {
    private static final String CONFIG = "examples/magecloudkit.yml";

    @Test
    void statusWithNothingButTheConfig_findsClusterServiceAndTargetGroupInTheStacks(@TempDir Path dir) throws Exception {
        try (var f = ProvisionSandboxTest.seededSandbox()) {
            StackCommandSupport.backoffOverride = ProvisionSandboxTest.FAST;
            String endpoint = f.endpoint().toString();
            Path provisioned = dir.resolve("provision.json");
            CliRun.Result created = CliRun.run(Main.commandLine(), "provision", "--config", CONFIG, "--env", "staging",
                    "--endpoint-url", endpoint, "--result-file", provisioned.toString());
            assertEquals(0, created.exitCode(), created.stderr());
            JsonNode outputs = ResultFile.JSON.readTree(provisioned.toFile()).at("/result/outputs");
            String cluster = outputs.at("/acme-shop-staging-cluster-app/ClusterName").asText();
            String targetGroup = outputs.at("/acme-shop-staging-target-magento/TargetGroupArn").asText();
            assertTrue(!cluster.isEmpty() && !targetGroup.isEmpty(), outputs.toString());

            // What the first deploy would create: the app's service on the stack's cluster, behind the stack's target group.
            var ecs = f.session().ecs();
            String td = ecs.registerTaskDefinition(r -> r.family("acme-shop-staging-magento").cpu("256").memory("512")
                    .containerDefinitions(ContainerDefinition.builder().name("nginx").image("nginx@sha256:" + "a".repeat(64))
                            .essential(true).portMappings(PortMapping.builder().containerPort(80).build()).build()))
                    .taskDefinition().taskDefinitionArn();
            ecs.createService(r -> r.cluster(cluster).serviceName("acme-shop-staging-magento").taskDefinition(td).desiredCount(1)
                    .loadBalancers(LoadBalancer.builder().targetGroupArn(targetGroup).containerName("nginx").containerPort(80).build()));
            f.advanceUntil(Duration.ofMinutes(5), () -> ecs.describeServices(r -> r.cluster(cluster)
                    .services("acme-shop-staging-magento")).services().get(0).runningCount() == 1);

            Path result = dir.resolve("status.json");
            CliRun.Result status = CliRun.run(Main.commandLine(), "status", "--config", CONFIG, "--env", "staging", "--app", "magento",
                    "--endpoint-url", endpoint, "--result-file", result.toString());
            assertEquals(0, status.exitCode(), status.stderr());
            JsonNode app = ResultFile.JSON.readTree(result.toFile()).at("/result/apps/0");
            assertEquals(cluster, app.path("cluster").asText(), app.toString());
            assertEquals("ACTIVE", app.path("state").asText(), app.toString());
            assertEquals("acme-shop-staging-magento:1", app.path("revision").asText(), app.toString());
            assertTrue(app.path("targets").asText().matches("[0-1]/1 healthy"), app.toString());
            assertTrue(status.stdout().startsWith("magento (" + cluster + "/acme-shop-staging-magento): ACTIVE"), status.stdout());

            // An option still wins over the stacks.
            CliRun.Result overridden = CliRun.run(Main.commandLine(), "status", "--config", CONFIG, "--env", "staging", "--app",
                    "magento", "--cluster", "elsewhere", "--endpoint-url", endpoint);
            assertEquals(0, overridden.exitCode(), overridden.stderr());
            assertTrue(overridden.stdout().startsWith("magento (elsewhere/acme-shop-staging-magento): not found"), overridden.stdout());
            ProvisionSandboxTest.forgiveReviewEvents(f);
        } finally {
            StackCommandSupport.backoffOverride = null;
        }
    }
}
