package io.magecloudkit.sandbox;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.magecloudkit.sandbox.botocore.AwsCli;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.cloudwatchlogs.CloudWatchLogsClient;
import software.amazon.awssdk.services.cloudwatchlogs.model.GetLogEventsResponse;
import software.amazon.awssdk.services.cloudwatchlogs.model.OutputLogEvent;
import software.amazon.awssdk.services.ecs.EcsClient;
import software.amazon.awssdk.services.ecs.model.Container;
import software.amazon.awssdk.services.ecs.model.ContainerDefinition;
import software.amazon.awssdk.services.ecs.model.InvalidParameterException;
import software.amazon.awssdk.services.ecs.model.LogDriver;
import software.amazon.awssdk.services.ecs.model.Task;

/**
 * One-off tasks as the release phase runs them: RunTask with the php-fpm container's command
 * overridden, the task running to its command's exit code as the faults file's commands rules
 * say, its output in the awslogs stream ECS names, read by the SDK and by the awscli.
 */
class OneOffTaskTest {
    private static final String RULES = """
            commands:
              - command: setup:db:status
                exitCode: 2
                durationSeconds: 8
                output:
                  - "Declarative Schema is not up to date"
                  - "Run 'setup:upgrade' to update your DB schema and data."
            """;

    @Test
    void releaseCommand_exitsWithItsRuleAndItsOutputReachesCloudWatchLogs() {
        try (SandboxFixture f = SandboxFixture.builder().sandbox(c -> c.speed(0.001)).start()) {
            f.admin("PUT", "faults", RULES);
            EcsClient ecs = f.session().ecs();
            String td = magento(ecs, false);
            // Without awslogs-create-group the group must exist, as the deploy's preflight makes sure.
            f.session().logs().createLogGroup(r -> r.logGroupName("/mck/shop"));
            assertEquals("/mck/shop", f.session().logs().describeLogGroups(r -> r.logGroupNamePrefix("/mck/"))
                    .logGroups().get(0).logGroupName());
            Task started = ecs.runTask(r -> r.cluster("shop").taskDefinition(td).startedBy("mck-release")
                    .overrides(o -> o.containerOverrides(c -> c.name("php-fpm").command("bin/magento", "setup:db:status")
                            .environment(e -> e.name("MAGE_MODE").value("production"))))).tasks().get(0);
            String taskId = started.taskArn().substring(started.taskArn().lastIndexOf('/') + 1);

            f.advanceUntil(Duration.ofMinutes(2), () -> "STOPPED".equals(describe(ecs, started.taskArn()).lastStatus()));
            Task stopped = describe(ecs, started.taskArn());
            assertEquals("Essential container in task exited", stopped.stoppedReason());
            assertEquals("EssentialContainerExited", stopped.stopCodeAsString());
            assertEquals(2, container(stopped, "php-fpm").exitCode());
            assertEquals(0, container(stopped, "nginx").exitCode(), "the other containers are stopped with the task");
            var override = stopped.overrides().containerOverrides().get(0);
            assertEquals(List.of("bin/magento", "setup:db:status"), override.command());
            assertEquals("production", override.environment().get(0).value());
            long runMillis = stopped.stoppingAt().toEpochMilli() - stopped.startedAt().toEpochMilli();
            assertTrue(runMillis >= 8000 && runMillis <= 9000, "ran " + runMillis + " ms of sandbox time");

            CloudWatchLogsClient logs = f.session().logs();
            String stream = "release/php-fpm/" + taskId;
            assertEquals(List.of(stream), logs.describeLogStreams(r -> r.logGroupName("/mck/shop")).logStreams().stream()
                    .map(s -> s.logStreamName()).toList());
            GetLogEventsResponse page = logs.getLogEvents(r -> r.logGroupName("/mck/shop").logStreamName(stream).startFromHead(true));
            assertEquals(List.of("Declarative Schema is not up to date", "Run 'setup:upgrade' to update your DB schema and data."),
                    page.events().stream().map(OutputLogEvent::message).toList());
            for (OutputLogEvent e : page.events()) {
                assertTrue(e.timestamp() > stopped.startedAt().toEpochMilli() && e.timestamp() <= stopped.stoppingAt().toEpochMilli(),
                        "stamped with the sandbox clock while the command ran: " + e);
            }
            // At the end of the stream the forward token comes back unchanged: that is how a reader knows.
            GetLogEventsResponse end = logs.getLogEvents(r -> r.logGroupName("/mck/shop").logStreamName(stream)
                    .nextToken(page.nextForwardToken()));
            assertTrue(end.events().isEmpty());
            assertEquals(page.nextForwardToken(), end.nextForwardToken());
            assertEquals(List.of("Run 'setup:upgrade' to update your DB schema and data."), logs.filterLogEvents(r -> r
                    .logGroupName("/mck/shop").filterPattern("\"setup:upgrade\"")).events().stream().map(e -> e.message()).toList());

            // The awscli, a second client, reads the same events.
            AwsCli.Result cli = new AwsCli(f.endpoint()).run("logs", "get-log-events", "--log-group-name", "/mck/shop",
                    "--log-stream-name", stream, "--start-from-head");
            cli.assertOk();
            JsonNode events = cli.json().orElseThrow().path("events");
            assertEquals(2, events.size());
            assertEquals("Declarative Schema is not up to date", events.get(0).path("message").asText());
            assertEquals(page.events().get(0).timestamp(), events.get(0).path("timestamp").asLong());
            AwsCli.Result tasks = new AwsCli(f.endpoint()).run("ecs", "describe-tasks", "--cluster", "shop", "--tasks", started.taskArn());
            tasks.assertOk();
            JsonNode task = tasks.json().orElseThrow().path("tasks").get(0);
            assertEquals("Essential container in task exited", task.path("stoppedReason").asText());
            assertEquals("setup:db:status", task.at("/overrides/containerOverrides/0/command/1").asText());
            for (JsonNode c : task.path("containers")) {
                assertEquals(c.path("name").asText().equals("php-fpm") ? 2 : 0, c.path("exitCode").asInt(), c.toString());
            }
            assertTrue(f.validator().validatedOperations().keySet().containsAll(List.of("logs:CreateLogGroup", "logs:DescribeLogGroups",
                    "logs:GetLogEvents", "logs:FilterLogEvents", "logs:DescribeLogStreams", "ecs:RunTask", "ecs:DescribeTasks")), String.valueOf(f.validator().validatedOperations()));
        }
    }

