package io.magecloudkit.deploy;

import io.magecloudkit.EventSink;
import io.magecloudkit.aws.AwsSession;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Optional;
import java.util.function.BooleanSupplier;
import software.amazon.awssdk.services.cloudwatchlogs.model.GetLogEventsResponse;
import software.amazon.awssdk.services.cloudwatchlogs.model.OutputLogEvent;
import software.amazon.awssdk.services.cloudwatchlogs.model.ResourceNotFoundException;
import software.amazon.awssdk.services.ecs.model.Container;
import software.amazon.awssdk.services.ecs.model.ContainerDefinition;
import software.amazon.awssdk.services.ecs.model.Failure;
import software.amazon.awssdk.services.ecs.model.RunTaskResponse;
import software.amazon.awssdk.services.ecs.model.Service;
import software.amazon.awssdk.services.ecs.model.Task;

/**
 * Runs one command to completion as a one-off ECS task (RunTask with the container's command
 * overridden), streaming the container's awslogs output into the event log as it comes.
 */
public final class OneOffTask {
    static final int TAIL_LINES = 50;
    private static final Duration POLL = Duration.ofSeconds(2);

    /**
     * @param exitCode      the container's exit code; null when ECS could not run the command
     * @param stoppedReason ECS's reason the task stopped (or could not be placed)
     * @param tail          the last lines the command printed
     */
    public record Result(String command, String taskArn, Integer exitCode, String stoppedReason, List<String> tail) {
    }

    /** An earlier run's task this run waited for; {@code stillRunning} when the wait ended first. */
    record Earlier(Result result, boolean stillRunning) {
    }

    private final AwsSession aws;
    private final String cluster;
    private final Service service;
    private final GateClock clock;
    private final BooleanSupplier cancelled;
    private final EventSink events;
    private final String prefix;

    /** @param service the app's service: the task runs with its network configuration and launch type */
    public OneOffTask(AwsSession aws, String cluster, Service service, GateClock clock, BooleanSupplier cancelled,
            EventSink events, String prefix) {
        this.aws = aws;
        this.cluster = cluster;
        this.service = service;
        this.clock = clock;
        this.cancelled = cancelled;
        this.events = events;
        this.prefix = prefix;
    }

    /** This runner, ignoring cancellation: for the clean-up that must run after a cancelled step. */
    OneOffTask uncancellable() {
        return new OneOffTask(aws, cluster, service, clock, () -> false, events, prefix);
    }

    /** Runs {@code command} in {@code container} of the task definition and waits until it stopped. */
    public Result run(String taskDefinition, String container, List<String> command, Duration timeout) {
        String words = String.join(" ", command);
        events.info(prefix + "running " + words + " (one-off task of " + HealthGate.revision(taskDefinition) + ")");
        RunTaskResponse started = aws.call("run task " + words, () -> aws.ecs().runTask(r -> {
            r.cluster(cluster).taskDefinition(taskDefinition).count(1).startedBy("mck")
                    .overrides(o -> o.containerOverrides(c -> c.name(container).command(command)));
            if (service != null && service.networkConfiguration() != null) {
                r.networkConfiguration(service.networkConfiguration());
            }
            if (service != null && service.launchType() != null) {
                r.launchType(service.launchType());
            }
        }));
        if (started.tasks().isEmpty()) {
            String reason = started.failures().stream().map(OneOffTask::failure).reduce((a, b) -> a + "; " + b)
                    .orElse("RunTask started no task");
            events.warn(prefix + words + ": ECS could not place the task: " + reason);
            return new Result(words, null, null, reason, List.of());
        }
        String taskArn = started.tasks().get(0).taskArn();
        return follow(words, taskArn, taskDefinition, container, timeout, true);
    }

    /**
     * Waits for a task mck started earlier on this cluster that still runs {@code command} in {@code
     * container} of a revision of the same family: a killed run's {@code setup:upgrade}, which ECS
     * carries on. It is followed (its output streamed) but never stopped: stopping a schema upgrade
     * midway is worse than waiting for it.
     *
     * @return empty when no such task runs; else how it ended, or that it still runs (this run was
     *         cancelled or timed out first)
     */
    Optional<Earlier> awaitEarlier(String taskDefinition, String container, List<String> command, Duration timeout) {
        String family = DeployNames.familyOf(taskDefinition);
        // startedBy alone: ListTasks documents it as a filter that must be used alone; the default desired status is RUNNING.
        List<String> running = aws.call("list running one-off tasks", () -> aws.ecs().listTasks(r -> r.cluster(cluster)
                .startedBy("mck"))).taskArns();
        if (running.isEmpty()) {
            return Optional.empty();
        }
        Optional<Task> earlier = aws.call("describe running one-off tasks", () -> aws.ecs().describeTasks(r -> r.cluster(cluster)
                .tasks(running))).tasks().stream()
                .filter(t -> family.equals(DeployNames.familyOf(t.taskDefinitionArn())) && t.overrides() != null
                        && t.overrides().containerOverrides().stream().anyMatch(o -> container.equals(o.name()) && command.equals(o.command())))
                .findFirst();
        if (earlier.isEmpty()) {
            return Optional.empty();
        }
        String words = String.join(" ", command);
        String taskArn = earlier.get().taskArn();
        events.warn(prefix + "an earlier run's " + words + " still runs (task " + taskArn + "): waiting for it to finish");
        Result result = follow(words, taskArn, earlier.get().taskDefinitionArn(), container, timeout, false);
        return Optional.of(new Earlier(result, result.exitCode() == null && stillRunning(taskArn)));
    }

