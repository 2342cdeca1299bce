package io.magecloudkit.sandbox.ecs.sim;

import io.magecloudkit.sandbox.ecs.CommandRule;
import io.magecloudkit.sandbox.ecs.EcsState.Container;
import io.magecloudkit.sandbox.ecs.EcsState.ContainerOverride;
import io.magecloudkit.sandbox.ecs.EcsState.LogLine;
import io.magecloudkit.sandbox.ecs.EcsState.Task;
import io.magecloudkit.sandbox.ecs.EcsState.TaskDefinition;
import io.magecloudkit.sandbox.ecs.EcsState.TaskStatus;
import io.magecloudkit.sandbox.ecs.TaskDefinitionDocument;
import io.magecloudkit.sandbox.ecs.TaskLogSink;
import java.util.List;

/**
 * The containers of a task started by RunTask running their commands to an exit code, their
 * output going to the awslogs stream ECS names {@code prefix/container/taskId}.
 */
final class OneOffRun {
    private final CommandRule.Source rules;
    private final TaskLogSink logs;

    OneOffRun(CommandRule.Source rules, TaskLogSink logs) {
        this.rules = rules;
        this.logs = logs;
    }

    /**
     * Why the containers cannot start, in ECS's words: the awslogs driver refuses a log group
     * that does not exist unless it may create it. Null when they can.
     */
    String cannotStart(TaskDefinition td, Task task) {
        for (Container c : task.containers) {
            TaskDefinitionDocument.AwsLogs awsLogs = TaskDefinitionDocument.awsLogs(td.body, c.name);
            if (awsLogs != null && !awsLogs.createGroup() && !logs.groupExists(awsLogs.group())) {
                return "CannotStartContainerError: Error response from daemon: failed to initialize logging driver: "
                        + "failed to create Cloudwatch log stream: ResourceNotFoundException: The specified log group does not exist.";
            }
        }
        return null;
    }

    /** The task reached RUNNING: plans each container's run and opens its log stream. */
    void start(Task task, TaskDefinition td, long t) {
        for (Container c : task.containers) {
            TaskDefinitionDocument.AwsLogs awsLogs = TaskDefinitionDocument.awsLogs(td.body, c.name);
            if (awsLogs != null) {
                c.logGroup = awsLogs.group();
                // Without a prefix the EC2 launch type names the stream after the Docker container.
                c.logStream = awsLogs.streamPrefix() == null ? c.runtimeId : awsLogs.streamPrefix() + "/" + c.name + "/" + task.id;
                logs.openStream(c.logGroup, c.logStream, t);
            }
            OneOffCommands.Plan plan = OneOffCommands.plan(rules.commandRules(),
                    new OneOffCommands.Subject(task.family, c.name, c.image, command(task, td, c.name)));
            if (plan == null) {
                continue;
            }
            long duration = plan.durationSeconds() * 1000L;
            c.exitsAt = t + duration;
            c.plannedExitCode = plan.exitCode();
            for (int i = 0; i < plan.output().size(); i++) {
                LogLine line = new LogLine();
                line.at = OneOffCommands.lineTime(t, duration, i, plan.output().size());
                line.message = plan.output().get(i);
                c.output.add(line);
            }
        }
    }

    /** One step of a running task: prints what is due and exits containers; true when an essential container exited. */
    boolean advance(Task task, long t) {
        boolean essentialExited = false;
        for (Container c : task.containers) {
            if (c.lastStatus != TaskStatus.RUNNING) {
                continue;
            }
            for (LogLine line : c.output) {
                if (!line.written && line.at <= t) {
                    line.written = true;
                    if (c.logGroup != null) {
                        logs.write(c.logGroup, c.logStream, line.at, line.message);
                    }
                }
            }
            if (c.exitsAt != null && t >= c.exitsAt) {
                c.exitCode = c.plannedExitCode;
                c.lastStatus = TaskStatus.STOPPED;
                essentialExited |= c.essential;
            }
        }
        return essentialExited;
    }

    /** RunTask's command override for the container, else its registered command. */
    private static List<String> command(Task task, TaskDefinition td, String container) {
        for (ContainerOverride o : task.overrides) {
            if (container.equals(o.name()) && o.command() != null && !o.command().isEmpty()) {
                return o.command();
            }
        }
        return TaskDefinitionDocument.command(td.body, container);
    }
}
