package io.magecloudkit.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.magecloudkit.provision.ProvisionSandboxTest;
import io.magecloudkit.testing.CliRun;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** mck provision / plan / destroy as a user runs them: exit codes, messages, the result file. */
class ProvisionCommandTest {
    private static final String CONFIG = "examples/magecloudkit.yml";

    @Test
    void badInputExitsTwoBeforeAnythingIsAsked() throws Exception {
        for (String command : new String[] {"provision", "plan", "destroy"}) {
            CliRun.Result unknown = CliRun.run(Main.commandLine(), command, "--config", CONFIG, "--env", "stagin",
                    "--endpoint-url", "http://127.0.0.1:9");
            assertEquals(2, unknown.exitCode(), unknown.stderr());
            assertTrue(unknown.stderr().contains("stagin"), unknown.stderr());
            assertFalse(unknown.stderr().contains("Exception"), unknown.stderr());

            CliRun.Result noEnv = CliRun.run(Main.commandLine(), command, "--config", CONFIG);
            assertEquals(2, noEnv.exitCode(), noEnv.stderr());
            assertTrue(noEnv.stderr().contains("--env is required"), noEnv.stderr());
        }
        Path broken = Files.createTempFile("magecloudkit", ".yml");
        Files.writeString(broken, "project: acme\nregion: eu-west-1\nenvironments:\n  staging:\n    vpcCidr: nope\n");
        CliRun.Result config = CliRun.run(Main.commandLine(), "provision", "--config", broken.toString(), "--env", "staging");
        assertEquals(2, config.exitCode(), config.stderr());
        assertTrue(config.stderr().contains(broken.toString() + ":5:"), config.stderr());
        CliRun.Result lockWait = CliRun.run(Main.commandLine(), "provision", "--config", CONFIG, "--env", "staging", "--lock-wait", "soon");
        assertEquals(2, lockWait.exitCode(), lockWait.stderr());
    }

    @Test
    void anUnreachableEndpointExitsThreeAndPlanFallsBackToOffline() {
        CliRun.Result provision = CliRun.run(Main.commandLine(), "provision", "--config", CONFIG, "--env", "staging",
                "--endpoint-url", "http://127.0.0.1:9");
        assertEquals(3, provision.exitCode(), provision.stderr());
        CliRun.Result noCredentials = CliRun.run(Main.commandLine(), "provision", "--config", CONFIG, "--env", "staging",
                "--profile", "mck-no-such-profile");
        assertEquals(3, noCredentials.exitCode(), noCredentials.stderr());
        assertFalse(noCredentials.stderr().contains("Exception"), noCredentials.stderr());
        CliRun.Result plan = CliRun.run(Main.commandLine(), "plan", "--config", CONFIG, "--env", "staging",
                "--endpoint-url", "http://127.0.0.1:9");
        assertEquals(0, plan.exitCode(), plan.stderr());
        assertTrue(plan.stderr().contains("stack(s) rendered, every check passed"), plan.stderr());
        assertTrue(plan.stderr().contains("offline plan only (AWS not asked): cannot check AWS credentials: "), plan.stderr());
    }

    @Test
    void helpShowsAShortLog() {
        CliRun.Result help = CliRun.run(Main.commandLine(), "provision", "--help");
        assertEquals(0, help.exitCode());
        assertTrue(help.stdout().contains("acme-shop-staging-network  12:01:19  Vpc  AWS::EC2::VPC  CREATE_COMPLETE"), help.stdout());
        assertTrue(help.stdout().contains("--allow-replacement"), help.stdout());
    }

    @Test
    void provisionPlanAndDestroyAgainstTheSandbox(@TempDir Path dir) throws Exception {
        try (var f = ProvisionSandboxTest.seededSandbox()) {
            StackCommandSupport.backoffOverride = ProvisionSandboxTest.FAST;
            String endpoint = f.endpoint().toString();
            Path result = dir.resolve("provision.json");
            CliRun.Result created = CliRun.run(Main.commandLine(), "provision", "--config", CONFIG, "--env", "staging",
                    "--endpoint-url", endpoint, "--result-file", result.toString());
            assertEquals(0, created.exitCode(), created.stderr());
            JsonNode json = ResultFile.JSON.readTree(result.toFile());
            assertTrue(json.at("/result/outputs/acme-shop-staging-load-balancer/DnsName").isTextual(), json.toString());
            assertTrue(json.at("/result/outputs/acme-shop-staging-target-magento/TargetGroupArn").isTextual(), json.toString());
            assertEquals("created", json.at("/result/stacks/0/action").asText(), json.toString());
            assertTrue(json.at("/result/outputs/acme-shop-staging-network/VpcId").isTextual(), json.toString());

            CliRun.Result plan = CliRun.run(Main.commandLine(), "plan", "--config", CONFIG, "--env", "staging", "--endpoint-url", endpoint);
            assertEquals(0, plan.exitCode(), plan.stderr());
            assertTrue(plan.stderr().contains("plan done"), plan.stderr());

            CliRun.Result list = CliRun.run(Main.commandLine(), "destroy", "--config", CONFIG, "--env", "staging", "--endpoint-url", endpoint);
            assertEquals(0, list.exitCode(), list.stderr());
            assertTrue(list.stderr().contains("would delete acme-shop-staging-network"), list.stderr());
            CliRun.Result gone = CliRun.run(Main.commandLine(), "destroy", "--config", CONFIG, "--env", "staging", "--endpoint-url", endpoint, "--yes");
            assertEquals(0, gone.exitCode(), gone.stderr());
            assertTrue(gone.stderr().contains("stack(s) of acme-shop-staging deleted"), gone.stderr());
            ProvisionSandboxTest.forgiveReviewEvents(f);
        } finally {
            StackCommandSupport.backoffOverride = null;
        }
    }

    @Test
    void aFailingResourceExitsOneWithItsRootCauseAndStopsBeforeTheStacksThatNeedIt(@TempDir Path dir) throws Exception {
        try (var f = ProvisionSandboxTest.seededSandbox()) {
            StackCommandSupport.backoffOverride = ProvisionSandboxTest.FAST;
            f.sandbox().faults(new io.magecloudkit.sandbox.faults.FaultConfig(null, java.util.List.of(), java.util.List.of(),
                    java.util.List.of(new io.magecloudkit.sandbox.faults.FaultConfig.ResourceFault("Cluster", "CREATE",
                            "Resource handler returned message: \"The engine version is not available\""))));
            Path result = dir.resolve("provision.json");
            CliRun.Result failed = CliRun.run(Main.commandLine(), "provision", "--config", CONFIG, "--env", "staging",
                    "--endpoint-url", f.endpoint().toString(), "--result-file", result.toString());
            assertEquals(1, failed.exitCode(), failed.stderr());
            assertTrue(failed.stderr().contains("warning: acme-shop-staging-database: failed; root cause: Cluster (AWS::RDS::DBCluster) CREATE_FAILED:"
                    + " Resource handler returned message: \"The engine version is not available\"; the stack is now ROLLBACK_COMPLETE"), failed.stderr());
            JsonNode json = ResultFile.JSON.readTree(result.toFile());
            assertEquals("failed", json.get("status").asText());
            JsonNode stacks = json.at("/result/stacks");
            for (JsonNode s : stacks) {
                if (s.get("module").asText().equals("discovery")) {
                    assertEquals("not reached", s.get("action").asText(), json.toString());
                }
            }
            ProvisionSandboxTest.forgiveReviewEvents(f);
        } finally {
            StackCommandSupport.backoffOverride = null;
        }
    }
}
