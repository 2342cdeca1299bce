package io.magecloudkit.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.magecloudkit.EventSink;
import io.magecloudkit.sandbox.ecs.CommandRule;
import io.magecloudkit.sandbox.ecs.LaunchTimings;
import io.magecloudkit.sandbox.faults.FaultConfig;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.ecs.model.Service;
import software.amazon.awssdk.services.ssm.model.ParameterNotFoundException;

/**
 * The app's cron service against the sandbox: created by the deploy with the worker loop and no load
 * balancer, moved with each build, paused while setup:upgrade runs and resumed on every path.
 */
class CronServiceSandboxTest {
    static final String CLUSTER = "shop-staging-app";
    static final String CRON = "shop-staging-magento-cron";
    static final String RECORD = "/magecloudkit/shop/staging/magento/cron-paused";

    /**
     * Tasks start in 3 simulated seconds instead of ECS's 25. This class spends its time on SDK calls, not
     * waits (tens of milliseconds each in a loaded build): every poll of the gate, of the release phase's
     * one-off tasks and of CronPause is one, and the default 20 s image pulls alone made a few hundred per
     * test without changing anything tested. For the same reason the upgrades that are cancelled run 60 s,
     * not 300 or 600: the line that cancels them is printed halfway through, after one poll every 2 s.
     */
    static final LaunchTimings QUICK = new LaunchTimings(1, 1, 1, 1, null);

    /** The one-off tasks' command rules, with the quick launch timings (a PUT replaces both). */
    static void commands(DeployScenario s, CommandRule... rules) {
        s.f.sandbox().faults(new FaultConfig(null, List.of(), List.of(), List.of(), List.of(rules), QUICK, List.of()));
    }

    static Service cron(DeployScenario s) {
        return s.f.session().ecs().describeServices(r -> r.cluster(CLUSTER).services(CRON)).services().get(0);
    }

    static void awaitCronRunning(DeployScenario s, int count) {
        s.f.advanceUntil(Duration.ofMinutes(3), () -> cron(s).runningCount() == count && cron(s).pendingCount() == 0);
    }

    static DeployResult.AppResult deploy(DeployScenario s, char build, EventSink sink) {
        return s.deployer().deploy(s.request(DeployScenario.build(build)), sink).apps().get(0);
    }

    @Test
    void theDeployCreatesTheCronService_withTheLoopingCommand_andNoLoadBalancer_thenMovesItWithEachBuild() throws Exception {
        String apps = DeployScenario.ONE_APP + "    consumers:\n      services:\n        async.operations.all: {}\n";
        try (DeployScenario s = new DeployScenario(DeployScenario.yaml(apps, ""))) {
            commands(s);
            s.service("magento", "app", "nginx", 8080);
            DeployResult.AppResult first = DeployerSandboxTest.deploy(s, 'a');
            assertEquals("passed", first.verdict(), String.join("\n", s.log));
            assertEquals(List.of("cron created", "consumer created"), first.workers().stream()
                    .map(w -> w.role() + " " + w.action()).toList());
            Service consumer = s.f.session().ecs().describeServices(r -> r.cluster(CLUSTER)
                    .services("shop-staging-magento-consumer-async-operations-all")).services().get(0);
            assertEquals(1, consumer.desiredCount());
            assertTrue(consumer.loadBalancers().isEmpty());
            assertTrue(s.f.session().ecs().describeTaskDefinition(r -> r.taskDefinition(consumer.taskDefinition())).taskDefinition()
                    .containerDefinitions().get(0).command().contains("async.operations.all"));
            Service cron = cron(s);
            assertEquals(1, cron.desiredCount());
            assertTrue(cron.loadBalancers().isEmpty());
            assertEquals(0, cron.deploymentConfiguration().minimumHealthyPercent());
            assertEquals(100, cron.deploymentConfiguration().maximumPercent());
            var td = s.f.session().ecs().describeTaskDefinition(r -> r.taskDefinition(cron.taskDefinition())).taskDefinition();
            assertEquals(CRON, td.family());
            assertEquals(List.of("php-fpm"), td.containerDefinitions().stream().map(c -> c.name()).toList());
            var container = td.containerDefinitions().get(0);
            assertEquals("registry.example/shop/php-fpm@" + DeployScenario.digest('a'), container.image());
            assertEquals(List.of("php", "bin/magento", "cron:run"), container.command().subList(5, 8));
            assertTrue(container.portMappings().isEmpty());
            assertNull(container.healthCheck());
            awaitCronRunning(s, 1);

            DeployResult.AppResult same = DeployerSandboxTest.deploy(s, 'a');
            assertEquals(List.of("unchanged", "unchanged"), same.workers().stream().map(DeployResult.WorkerResult::action).toList(),
                    String.join("\n", s.log));
            assertTrue(same.workers().get(0).reusedTaskDefinition());
            assertEquals(cron.taskDefinition(), cron(s).taskDefinition());

            DeployResult.AppResult next = DeployerSandboxTest.deploy(s, 'b');
            assertEquals("updated", next.workers().get(0).action());
            assertTrue(cron(s).taskDefinition().endsWith(CRON + ":2"), cron(s).taskDefinition());
        }
    }

