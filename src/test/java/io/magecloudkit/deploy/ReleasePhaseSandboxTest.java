package io.magecloudkit.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.magecloudkit.sandbox.botocore.AwsCli;
import io.magecloudkit.sandbox.ecs.CommandRule;
import io.magecloudkit.sandbox.faults.FaultConfig;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.ecs.model.Task;

/** The release phase (setup:db:status, setup:upgrade, maintenance mode) against the sandbox. */
class ReleasePhaseSandboxTest {

    static DeployScenario scenario() throws Exception {
        DeployScenario s = new DeployScenario(DeployScenario.yaml(DeployScenario.RELEASE_APP, ""));
        s.service("magento", "app", "nginx", 8080);
        return s;
    }

    static void commands(DeployScenario s, CommandRule... rules) {
        s.f.sandbox().faults(new FaultConfig(null, List.of(), List.of(), List.of(), List.of(rules)));
    }

    static CommandRule rule(String command, int exit, int seconds, String... output) {
        return new CommandRule(null, null, null, command, exit, seconds, List.of(output));
    }

    /** The commands the one-off tasks ran, in the order they started, as DescribeTasks shows their overrides. */
    static List<String> ran(DeployScenario s) {
        var ecs = s.f.session().ecs();
        String cluster = "shop-staging-app";
        List<String> arns = new ArrayList<>(ecs.listTasks(r -> r.cluster(cluster).startedBy("mck")
                .desiredStatus(software.amazon.awssdk.services.ecs.model.DesiredStatus.STOPPED)).taskArns());
        if (arns.isEmpty()) {
            return List.of();
        }
        return ecs.describeTasks(r -> r.cluster(cluster).tasks(arns)).tasks().stream()
                .sorted(Comparator.comparing(Task::createdAt))
                .map(t -> String.join(" ", t.overrides().containerOverrides().get(0).command()).replace("bin/magento ", ""))
                .toList();
    }

    @Test
    void noUpgradeNeeded_onlyStatusAndTheSafetyDisable_thenTheServiceMoves() throws Exception {
        try (DeployScenario s = scenario()) {
            commands(s, rule("setup:db:status", 0, 3, "All modules are up to date."));
            DeployResult.AppResult app = DeployerSandboxTest.deploy(s, 'a');
            assertEquals("passed", app.verdict(), String.join("\n", s.log));
            assertEquals(List.of("setup:db:status", "maintenance:disable"), ran(s));
            assertTrue(s.log.contains("INFO   | All modules are up to date."), String.join("\n", s.log));
            assertEquals(0, app.release().get(0).exitCode());
            assertEquals(List.of("All modules are up to date."), app.release().get(0).tail());
            assertEquals(app.taskDefinition(), s.service("magento", "app").taskDefinition());
        }
    }

    @Test
    void upgradeNeeded_runsInMaintenanceMode_beforeTheServiceMoves() throws Exception {
        try (DeployScenario s = scenario()) {
            commands(s, rule("setup:db:status", 2, 3, "Declarative Schema is not up to date"),
                    rule("setup:upgrade", 0, 20, "Updating modules:", "Schema post-updates:"));
            DeployResult.AppResult app = DeployerSandboxTest.deploy(s, 'a');
            assertEquals("passed", app.verdict(), String.join("\n", s.log));
            assertEquals(List.of("setup:db:status", "maintenance:enable", "setup:upgrade --keep-generated",
                    "maintenance:disable"), ran(s));
            String log = String.join("\n", s.log);
            assertTrue(log.indexOf("| Declarative Schema is not up to date") < log.indexOf("| Updating modules:"), log);
            assertTrue(log.indexOf("| Schema post-updates:") < log.indexOf("updated shop-staging-magento"), log);
            assertEquals(List.of(2, 0, 0, 0), app.release().stream().map(OneOffTask.Result::exitCode).toList());
            assertEquals(app.taskDefinition(), s.service("magento", "app").taskDefinition());
        }
    }

