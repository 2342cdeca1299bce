package io.magecloudkit.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.magecloudkit.sandbox.faults.FaultConfig;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.ecs.model.Service;

/**
 * The cron and consumer rollouts through their own gate: each worker's verdict in the result and the
 * log, a crashing consumer failing the app and putting the web service and every worker back, mck
 * rollback moving the workers with the web service, and mck status showing them.
 */
class WorkerGateSandboxTest {
    static final String CLUSTER = "shop-staging-app";
    static final String CRON = "shop-staging-magento-cron";
    static final String CONSUMER = "shop-staging-magento-consumer-async-operations-all";

    static DeployScenario scenario() throws Exception {
        String apps = DeployScenario.ONE_APP + "    consumers:\n      services:\n        async.operations.all: {}\n";
        DeployScenario s = new DeployScenario(DeployScenario.yaml(apps, ""));
        s.service("magento", "app", "nginx", 8080);
        return s;
    }

    static Service worker(DeployScenario s, String name) {
        return s.f.session().ecs().describeServices(r -> r.cluster(CLUSTER).services(name)).services().get(0);
    }

    static DeployResult.WorkerResult worker(DeployResult.AppResult app, String service) {
        return app.workers().stream().filter(w -> w.service().equals(service)).findFirst().orElseThrow();
    }

    @Test
    void aHealthyDeploy_gatesEachWorker_andReportsItsVerdict() throws Exception {
        try (DeployScenario s = scenario()) {
            DeployResult.AppResult app = DeployerSandboxTest.deploy(s, 'a');
            String log = String.join("\n", s.log);
            assertEquals("passed", app.verdict(), log);
            for (String name : List.of(CRON, CONSUMER)) {
                DeployResult.WorkerResult w = worker(app, name);
                assertEquals("passed", w.verdict(), w.reason());
                assertEquals("created", w.action());
                Service service = worker(s, name);
                assertEquals(w.deploymentId(), service.deployments().get(0).id());
                assertEquals("COMPLETED", service.deployments().get(0).rolloutStateAsString());
                assertEquals(1, service.runningCount(), "the gate passed with the worker's task running");
                assertEquals("deployment " + w.deploymentId() + " of " + HealthGate.revision(w.taskDefinition()) + " COMPLETED",
                        w.reason());
                assertTrue(log.contains(w.role() + " service " + name + " passed: deployment " + w.deploymentId()), log);
                assertNull(w.rollback());
            }
            var json = new ObjectMapper().valueToTree(app);
            assertEquals("passed", json.at("/workers/1/verdict").asText(), json.toString());
            assertEquals(CONSUMER, json.at("/workers/1/service").asText(), json.toString());
            String history = s.f.session().ssm().getParameter(r -> r.name("/magecloudkit/shop/staging/magento/deploy-history"))
                    .parameter().value();
            assertTrue(history.contains("\"workers\":{\"" + CONSUMER + "\":\"" + CONSUMER + ":1\",\"" + CRON + "\":\"" + CRON
                    + ":1\"}"), history);

            DeployResult.AppResult same = DeployerSandboxTest.deploy(s, 'a');
            assertEquals(List.of("unchanged passed", "unchanged passed"), same.workers().stream()
                    .map(w -> w.action() + " " + w.verdict()).toList(), String.join("\n", s.log));
        }
    }