    @Test
    void commandWithoutRule_exitsZeroAfterTheDefaultDuration_andATaskWithoutCommandKeepsRunning() {
        try (SandboxFixture f = SandboxFixture.builder().sandbox(c -> c.speed(0.001)).start()) {
            EcsClient ecs = f.session().ecs();
            String td = magento(ecs);
            String flush = ecs.runTask(r -> r.cluster("shop").taskDefinition(td)
                    .overrides(o -> o.containerOverrides(c -> c.name("php-fpm").command("bin/magento", "cache:flush"))))
                    .tasks().get(0).taskArn();
            String server = ecs.runTask(r -> r.cluster("shop").taskDefinition(td)).tasks().get(0).taskArn();
            f.advanceUntil(Duration.ofMinutes(2), () -> "STOPPED".equals(describe(ecs, flush).lastStatus()));
            Task flushed = describe(ecs, flush);
            assertEquals(0, container(flushed, "php-fpm").exitCode());
            assertEquals(5000, flushed.stoppingAt().toEpochMilli() - flushed.startedAt().toEpochMilli());
            String stream = "release/php-fpm/" + flush.substring(flush.lastIndexOf('/') + 1);
            assertTrue(f.session().logs().getLogEvents(r -> r.logGroupName("/mck/shop").logStreamName(stream)).events().isEmpty());

            f.sandbox().advance(Duration.ofMinutes(5));
            assertEquals("RUNNING", describe(ecs, server).lastStatus(), "php-fpm and nginx without a command are servers");
            assertNotEquals(null, describe(ecs, server).startedAt());
        }
    }

    @Test
    void missingLogGroup_stopsTheTaskBeforeItRuns_withEcsReason() {
        try (SandboxFixture f = SandboxFixture.builder().sandbox(c -> c.speed(0.001)).start()) {
            EcsClient ecs = f.session().ecs();
            String td = magento(ecs, false);
            String arn = ecs.runTask(r -> r.cluster("shop").taskDefinition(td)
                    .overrides(o -> o.containerOverrides(c -> c.name("php-fpm").command("bin/magento", "setup:db:status"))))
                    .tasks().get(0).taskArn();
            f.advanceUntil(Duration.ofMinutes(1), () -> "STOPPED".equals(describe(ecs, arn).lastStatus()));
            Task task = describe(ecs, arn);
            assertEquals("TaskFailedToStart", task.stopCodeAsString());
            assertTrue(task.stoppedReason().startsWith("CannotStartContainerError: ") && task.stoppedReason()
                    .endsWith("ResourceNotFoundException: The specified log group does not exist."), task.stoppedReason());
            assertEquals(null, container(task, "php-fpm").exitCode(), "it never ran");
            assertEquals(null, task.startedAt());
        }
    }

    @Test
    void overrideOfAContainerTheDefinitionLacks_isRefused() {
        try (SandboxFixture f = SandboxFixture.builder().sandbox(c -> c.speed(0.001)).start()) {
            EcsClient ecs = f.session().ecs();
            String td = magento(ecs);
            InvalidParameterException e = assertThrows(InvalidParameterException.class, () -> ecs.runTask(r -> r.cluster("shop")
                    .taskDefinition(td).overrides(o -> o.containerOverrides(c -> c.name("cron").command("true")))));
            assertTrue(e.awsErrorDetails().errorMessage().contains("cron"), e.getMessage());
            assertTrue(ecs.listTasks(r -> r.cluster("shop")).taskArns().isEmpty(), "nothing started");
        }
    }

    /** The Magento task definition, its php-fpm container logging to /mck/shop, which the awslogs driver may create. */
    static String magento(EcsClient ecs) {
        return magento(ecs, true);
    }

    static String magento(EcsClient ecs, boolean createGroup) {
        ecs.createCluster(r -> r.clusterName("shop"));
        return ecs.registerTaskDefinition(r -> r.family("shop-web").containerDefinitions(
                ContainerDefinition.builder().name("nginx").image("registry/nginx:1").memory(128).essential(true).build(),
                ContainerDefinition.builder().name("php-fpm").image("registry/php-fpm:1").memory(512).essential(true)
                        .logConfiguration(l -> l.logDriver(LogDriver.AWSLOGS).options(Map.of("awslogs-group", "/mck/shop",
                                "awslogs-region", "us-east-1", "awslogs-stream-prefix", "release",
                                "awslogs-create-group", Boolean.toString(createGroup)))).build()))
                .taskDefinition().taskDefinitionArn();
    }

    static Task describe(EcsClient ecs, String arn) {
        return ecs.describeTasks(r -> r.cluster("shop").tasks(arn)).tasks().get(0);
    }

    static Container container(Task task, String name) {
        return task.containers().stream().filter(c -> c.name().equals(name)).findFirst().orElseThrow();
    }
}