    /**
     * A second client, the Debian awscli, finds the release tasks the way an operator would (the tasks
     * mck started, their task definition's awslogs options) and reads their log events: the lines the
     * commands printed, the same the deploy streamed and kept in its result.
     */
    @Test
    void theAwsCli_readsTheReleaseTasksLogEvents() throws Exception {
        try (DeployScenario s = scenario()) {
            commands(s, rule("setup:db:status", 2, 3, "Declarative Schema is not up to date", "Run 'setup:upgrade' to update your DB schema."),
                    rule("setup:upgrade", 0, 20, "Updating modules:", "Schema creation/updates:", "Schema post-updates:"));
            DeployResult.AppResult app = DeployerSandboxTest.deploy(s, 'a');
            assertEquals("passed", app.verdict(), String.join("\n", s.log));

            AwsCli aws = new AwsCli(s.f.endpoint());
            String cluster = "shop-staging-app";
            List<String> arns = texts(aws.run("ecs", "list-tasks", "--cluster", cluster, "--started-by", "mck",
                    "--desired-status", "STOPPED").assertOk().json().orElseThrow().path("taskArns"));
            List<String> describe = new ArrayList<>(List.of("ecs", "describe-tasks", "--cluster", cluster, "--tasks"));
            describe.addAll(arns);
            JsonNode tasks = aws.run(describe.toArray(String[]::new)).assertOk().json().orElseThrow().path("tasks");
            JsonNode upgrade = task(tasks, "bin/magento setup:upgrade --keep-generated");
            JsonNode status = task(tasks, "bin/magento setup:db:status");

            JsonNode phpFpm = StreamSupport.stream(aws.run("ecs", "describe-task-definition", "--task-definition",
                    upgrade.path("taskDefinitionArn").asText()).assertOk().json().orElseThrow()
                    .path("taskDefinition").path("containerDefinitions").spliterator(), false)
                    .filter(c -> c.path("name").asText().equals("php-fpm")).findFirst().orElseThrow();
            JsonNode options = phpFpm.path("logConfiguration").path("options");
            String group = options.path("awslogs-group").asText();
            String streams = options.path("awslogs-stream-prefix").asText() + "/php-fpm/";
            assertEquals("/magecloudkit/shop/staging", group);

            JsonNode events = aws.run("logs", "get-log-events", "--log-group-name", group, "--log-stream-name",
                    streams + id(upgrade), "--start-from-head").assertOk().json().orElseThrow().path("events");
            List<String> upgradeLines = texts(events, "message");
            assertEquals(List.of("Updating modules:", "Schema creation/updates:", "Schema post-updates:"), upgradeLines);
            OneOffTask.Result kept = app.release().get(2);
            assertEquals(upgrade.path("taskArn").asText(), kept.taskArn());
            assertEquals(upgradeLines, kept.tail(), "the deploy's result keeps what CloudWatch Logs holds");

            JsonNode found = aws.run("logs", "filter-log-events", "--log-group-name", group, "--log-stream-name-prefix", streams,
                    "--filter-pattern", "\"Declarative Schema\"").assertOk().json().orElseThrow().path("events");
            assertEquals(List.of("Declarative Schema is not up to date"), texts(found, "message"));
            assertEquals(streams + id(status), found.get(0).path("logStreamName").asText());
        }
    }

    private static JsonNode task(JsonNode tasks, String command) {
        return StreamSupport.stream(tasks.spliterator(), false)
                .filter(t -> String.join(" ", texts(t.path("overrides").path("containerOverrides").get(0).path("command"))).equals(command))
                .findFirst().orElseThrow(() -> new AssertionError("no one-off task ran " + command + ": " + tasks));
    }

    private static String id(JsonNode task) {
        String arn = task.path("taskArn").asText();
        return arn.substring(arn.lastIndexOf('/') + 1);
    }

    private static List<String> texts(JsonNode array) {
        return StreamSupport.stream(array.spliterator(), false).map(JsonNode::asText).toList();
    }

    private static List<String> texts(JsonNode array, String field) {
        return StreamSupport.stream(array.spliterator(), false).map(e -> e.path(field).asText()).toList();
    }

    @Test
    void anEarlierUpgradeStillRunning_isWaitedFor_neverStopped_andMaintenanceLeftAsItIs() throws Exception {
        try (DeployScenario s = scenario()) {
            commands(s, rule("setup:db:status", 0, 3), rule("setup:upgrade", 0, 600, "Updating modules:"));
            DeployResult.AppResult first = DeployerSandboxTest.deploy(s, 'a');
            assertEquals("passed", first.verdict(), String.join("\n", s.log));
            // What a killed run leaves: its setup:upgrade, which ECS carries on.
            var ecs = s.f.session().ecs();
            String orphan = ecs.runTask(r -> r.cluster("shop-staging-app").taskDefinition(first.taskDefinition()).startedBy("mck")
                    .networkConfiguration(s.service("magento", "app").networkConfiguration())
                    .overrides(o -> o.containerOverrides(c -> c.name("php-fpm").command(ReleasePhase.UPGRADE))))
                    .tasks().get(0).taskArn();
            s.log.clear();
            var request = s.request(List.of(), DeployScenario.build('b'), new DeployRequest.GateOptions(s.smokeUrl(), false, false, null),
                    () -> s.log.stream().anyMatch(l -> l.contains("| Updating modules:")));
            DeployResult.AppResult second = s.deployer().deploy(request, s.sink()).apps().get(0);
            assertEquals("failed", second.verdict(), String.join("\n", s.log));
            assertEquals("an earlier run's setup:upgrade still runs (" + orphan + "): cancelled", second.reason());
            assertEquals(first.taskDefinition(), s.service("magento", "app").taskDefinition());
            var task = ecs.describeTasks(r -> r.cluster("shop-staging-app").tasks(orphan)).tasks().get(0);
            assertEquals("RUNNING", task.lastStatus(), "never stopped midway");
            assertEquals(List.of("setup:db:status", "maintenance:disable"), ran(s),
                    "only the first deploy's tasks: no status, no second upgrade, no maintenance:disable under the running one");
        }
    }