    static DeployScenario releaseScenario() throws Exception {
        DeployScenario s = new DeployScenario(DeployScenario.yaml(DeployScenario.RELEASE_APP, ""));
        commands(s);
        s.service("magento", "app", "nginx", 8080);
        commands(s, ReleasePhaseSandboxTest.rule("setup:db:status", 0, 3));
        assertEquals("passed", DeployerSandboxTest.deploy(s, 'a').verdict(), String.join("\n", s.log));
        awaitCronRunning(s, 1);
        s.log.clear();
        return s;
    }

    /** The deploy's log, plus the cron service's desired/running counts whenever the upgrade prints a line. */
    record Watch(List<String> counts, EventSink sink) {
        static Watch of(DeployScenario s) {
            List<String> counts = new ArrayList<>();
            return new Watch(counts, (level, message) -> {
                s.log.add(level + " " + message);
                if (message.contains("| Updating modules")) {
                    Service c = cron(s);
                    counts.add(c.desiredCount() + "/" + c.runningCount() + "/" + c.pendingCount());
                }
            });
        }
    }

    @Test
    void setupUpgrade_runsWithCronStopped_andCronIsResumedAfter() throws Exception {
        try (DeployScenario s = releaseScenario()) {
            commands(s, ReleasePhaseSandboxTest.rule("setup:db:status", 2, 3),
                    ReleasePhaseSandboxTest.rule("setup:upgrade", 0, 60, "Updating modules 1", "Updating modules 2",
                            "Updating modules 3"));
            Watch watch = Watch.of(s);
            DeployResult.AppResult app = deploy(s, 'b', watch.sink());
            String log = String.join("\n", s.log);
            assertEquals("passed", app.verdict(), log);
            assertEquals(List.of("0/0/0", "0/0/0", "0/0/0"), watch.counts(), "desired/running/pending while setup:upgrade ran");
            CronPause.Report pause = app.cronPause();
            assertEquals("resumed", pause.outcome());
            assertEquals(List.of(new CronPause.PausedService(CRON, 1, 1)), pause.services());
            var json = new com.fasterxml.jackson.databind.ObjectMapper().valueToTree(app);
            assertEquals("resumed", json.at("/cronPause/outcome").asText(), json.toString());
            assertEquals(1, json.at("/cronPause/services/0/desiredCount").asInt(), json.toString());
            assertEquals("updated", json.at("/workers/0/action").asText(), json.toString());
            assertTrue(log.indexOf("cron paused") < log.indexOf("running bin/magento setup:upgrade"), log);
            assertTrue(log.indexOf("setup:upgrade --keep-generated exited 0") < log.indexOf("cron resumed"), log);
            assertEquals(1, cron(s).desiredCount());
            assertThrows(ParameterNotFoundException.class, () -> s.f.session().ssm().getParameter(r -> r.name(RECORD)));
            awaitCronRunning(s, 1);
        }
    }

