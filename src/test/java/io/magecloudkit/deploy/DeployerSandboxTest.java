package io.magecloudkit.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Health-gated deploys of one app against the sandbox, through the real SDK. */
class DeployerSandboxTest {

    static DeployScenario scenario() throws Exception {
        DeployScenario s = new DeployScenario(DeployScenario.yaml(DeployScenario.ONE_APP, ""));
        s.service("magento", "app", "nginx", 8080);
        return s;
    }

    @Test
    void healthyRollingDeploy_passesOnlyWhenTheNewDeploymentCompleted() throws Exception {
        try (DeployScenario s = scenario()) {
            DeployResult result = s.deployer().deploy(s.request(DeployScenario.build('a')), s.sink());
            DeployResult.AppResult app = result.apps().get(0);
            assertEquals("passed", app.verdict(), String.join("\n", s.log));
            assertTrue(result.succeeded());
            var service = s.service("magento", "app");
            assertEquals(app.taskDefinition(), service.taskDefinition());
            assertEquals(1, service.deployments().size());
            assertEquals(app.deploymentId(), service.deployments().get(0).id());
            assertEquals("COMPLETED", service.deployments().get(0).rolloutStateAsString());
            assertTrue(app.taskDefinition().endsWith("shop-staging-magento:2"), app.taskDefinition());
            assertEquals("registry.example/shop/php-fpm@" + DeployScenario.digest('a'), app.images().get("php-fpm"));
            assertFalse(app.reusedTaskDefinition());
            assertTrue(s.log.stream().anyMatch(l -> l.contains("smoke check: 200")), String.join("\n", s.log));
            assertNull(app.rollback());
        }
    }

    static DeployResult.AppResult deploy(DeployScenario s, char build) {
        return s.deployer().deploy(s.request(DeployScenario.build(build)), s.sink()).apps().get(0);
    }

    @Test
    void crashingTasks_caughtBeforeTheCircuitBreaker_andRolledBack() throws Exception {
        try (DeployScenario s = scenario()) {
            DeployResult.AppResult good = deploy(s, 'a');
            assertEquals("passed", good.verdict());
            s.crashing('b', 3);
            long lastRequest = s.f.lastRequest();
            DeployResult result = s.deployer().deploy(s.request(DeployScenario.build('b')), s.sink());
            DeployResult.AppResult bad = result.apps().get(0);
            assertFalse(result.succeeded());
            assertEquals("failed", bad.verdict(), String.join("\n", s.log));
            assertTrue(bad.reason().contains("php-fpm exited with code 3"), bad.reason());
            assertTrue(bad.evidence().stream().anyMatch(e -> e.contains("php-fpm exit code 3")), bad.evidence().toString());
            assertTrue(bad.evidence().size() < 3, "caught before the circuit breaker's 3 failed tasks: " + bad.evidence());
            assertEquals(NativeRollback.HOW, bad.rollback().how());
            assertEquals("passed", bad.rollback().verdict(), bad.rollback().reason());
            assertEquals(good.taskDefinition(), bad.rollback().taskDefinition());
            var service = s.service("magento", "app");
            assertEquals(good.taskDefinition(), service.taskDefinition());
            assertTrue(service.events().stream().noneMatch(e -> e.message().contains("deployment failed")),
                    "the circuit breaker never tripped");
            var records = s.f.session().ecs().listServiceDeployments(r -> r.cluster("shop-staging-app")
                    .service("shop-staging-magento")).serviceDeployments();
            assertTrue(records.stream().anyMatch(r -> "ROLLBACK_SUCCESSFUL".equals(r.statusAsString())),
                    "ECS rolled the failed deployment back through StopServiceDeployment: " + records);
            assertTrue(s.f.writesSince(lastRequest).contains("ecs StopServiceDeployment"), "the rollback was asked of ECS");
        }
    }

    @Test
    void tasksFailingTargetHealth_failTheGate() throws Exception {
        try (DeployScenario s = scenario()) {
            DeployResult.AppResult good = deploy(s, 'a');
            s.faults(new io.magecloudkit.sandbox.faults.FaultConfig.TaskFaultRule(
                    "registry.example/shop/php-fpm@" + DeployScenario.digest('b'), null, false, null, true, null));
            DeployResult.AppResult bad = deploy(s, 'b');
            assertEquals("failed", bad.verdict(), String.join("\n", s.log));
            assertTrue(bad.reason().contains("new tasks stopped (threshold 2)"), bad.reason());
            assertTrue(bad.evidence().stream().anyMatch(e -> e.contains("health checks")), bad.evidence().toString());
            assertEquals("passed", bad.rollback().verdict());
            assertEquals(good.taskDefinition(), s.service("magento", "app").taskDefinition());
        }
    }

    @Test
    void failingSmokeCheck_failsTheGateAndTheRollbackIsGatedToo() throws Exception {
        try (DeployScenario s = scenario()) {
            DeployResult.AppResult good = deploy(s, 'a');
            s.smokeStatus.set(500);
            s.smokeBody.set("Database connection error");
            io.magecloudkit.EventSink sink = (level, message) -> {
                s.log.add(level + " " + message);
                if (message.startsWith("rolling back to") || message.contains("with ROLLBACK")) {
                    s.smokeStatus.set(200);
                    s.smokeBody.set("OK");
                }
            };
            DeployResult.AppResult bad = s.deployer().deploy(s.request(DeployScenario.build('b')), sink).apps().get(0);
            assertEquals("failed", bad.verdict(), String.join("\n", s.log));
            assertTrue(bad.reason().startsWith("smoke check failed 5 times in a row: 500"), bad.reason());
            assertEquals("passed", bad.rollback().verdict(), bad.rollback().reason());
            assertTrue(bad.rollback().reason().contains("smoke check passed 3 times"), bad.rollback().reason());
            assertEquals(good.taskDefinition(), s.service("magento", "app").taskDefinition());
        }
    }

    @Test
    void identicalTaskDefinition_isReused_withoutASecondRollout() throws Exception {
        try (DeployScenario s = scenario()) {
            DeployResult.AppResult first = deploy(s, 'a');
            int revisions = s.f.session().ecs().listTaskDefinitions(r -> r.familyPrefix("shop-staging-magento")).taskDefinitionArns().size();
            DeployResult.AppResult second = deploy(s, 'a');
            assertEquals("passed", second.verdict());
            assertTrue(second.reusedTaskDefinition());
            assertEquals(first.taskDefinition(), second.taskDefinition());
            assertEquals(first.deploymentId(), second.deploymentId(), "no new deployment");
            assertEquals(revisions, s.f.session().ecs().listTaskDefinitions(r -> r.familyPrefix("shop-staging-magento"))
                    .taskDefinitionArns().size());
            DeployResult.AppResult third = deploy(s, 'c');
            assertFalse(third.reusedTaskDefinition());
            assertNotEquals(first.taskDefinition(), third.taskDefinition());
        }
    }
}
