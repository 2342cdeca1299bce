package io.magecloudkit.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.magecloudkit.deploy.DeployScenario;
import io.magecloudkit.sandbox.ecs.CommandRule;
import io.magecloudkit.sandbox.faults.FaultConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.ecs.model.DesiredStatus;

/**
 * mckDeploy, mckRollback, mckStatus and mckRun with the real engine against the sandbox (ECS
 * services behind a target group, a smoke-check server), AWS access from a Jenkins credentials
 * entry: a deploy that passes, one whose tasks crash and is rolled back cleanly (UNSTABLE with
 * onRollback: 'unstable'), a rollback, the status; a one-off command on the deployed revision.
 */
class RealEngineDeployTest {
    @TempDir
    Path work;
    DeployScenario s;
    Path workspace;
    PipelineHarness jenkins;
    /** What every step of these tests is given: the engine, the environment, the sandbox, the credentials, the target group. */
    Map<String, Object> common;

    @BeforeEach
    void environment() throws Exception {
        String yaml = DeployScenario.yaml(DeployScenario.ONE_APP, "");
        s = new DeployScenario(yaml, 20, c -> c.accessKey(RealEngine.ACCESS_KEY).secretKey(RealEngine.SECRET_KEY));
        s.service("magento", "app", "nginx", 8080);
        workspace = Files.createDirectories(work.resolve("workspace"));
        Files.writeString(workspace.resolve("magecloudkit.yml"), yaml);
        jenkins = RealEngine.agent(work, workspace).env("BUILD_NUMBER", "8").env("BUILD_TAG", "jenkins-shop-8")
                .credentials("aws-sandbox", RealEngine.ACCESS_KEY, RealEngine.SECRET_KEY);
        common = new LinkedHashMap<>();
        common.put("mck", RealEngine.launcherOnSandboxTime(work.resolve("bin")).toString());
        common.put("env", "staging");
        common.put("endpointUrl", s.f.endpoint().toString());
        common.put("credentialsId", "aws-sandbox");
        common.put("targetGroupArn", Map.of("magento", s.targetGroups.get("magento")));
    }

    @AfterEach
    void close() {
        s.close();
    }

    private static Map<String, Object> images(char build) {
        Map<String, Object> images = new LinkedHashMap<>();
        for (String container : List.of("nginx", "php-fpm")) {
            images.put(container, Map.of("reference", "registry.example/shop/" + container + "@" + DeployScenario.digest(build)));
        }
        return images;
    }

    private Map<String, Object> deployOf(char build) {
        Map<String, Object> deploy = new LinkedHashMap<>(common);
        deploy.put("smokeUrl", s.smokeUrl().toString());
        deploy.put("app", "magento");
        deploy.put("images", images(build));
        return deploy;
    }

    private void assertNoSecretPrintedOrKept(Object... returned) throws Exception {
        String everything = jenkins.unmasked() + List.of(returned) + RealEngine.resultFiles(workspace);
        assertFalse(everything.contains(RealEngine.SECRET_KEY), "the secret key was printed or kept");
    }

    @Test
    void deployRolledBackRollbackStatus_throughTheSteps() throws Exception {
        Map<String, Object> deploy = deployOf('a');
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
        Map<String, Object> rollback = new LinkedHashMap<>(common);
        rollback.put("smokeUrl", s.smokeUrl().toString());
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
        assertNoSecretPrintedOrKept(good, bad, third, back, report);
    }

    @Test
    void run_returnsTheCommandsExitCodeAndOutput_andFailsTheBuildOnANonZeroExit() throws Exception {
        Map<?, ?> deployed = (Map<?, ?>) jenkins.run("mckDeploy", deployOf('a'));
        Object revision = ((Map<?, ?>) ((Map<?, ?>) deployed.get("apps")).get("magento")).get("taskDefinition");
        // What the commands answer in the sandbox's one-off tasks (docs/sandbox.md, "commands:").
        s.f.sandbox().faults(new FaultConfig(null, List.of(), List.of(), List.of(), List.of(
                new CommandRule(null, null, null, "cache:flush", 0, 2, List.of("Flushed cache types:", "config_webservice")),
                new CommandRule(null, null, null, "indexer:reindex", 3, 2, List.of("Catalog Search index: failed", "SQLSTATE[HY000]")))));
        Map<String, Object> run = new LinkedHashMap<>(common);
        run.put("app", "magento");
        // A hostile word: it must reach ECS as one literal word, never run on the agent.
        run.put("command", List.of("bin/magento", "cache:flush", "$(touch pwned)"));

        Map<?, ?> flushed = (Map<?, ?>) jenkins.run("mckRun", run);
        assertEquals(0, flushed.get("exitCode"), flushed.toString());
        assertEquals(List.of("Flushed cache types:", "config_webservice"), flushed.get("output"));
        assertEquals(revision, flushed.get("taskDefinition"));
        assertTrue(jenkins.log().stream().anyMatch(l -> l.contains("| Flushed cache types:")), jenkins.log().toString());
        var ecs = s.f.session().ecs();
        var task = ecs.describeTasks(r -> r.cluster("shop-staging-app").tasks(String.valueOf(flushed.get("taskArn")))).tasks().get(0);
        assertEquals(List.of("bin/magento", "cache:flush", "$(touch pwned)"), task.overrides().containerOverrides().get(0).command());
        assertFalse(Files.exists(workspace.resolve("pwned")), "a command word ran on the agent");

        run.put("command", List.of("bin/magento", "indexer:reindex", "catalogsearch_fulltext"));
        String failed = assertThrows(PipelineHarness.StepError.class, () -> jenkins.run("mckRun", run)).getMessage();
        assertEquals("mckRun: bin/magento indexer:reindex catalogsearch_fulltext exited 3", failed);
        assertTrue(jenkins.log().stream().anyMatch(l -> l.contains("| SQLSTATE[HY000]")), jenkins.log().toString());

        run.put("returnStatus", true);
        Map<?, ?> status = (Map<?, ?>) jenkins.run("mckRun", run);
        assertEquals(3, status.get("exitCode"), status.toString());
        assertEquals(List.of("Catalog Search index: failed", "SQLSTATE[HY000]"), status.get("output"));
        assertEquals(3, ecs.listTasks(r -> r.cluster("shop-staging-app").startedBy("mck").desiredStatus(DesiredStatus.STOPPED))
                .taskArns().size());
        assertNull(jenkins.currentBuild().result);
        assertNoSecretPrintedOrKept(deployed, flushed, failed, status);
    }
}