    @Test
    void aFailedUpgrade_stillResumesCron() throws Exception {
        try (DeployScenario s = releaseScenario()) {
            commands(s, ReleasePhaseSandboxTest.rule("setup:db:status", 2, 3),
                    ReleasePhaseSandboxTest.rule("setup:upgrade", 1, 10, "Updating modules", "SQLSTATE[HY000]: Lock wait timeout"));
            Watch watch = Watch.of(s);
            DeployResult.AppResult app = deploy(s, 'b', watch.sink());
            assertEquals("failed", app.verdict());
            assertEquals("setup:upgrade failed: exit 1", app.reason());
            assertEquals(List.of("0/0/0"), watch.counts());
            assertEquals("resumed", app.cronPause().outcome());
            assertEquals(1, cron(s).desiredCount());
            assertTrue(cron(s).taskDefinition().endsWith(CRON + ":1"), "cron stays on the build that ran before");
            assertThrows(ParameterNotFoundException.class, () -> s.f.session().ssm().getParameter(r -> r.name(RECORD)));
        }
    }

    @Test
    void aCancelledUpgrade_stillResumesCron() throws Exception {
        try (DeployScenario s = releaseScenario()) {
            commands(s, ReleasePhaseSandboxTest.rule("setup:db:status", 2, 3),
                    ReleasePhaseSandboxTest.rule("setup:upgrade", 0, 60, "Updating modules"));
            var request = s.request(List.of(), DeployScenario.build('b'),
                    new DeployRequest.GateOptions(s.smokeUrl(), false, false, null),
                    () -> s.log.stream().anyMatch(l -> l.contains("| Updating modules")));
            DeployResult.AppResult app = s.deployer().deploy(request, s.sink()).apps().get(0);
            assertEquals("failed", app.verdict());
            assertEquals("resumed", app.cronPause().outcome(), String.join("\n", s.log));
            assertEquals(1, cron(s).desiredCount());
        }
    }

    @Test
    void anExceptionDuringTheUpgrade_stillResumesCron() throws Exception {
        try (DeployScenario s = releaseScenario()) {
            var status = ReleasePhaseSandboxTest.rule("setup:db:status", 2, 3);
            var upgrade = ReleasePhaseSandboxTest.rule("setup:upgrade", 0, 60, "Updating modules");
            commands(s, status, upgrade);
            // ECS stops answering DescribeTasks while the upgrade runs: the release phase throws.
            EventSink sink = (level, message) -> {
                s.log.add(level + " " + message);
                if (message.contains("| Updating modules")) {
                    s.f.sandbox().faults(new FaultConfig(null, List.of(
                            new FaultConfig.RequestFault("ecs", "DescribeTasks", 0, 1, 0, 0, 0)),
                            List.of(), List.of(), List.of(status, upgrade), QUICK, List.of()));
                }
            };
            RuntimeException e = assertThrows(RuntimeException.class, () -> deploy(s, 'b', sink));
            String log = String.join("\n", s.log);
            assertTrue(log.contains("cron resumed: " + CRON + " (desired 1)"), e + "\n" + log);
            commands(s);
            assertEquals(1, cron(s).desiredCount());
            assertThrows(ParameterNotFoundException.class, () -> s.f.session().ssm().getParameter(r -> r.name(RECORD)));
        }
    }