    private boolean stillRunning(String taskArn) {
        return aws.call("describe task " + taskArn, () -> aws.ecs().describeTasks(r -> r.cluster(cluster).tasks(taskArn)))
                .tasks().stream().anyMatch(t -> !"STOPPED".equals(t.lastStatus()));
    }

    /** Polls the task until it stopped, streaming its output; on cancel or timeout stops it only when {@code own}. */
    private Result follow(String words, String taskArn, String taskDefinition, String container, Duration timeout, boolean own) {
        LogReader logs = logReader(taskDefinition, container, taskArn);
        Instant deadline = clock.now().plus(timeout);
        Deque<String> tail = new ArrayDeque<>();
        while (true) {
            Task task = aws.call("describe task " + taskArn, () -> aws.ecs().describeTasks(r -> r.cluster(cluster).tasks(taskArn)))
                    .tasks().stream().findFirst().orElse(null);
            boolean stopped = task == null || "STOPPED".equals(task.lastStatus());
            if (logs != null) {
                logs.read(tail);
            }
            if (stopped) {
                return finished(words, taskArn, task, container, List.copyOf(tail));
            }
            if (cancelled.getAsBoolean() || clock.now().isAfter(deadline)) {
                String why = cancelled.getAsBoolean() ? "cancelled" : "timed out after " + timeout.toSeconds() + "s";
                if (own) {
                    aws.call("stop task " + taskArn, () -> aws.ecs().stopTask(r -> r.cluster(cluster).task(taskArn).reason("mck: " + why)));
                    events.warn(prefix + words + ": " + why + "; stopped task " + taskArn);
                } else {
                    events.warn(prefix + words + ": " + why + " while waiting; task " + taskArn + " still runs");
                }
                return new Result(words, taskArn, null, why, List.copyOf(tail));
            }
            try {
                clock.sleep(POLL);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return new Result(words, taskArn, null, "interrupted", List.copyOf(tail));
            }
        }
    }

    private Result finished(String words, String taskArn, Task task, String container, List<String> tail) {
        if (task == null) {
            return new Result(words, taskArn, null, "ECS no longer knows the task", tail);
        }
        Container c = task.containers().stream().filter(x -> container.equals(x.name())).findFirst().orElse(null);
        Integer exit = c == null ? null : c.exitCode();
        String reason = task.stoppedReason();
        if (exit == null) {
            String why = (reason == null ? "stopped" : reason) + (c != null && c.reason() != null ? " (" + c.reason() + ")" : "");
            events.warn(prefix + words + ": the task stopped without running the command: " + why);
            return new Result(words, taskArn, null, why, tail);
        }
        events.info(prefix + words + " exited " + exit);
        return new Result(words, taskArn, exit, reason, tail);
    }

    private static String failure(Failure f) {
        return f.reason() + (f.detail() == null ? "" : " (" + f.detail() + ")") + (f.arn() == null ? "" : " " + f.arn());
    }

    private LogReader logReader(String taskDefinition, String container, String taskArn) {
        ContainerDefinition def = aws.call("describe task definition " + taskDefinition,
                () -> aws.ecs().describeTaskDefinition(r -> r.taskDefinition(taskDefinition))).taskDefinition()
                .containerDefinitions().stream().filter(d -> container.equals(d.name())).findFirst().orElse(null);
        if (def == null || def.logConfiguration() == null || !"awslogs".equals(def.logConfiguration().logDriverAsString())) {
            events.warn(prefix + "container " + container + " does not log through awslogs: its output is not shown");
            return null;
        }
        var options = def.logConfiguration().options();
        String group = options.get("awslogs-group");
        String streamPrefix = options.get("awslogs-stream-prefix");
        String taskId = taskArn.substring(taskArn.lastIndexOf('/') + 1);
        return new LogReader(group, streamPrefix + "/" + container + "/" + taskId);
    }

    /** Follows one log stream with GetLogEvents' forward token. */
    private final class LogReader {
        private final String group;
        private final String stream;
        private String token;

        LogReader(String group, String stream) {
            this.group = group;
            this.stream = stream;
        }

        void read(Deque<String> tail) {
            while (true) {
                GetLogEventsResponse page;
                try {
                    page = aws.call("read log stream " + stream, () -> aws.logs().getLogEvents(r -> {
                        r.logGroupName(group).logStreamName(stream).startFromHead(true);
                        if (token != null) {
                            r.nextToken(token);
                        }
                    }));
                } catch (ResourceNotFoundException e) {
                    return; // the stream appears when the container starts
                } catch (RuntimeException e) {
                    if (e.getCause() instanceof ResourceNotFoundException) {
                        return;
                    }
                    throw e;
                }
                for (OutputLogEvent event : page.events()) {
                    events.info(prefix + "  | " + event.message());
                    tail.addLast(event.message());
                    if (tail.size() > TAIL_LINES) {
                        tail.removeFirst();
                    }
                }
                boolean end = page.nextForwardToken() == null || page.nextForwardToken().equals(token) || page.events().isEmpty();
                token = page.nextForwardToken();
                if (end) {
                    return;
                }
            }
        }
    }
}