    @Test
    void aCrashingConsumer_failsTheDeploy_namesTheExitCode_andPutsTheWebServiceAndEveryWorkerBack() throws Exception {
        try (DeployScenario s = scenario()) {
            DeployResult.AppResult good = DeployerSandboxTest.deploy(s, 'a');
            assertEquals("passed", good.verdict(), String.join("\n", s.log));
            s.faults(new FaultConfig.TaskFaultRule("registry.example/shop/php-fpm@" + DeployScenario.digest('b'), null, true, 3,
                    false, null, CONSUMER));
            DeployResult result = s.deployer().deploy(s.request(DeployScenario.build('b')), s.sink());
            DeployResult.AppResult bad = result.apps().get(0);
            String log = String.join("\n", s.log);
            assertFalse(result.succeeded());
            assertEquals("failed", bad.verdict(), log);
            assertTrue(bad.reason().startsWith("consumer service " + CONSUMER + " failed its gate: new task "), bad.reason());
            assertTrue(bad.reason().contains("php-fpm exited with code 3"), bad.reason());
            assertTrue(bad.evidence().stream().anyMatch(e -> e.startsWith(CONSUMER + ": task ") && e.contains("php-fpm exit code 3")),
                    bad.evidence().toString());
            assertTrue(log.contains("failed: consumer service " + CONSUMER + " failed its gate"), log);

            DeployResult.WorkerResult consumer = worker(bad, CONSUMER);
            assertEquals("failed", consumer.verdict());
            assertTrue(consumer.reason().contains("exited with code 3"), consumer.reason());
            DeployResult.WorkerResult cron = worker(bad, CRON);
            assertEquals("passed", cron.verdict(), "the cron's own rollout was healthy: " + cron.reason());

            // Everything back on build a, each through the gate.
            assertEquals("update to previous revision", bad.rollback().how());
            assertEquals("passed", bad.rollback().verdict(), bad.rollback().reason());
            assertEquals(good.taskDefinition(), bad.rollback().taskDefinition());
            assertEquals(good.taskDefinition(), s.service("magento", "app").taskDefinition());
            for (DeployResult.WorkerResult w : List.of(consumer, cron)) {
                DeployResult.WorkerResult before = worker(good, w.service());
                assertNotNull(w.rollback(), w.service());
                assertEquals("passed", w.rollback().verdict(), w.service() + ": " + w.rollback().reason());
                assertEquals(before.taskDefinition(), w.rollback().taskDefinition(), w.service());
                assertEquals(before.taskDefinition(), worker(s, w.service()).taskDefinition(), w.service());
                assertEquals(before.taskDefinition(), w.previousTaskDefinition());
            }
            s.f.advanceUntil(Duration.ofMinutes(3), () -> worker(s, CONSUMER).runningCount() == 1);
            String history = s.f.session().ssm().getParameter(r -> r.name("/magecloudkit/shop/staging/magento/deploy-history"))
                    .parameter().value();
            assertTrue(history.contains("\"verdict\":\"failed\",\"reason\":\"consumer service " + CONSUMER), history);
        }
    }

    @Test
    void rollback_movesTheWorkersToTheRevisionsThatRanWithTheTarget_andStatusShowsThem() throws Exception {
        try (DeployScenario s = scenario()) {
            DeployResult.AppResult v1 = DeployerSandboxTest.deploy(s, 'a');
            DeployResult.AppResult v2 = DeployerSandboxTest.deploy(s, 'b');
            assertEquals("passed", v2.verdict(), String.join("\n", s.log));
            assertTrue(worker(s, CRON).taskDefinition().endsWith(CRON + ":2"));
            DeployRequest one = s.request(List.of("magento"), Map.of(),
                    new DeployRequest.GateOptions(s.smokeUrl(), false, true, null), () -> false);
            DeployResult.AppResult back = s.deployer().rollback(one, null, s.sink()).apps().get(0);
            String log = String.join("\n", s.log);
            assertEquals("passed", back.verdict(), log);
            assertEquals(v1.taskDefinition(), s.service("magento", "app").taskDefinition());
            for (String name : List.of(CRON, CONSUMER)) {
                DeployResult.WorkerResult w = worker(back, name);
                assertEquals("rolled back passed", w.action() + " " + w.verdict(), w.reason());
                assertEquals(worker(v1, name).taskDefinition(), worker(s, name).taskDefinition());
                assertEquals(worker(v1, name).taskDefinition(), w.taskDefinition());
                assertEquals(worker(v2, name).taskDefinition(), w.previousTaskDefinition());
                assertTrue(log.contains("moving " + w.role() + " service " + name + " to " + name + ":1"), log);
            }

            StatusReport.AppStatus status = s.deployer().status(one, s.sink()).apps().get(0);
            assertEquals(List.of(CRON, CONSUMER), status.workers().stream().map(StatusReport.WorkerStatus::service).toList());
            StatusReport.WorkerStatus cron = status.workers().get(0);
            assertEquals("cron", cron.role());
            assertEquals(CRON + ":1", cron.revision());
            assertEquals(1, cron.desired());
            assertEquals(1, cron.running() + cron.pending());
            assertTrue(cron.deployments().get(0).startsWith("PRIMARY "), cron.deployments().toString());
            assertEquals("rollback", cron.lastDeploy().kind());
            assertEquals("passed", cron.lastDeploy().verdict());
            assertEquals("shop-staging-magento:2", cron.lastDeploy().revision());
        }
    }
}