    @Test
    void aRunKilledWhileCronWasPaused_leavesARecord_andTheNextDeployRestoresCron() throws Exception {
        try (DeployScenario s = releaseScenario()) {
            // What a deploy killed (SIGKILL) during setup:upgrade leaves behind: cron at 0 and the record.
            CronPause killed = new CronPause(s.f.session(), CLUSTER, List.of(CRON), RECORD, s.clock(), () -> false, s.sink(), "",
                    "jenkins-shop-deploy-6");
            assertNull(killed.pause());
            assertEquals(0, cron(s).desiredCount());
            String record = s.f.session().ssm().getParameter(r -> r.name(RECORD)).parameter().value();
            assertTrue(record.contains("\"" + CRON + "\":1") && record.contains("jenkins-shop-deploy-6"), record);

            commands(s, ReleasePhaseSandboxTest.rule("setup:db:status", 0, 3));
            DeployResult.AppResult rerun = DeployerSandboxTest.deploy(s, 'a');
            String log = String.join("\n", s.log);
            assertEquals("passed", rerun.verdict(), log);
            assertTrue(log.contains("an earlier deploy (jenkins-shop-deploy-6, "), log);
            assertTrue(log.contains("left " + CRON + " paused: restoring"), log);
            assertEquals(1, cron(s).desiredCount());
            assertThrows(ParameterNotFoundException.class, () -> s.f.session().ssm().getParameter(r -> r.name(RECORD)));
            awaitCronRunning(s, 1);
        }
    }

    @Test
    void cronStaysPaused_whileAKilledRunsUpgradeStillRuns_andIsRestoredOnceItIsOver() throws Exception {
        try (DeployScenario s = releaseScenario()) {
            commands(s, ReleasePhaseSandboxTest.rule("setup:db:status", 0, 3),
                    ReleasePhaseSandboxTest.rule("setup:upgrade", 0, 60, "Updating modules:"));
            // What a run killed during setup:upgrade leaves: cron at 0 with its record, and the upgrade, which ECS carries on.
            assertNull(new CronPause(s.f.session(), CLUSTER, List.of(CRON), RECORD, s.clock(), () -> false, s.sink(), "", "killed")
                    .pause());
            var ecs = s.f.session().ecs();
            String running = s.service("magento", "app").taskDefinition();
            String orphan = ecs.runTask(r -> r.cluster(CLUSTER).taskDefinition(running).startedBy("mck")
                    .overrides(o -> o.containerOverrides(c -> c.name("php-fpm").command(ReleasePhase.UPGRADE))))
                    .tasks().get(0).taskArn();
            var request = s.request(List.of(), DeployScenario.build('b'), new DeployRequest.GateOptions(s.smokeUrl(), false, false, null),
                    () -> s.log.stream().anyMatch(l -> l.contains("| Updating modules:")));
            DeployResult.AppResult waited = s.deployer().deploy(request, s.sink()).apps().get(0);
            assertTrue(waited.reason().startsWith("an earlier run's setup:upgrade still runs"), waited.reason());
            assertEquals(0, cron(s).desiredCount(), "cron stays paused while that upgrade runs");
            s.f.session().ssm().getParameter(r -> r.name(RECORD));

            s.f.advanceUntil(Duration.ofMinutes(10), () -> "STOPPED".equals(ecs.describeTasks(r -> r.cluster(CLUSTER).tasks(orphan))
                    .tasks().get(0).lastStatus()));
            s.log.clear();
            DeployResult.AppResult rerun = DeployerSandboxTest.deploy(s, 'b');
            assertEquals("passed", rerun.verdict(), String.join("\n", s.log));
            assertEquals("restored", rerun.cronPause().outcome());
            assertEquals(1, cron(s).desiredCount());
            assertThrows(ParameterNotFoundException.class, () -> s.f.session().ssm().getParameter(r -> r.name(RECORD)));
        }
    }

    @Test
    void aPauseDuringAnUpgrade_remembersTheCountsARunBeforeLeft_ratherThanTheZeroItFinds() throws Exception {
        try (DeployScenario s = releaseScenario()) {
            CronPause first = new CronPause(s.f.session(), CLUSTER, List.of(CRON), RECORD, s.clock(), () -> false, s.sink(), "", "a");
            assertNull(first.pause());
            CronPause second = new CronPause(s.f.session(), CLUSTER, List.of(CRON), RECORD, s.clock(), () -> false, s.sink(), "", "b");
            assertNull(second.pause());
            second.resume();
            assertEquals(List.of(new CronPause.PausedService(CRON, 1, 0)), second.report().services());
            assertEquals(1, cron(s).desiredCount());
            assertFalse(s.log.isEmpty());
        }
    }
}
