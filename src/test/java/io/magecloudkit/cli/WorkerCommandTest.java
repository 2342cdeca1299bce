package io.magecloudkit.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.magecloudkit.deploy.DeployScenario;
import io.magecloudkit.sandbox.ecs.LaunchTimings;
import io.magecloudkit.sandbox.faults.FaultConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * mck deploy and mck status with a Magento app's cron and consumer services, through the CLI against
 * the sandbox: each worker's verdict on stdout and in the result file, a crashing consumer failing the
 * deploy (exit 1, its exit code named) and everything put back, status listing the workers.
 */
class WorkerCommandTest {
    static final String CRON = "shop-staging-magento-cron";
    static final String CONSUMER = "shop-staging-magento-consumer-async-operations-all";
    static final LaunchTimings QUICK = new LaunchTimings(1, 1, 1, 1, null);

    @Test
    void deploy_gatesTheWorkers_aCrashingConsumerExits1AndPutsEverythingBack_andStatusShowsThem(@TempDir Path dir)
            throws Exception {
        String yaml = DeployScenario.yaml(DeployScenario.ONE_APP + "    consumers:\n      services:\n"
                + "        async.operations.all: {}\n", "");
        try (DeployScenario s = new DeployScenario(yaml, 20)) {
            Path config = Files.writeString(dir.resolve("magecloudkit.yml"), yaml);
            // Tasks start in 3 simulated seconds (ECS: 25); the CLI's gate waits in the sandbox's time, as mck demo's does.
            s.f.sandbox().faults(new FaultConfig(null, List.of(), List.of(), List.of(), QUICK));
            s.service("magento", "app", "nginx", 8080);
            var ecs = s.f.session().ecs();

            InProcessMck.Run good = deploy(s, config, 'a', dir.resolve("a.json"));
            assertEquals(0, good.exit(), good.out() + good.err());
            assertTrue(good.out().contains("\n  cron " + CRON + ": created, passed - deployment "), good.out());
            assertTrue(good.out().contains("\n  consumer " + CONSUMER + ": created, passed - deployment "), good.out());
            JsonNode a = app(dir.resolve("a.json"));
            assertEquals("passed", a.at("/workers/0/verdict").asText(), a.toString());
            assertEquals("passed", a.at("/workers/1/verdict").asText(), a.toString());

            s.f.sandbox().faults(new FaultConfig(null, List.of(), List.of(new FaultConfig.TaskFaultRule(
                    "registry.example/shop/php-fpm@" + DeployScenario.digest('b'), null, true, 3, false, null, CONSUMER)), List.of(), QUICK));
            InProcessMck.Run bad = deploy(s, config, 'b', dir.resolve("b.json"));
            assertEquals(1, bad.exit(), bad.out() + bad.err());
            assertTrue(bad.out().startsWith("magento: failed - consumer service " + CONSUMER + " failed its gate: new task "),
                    bad.out());
            assertTrue(bad.out().contains("php-fpm exited with code 3"), bad.out());
            assertTrue(bad.err().contains(CONSUMER + " failed: new task "), bad.err());
            JsonNode b = app(dir.resolve("b.json"));
            assertEquals("failed", b.path("verdict").asText());
            assertEquals("passed", b.at("/rollback/verdict").asText(), b.toString());
            assertEquals(a.path("taskDefinition").asText(), b.at("/rollback/taskDefinition").asText());
            assertTrue(b.at("/workers/1/evidence/0").asText().contains("php-fpm exit code 3"), b.toString());
            for (int i = 0; i < 2; i++) {
                String service = b.at("/workers/" + i + "/service").asText();
                assertEquals("passed", b.at("/workers/" + i + "/rollback/verdict").asText(), b.toString());
                String before = a.at("/workers/" + i + "/taskDefinition").asText();
                assertEquals(before, ecs.describeServices(r -> r.cluster("shop-staging-app").services(service)).services().get(0)
                        .taskDefinition(), service + " back on build a");
            }
            assertEquals(a.path("taskDefinition").asText(), s.service("magento", "app").taskDefinition());

            InProcessMck.Run status = mck(s, config, "status", List.of("--app", "magento"));
            assertEquals(0, status.exit(), status.err());
            assertTrue(status.out().contains("  cron      " + CRON + ": ACTIVE  revision " + CRON + ":1  tasks "), status.out());
            assertTrue(status.out().contains("  consumer  " + CONSUMER + ": ACTIVE  revision " + CONSUMER + ":1  tasks "),
                    status.out());
            assertTrue(status.out().contains("    last    "), status.out());
        }
    }

    static InProcessMck.Run deploy(DeployScenario s, Path config, char build, Path result) {
        return mck(s, config, "deploy", List.of("--app", "magento",
                "--image", "nginx=registry.example/shop/nginx@" + DeployScenario.digest(build),
                "--image", "php-fpm=registry.example/shop/php-fpm@" + DeployScenario.digest(build),
                "--target-group-arn", s.targetGroups.get("magento"), "--smoke-url", s.smokeUrl().toString(),
                "--efs-file-system-id", "fs-0123456789abcdef0", "--result-file", result.toString()));
    }

    static InProcessMck.Run mck(DeployScenario s, Path config, String command, List<String> args) {
        List<String> all = new ArrayList<>(List.of(command, "--config", config.toString(), "--env", "staging",
                "--endpoint-url", s.f.endpoint().toString()));
        all.addAll(args);
        return InProcessMck.execute(all, s.f.sandbox());
    }

    static JsonNode app(Path result) throws Exception {
        return new ObjectMapper().readTree(Files.readString(result)).path("result").path("apps").get(0);
    }
}