    @Test
    void failingUpgrade_stopsBeforeTheServiceChanges_andDisablesMaintenance() throws Exception {
        try (DeployScenario s = scenario()) {
            String before = s.service("magento", "app").taskDefinition();
            commands(s, rule("setup:db:status", 2, 3), rule("setup:upgrade", 1, 10, "SQLSTATE[42S01]: Base table exists"));
            DeployResult result = s.deployer().deploy(s.request(DeployScenario.build('a')), s.sink());
            DeployResult.AppResult app = result.apps().get(0);
            assertEquals("failed", app.verdict(), String.join("\n", s.log));
            assertEquals("setup:upgrade failed: exit 1", app.reason());
            assertEquals(List.of("setup:db:status", "maintenance:enable", "setup:upgrade --keep-generated",
                    "maintenance:disable"), ran(s));
            assertEquals(before, s.service("magento", "app").taskDefinition());
            assertTrue(s.log.contains("INFO   | SQLSTATE[42S01]: Base table exists"), String.join("\n", s.log));
            assertTrue(app.release().get(2).tail().contains("SQLSTATE[42S01]: Base table exists"));
            assertTrue(!result.succeeded(), "the CLI exits 1 when a deploy did not succeed");
        }
    }

    @Test
    void statusFailing_stopsTheDeploy() throws Exception {
        try (DeployScenario s = scenario()) {
            String before = s.service("magento", "app").taskDefinition();
            commands(s, rule("setup:db:status", 1, 3, "SQLSTATE[HY000] [2002] Connection refused"));
            DeployResult.AppResult app = DeployerSandboxTest.deploy(s, 'a');
            assertEquals("failed", app.verdict());
            assertEquals("setup:db:status exited 1", app.reason());
            assertEquals(List.of("setup:db:status", "maintenance:disable"), ran(s));
            assertEquals(before, s.service("magento", "app").taskDefinition());
        }
    }

    @Test
    void cancelledUpgrade_stillDisablesMaintenance_andARerunClearsTheFlagToo() throws Exception {
        try (DeployScenario s = scenario()) {
            String before = s.service("magento", "app").taskDefinition();
            commands(s, rule("setup:db:status", 2, 3), rule("setup:upgrade", 0, 600, "Updating modules:"));
            java.util.concurrent.atomic.AtomicBoolean cancel = new java.util.concurrent.atomic.AtomicBoolean();
            s.log.clear();
            var request = s.request(List.of(), DeployScenario.build('a'),
                    new DeployRequest.GateOptions(s.smokeUrl(), false, false, null),
                    () -> cancel.get() || s.log.stream().anyMatch(l -> l.contains("| Updating modules:") && cancel.compareAndSet(false, true)));
            DeployResult.AppResult killed = s.deployer().deploy(request, s.sink()).apps().get(0);
            assertEquals("failed", killed.verdict(), String.join("\n", s.log));
            assertTrue(killed.reason().startsWith("setup:upgrade failed: not run: cancelled"), killed.reason());
            assertEquals(before, s.service("magento", "app").taskDefinition());
            assertEquals(List.of("setup:db:status", "maintenance:enable", "setup:upgrade --keep-generated",
                    "maintenance:disable"), ran(s));
            commands(s, rule("setup:db:status", 0, 3));
            DeployResult.AppResult rerun = DeployerSandboxTest.deploy(s, 'a');
            assertEquals("passed", rerun.verdict(), String.join("\n", s.log));
            assertEquals(List.of("setup:db:status", "maintenance:enable", "setup:upgrade --keep-generated",
                    "maintenance:disable", "setup:db:status", "maintenance:disable"), ran(s));
        }
    }
}
