package io.magecloudkit.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.magecloudkit.deploy.DeployScenario;
import io.magecloudkit.sandbox.faults.FaultConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * mckDeploy, mckRollback and mckStatus with the real engine against the sandbox (ECS services
 * behind a target group, a smoke-check server): a deploy that passes, one whose tasks crash and
 * is rolled back cleanly (UNSTABLE with onRollback: 'unstable'), a rollback, and the status.
 */
class RealEngineDeployTest {
    @TempDir
    Path work;

    private static Map<String, Object> images(char build) {
        Map<String, Object> images = new LinkedHashMap<>();
        for (String container : List.of("nginx", "php-fpm")) {
            images.put(container, Map.of("reference", "registry.example/shop/" + container + "@" + DeployScenario.digest(build)));
        }
        return images;
    }

    @Test
    void deployRolledBackRollbackStatus_throughTheSteps() throws Exception {
        String yaml = DeployScenario.yaml(DeployScenario.ONE_APP, "");
        try (DeployScenario s = new DeployScenario(yaml, 20)) {
            s.service("magento", "app", "nginx", 8080);
            Path workspace = Files.createDirectories(work.resolve("workspace"));
            Files.writeString(workspace.resolve("magecloudkit.yml"), yaml);
            PipelineHarness jenkins = new PipelineHarness(workspace).env("PATH", "/usr/bin:/bin").env("HOME", work.toString())
                    .env("AWS_EC2_METADATA_DISABLED", "true").env("BUILD_NUMBER", "8").env("BUILD_TAG", "jenkins-shop-8")
                    .credentials("aws-sandbox", "test", "test");
            Map<String, Object> common = new LinkedHashMap<>();
            common.put("mck", RealEngine.launcher(work.resolve("bin")).toString());
            common.put("env", "staging");
            common.put("endpointUrl", s.f.endpoint().toString());
            common.put("credentialsId", "aws-sandbox");
            common.put("targetGroupArn", Map.of("magento", s.targetGroups.get("magento")));
            Map<String, Object> gate = new LinkedHashMap<>(common);
            gate.put("smokeUrl", s.smokeUrl().toString());

            Map<String, Object> deploy = new LinkedHashMap<>(gate);
            deploy.put("app", "magento");
            deploy.put("images", images('a'));
            Map<?, ?> good = (Map<?, ?>) jenkins.run("mckDeploy", deploy);
            Map<?, ?> goodApp = (Map<?, ?>) ((Map<?, ?>) good.get("apps")).get("magento");
            assertEquals(true, good.get("passed"), good.toString());
            assertEquals("passed", goodApp.get("verdict"));
            assertTrue(String.valueOf(goodApp.get("taskDefinition")).contains("shop-staging-magento:"), goodApp.toString());

            s.f.sandbox().faults(new FaultConfig(null, List.of(), List.of(new FaultConfig.TaskFaultRule(
                    "registry.example/shop/php-fpm@" + DeployScenario.digest('b'), null, true, 3, false, null)), List.of()));
            deploy.put("images", images('b'));
            deploy.put("onRollback", "unstable");
            Map<?, ?> bad = (Map<?, ?>) jenkins.run("mckDeploy", deploy);
            Map<?, ?> badApp = (Map<?, ?>) ((Map<?, ?>) bad.get("apps")).get("magento");
            assertEquals("UNSTABLE", jenkins.currentBuild().result);
            assertEquals(true, bad.get("rolledBack"), bad.toString());
            assertEquals("failed", badApp.get("verdict"));
            assertEquals(goodApp.get("taskDefinition"), ((Map<?, ?>) badApp.get("rollback")).get("taskDefinition"));
            assertTrue(jenkins.log().stream().anyMatch(l -> l.startsWith("WARNING: mckDeploy: rolled back: magento: failed - ")),
                    jenkins.log().toString());

            jenkins.currentBuild().result = null;
            deploy.put("images", images('c'));
            Map<?, ?> third = (Map<?, ?>) jenkins.run("mckDeploy", deploy);
            assertEquals(true, third.get("passed"), third.toString());
            Map<String, Object> rollback = new LinkedHashMap<>(gate);
            rollback.put("app", "magento");
            Map<?, ?> back = (Map<?, ?>) jenkins.run("mckRollback", rollback);
            assertEquals(goodApp.get("taskDefinition"), ((Map<?, ?>) ((Map<?, ?>) back.get("apps")).get("magento")).get("taskDefinition"),
                    back.toString());

            Map<String, Object> status = new LinkedHashMap<>(common);
            status.put("app", "magento");
            Map<?, ?> report = (Map<?, ?>) jenkins.run("mckStatus", status);
            Map<?, ?> app = (Map<?, ?>) ((List<?>) report.get("apps")).get(0);
            assertEquals("magento", app.get("app"));
            assertTrue(String.valueOf(goodApp.get("taskDefinition")).endsWith(String.valueOf(app.get("revision"))), app.toString());
            assertNull(jenkins.currentBuild().result);
        }
    }
}
