package io.magecloudkit.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.magecloudkit.deploy.DeployScenario;
import io.magecloudkit.sandbox.ecs.CommandRule;
import io.magecloudkit.sandbox.faults.FaultConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * mck deploy's release phase through the CLI against the sandbox: a failing setup:upgrade is exit 1,
 * with the command's output in the log and the result file, maintenance disabled, the service untouched.
 */
class DeployReleaseCommandTest {

    @Test
    void aFailingUpgrade_exits1_withTheCommandsOutput_maintenanceOff_andTheServiceUntouched(@TempDir Path dir) throws Exception {
        String yaml = DeployScenario.yaml(DeployScenario.RELEASE_APP, "");
        try (DeployScenario s = new DeployScenario(yaml, 20)) {
            s.service("magento", "app", "nginx", 8080);
            String before = s.service("magento", "app").taskDefinition();
            Files.writeString(dir.resolve("magecloudkit.yml"), yaml);
            s.f.sandbox().faults(new FaultConfig(null, List.of(), List.of(), List.of(), List.of(
                    new CommandRule(null, null, null, "setup:db:status", 2, 3, List.of("Declarative Schema is not up to date")),
                    new CommandRule(null, null, null, "setup:upgrade", 1, 10,
                            List.of("Updating modules:", "SQLSTATE[42S01]: Base table or view already exists")))));
            Path result = dir.resolve("deploy.json");
            InProcessMck.Run run = InProcessMck.execute(List.of("deploy", "--config", dir.resolve("magecloudkit.yml").toString(),
                    "--env", "staging", "--endpoint-url", s.f.endpoint().toString(), "--app", "magento",
                    "--image", "nginx=registry.example/shop/nginx@" + DeployScenario.digest('e'),
                    "--image", "php-fpm=registry.example/shop/php-fpm@" + DeployScenario.digest('e'),
                    "--smoke-url", s.smokeUrl().toString(), "--result-file", result.toString()));

            assertEquals(1, run.exit(), run.err());
            assertTrue(run.out().contains("setup:upgrade failed: exit 1"), run.out());
            assertTrue(run.err().contains("| SQLSTATE[42S01]: Base table or view already exists"), run.err());
            assertTrue(run.err().indexOf("running bin/magento maintenance:disable") > run.err().indexOf("setup:upgrade --keep-generated exited 1"),
                    run.err());
            assertEquals(before, s.service("magento", "app").taskDefinition(), "the service did not change");

            JsonNode app = new ObjectMapper().readTree(Files.readString(result)).path("result").path("apps").get(0);
            assertEquals("failed", app.path("verdict").asText());
            List<String> commands = new ArrayList<>();
            List<Integer> exits = new ArrayList<>();
            app.path("release").forEach(t -> {
                commands.add(t.path("command").asText());
                exits.add(t.path("exitCode").asInt());
            });
            assertEquals(List.of("bin/magento setup:db:status", "bin/magento maintenance:enable",
                    "bin/magento setup:upgrade --keep-generated", "bin/magento maintenance:disable"), commands);
            assertEquals(List.of(2, 0, 1, 0), exits);
            assertEquals("SQLSTATE[42S01]: Base table or view already exists", app.path("release").get(2).path("tail").get(1).asText());
        }
    }
}
