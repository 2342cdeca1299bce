package io.magecloudkit.deploy;

import io.magecloudkit.aws.AwsSession;
import java.time.Duration;
import java.util.List;
import software.amazon.awssdk.services.ecs.model.DesiredStatus;
import software.amazon.awssdk.services.ecs.model.Task;
import software.amazon.awssdk.services.ecs.model.TaskDefinition;

/**
 * Learns a service's {@link RolloutTimers} for the gate, each once and only when the schedule first
 * needs it, the cheapest way first: what the service's events showed before the update, then the API.
 */
final class RolloutTimerReader {
    private final AwsSession aws;
    private final String cluster;
    private final String service;
    private final String targetGroupArn;
    private RolloutTimers timers;
    /** The timers the service's events showed before the update: no call. */
    private RolloutHistory.Measured history = new RolloutHistory.Measured(null, null, null);
    private boolean launchRead;

    RolloutTimerReader(AwsSession aws, String cluster, String service, String targetGroupArn) {
        this.aws = aws;
        this.cluster = cluster;
        this.service = service;
        this.targetGroupArn = targetGroupArn;
    }

    /** What the service's events before the update measured. */
    void learn(RolloutHistory.Measured measured) {
        history = measured;
    }

    /**
     * The timers of this service's rolling deploys, each learned once and only when the schedule first
     * needs it: from the service's events before the update (no call), the watched task definition's
     * container health checks (known from its registration), and else the target group's health check
     * (DescribeTargetGroups) and deregistration delay (DescribeTargetGroupAttributes), and how long the
     * running tasks took to launch (ListTasks, DescribeTasks).
     */
    RolloutTimers timers(TaskDefinition taskDefinition, PollSchedule.Need need) {
        if (timers == null) {
            Duration container = Duration.ZERO;
            for (var c : taskDefinition.containerDefinitions()) {
                if (!Boolean.FALSE.equals(c.essential()) && c.healthCheck() != null) {
                    Duration interval = Duration.ofSeconds(c.healthCheck().interval() == null ? 30 : c.healthCheck().interval());
                    container = interval.compareTo(container) > 0 ? interval : container;
                }
            }
            timers = RolloutTimers.UNREAD.withContainerHealthy(container).withLaunch(history.launch(), null);
            if (history.healthy() != null) {
                timers = timers.withTargetHealth(history.healthy());
            }
            if (history.drainToCompleted() != null) {
                timers = timers.withDrain(history.drainToCompleted(), Duration.ZERO);
            }
        }
        if (need == PollSchedule.Need.LAUNCH && timers.launch() == null && !launchRead) {
            launchRead = true;
            timers = launchTimes(timers);
        } else if (need == PollSchedule.Need.HEALTHY && timers.targetHealthyEarliest() == null) {
            timers = timers.withTargetHealth(targetGroupArn == null ? Duration.ZERO : targetHealthEarliest());
        } else if (need == PollSchedule.Need.DRAIN && timers.deregistrationDelay() == null) {
            timers = targetGroupArn == null ? timers.withDrain(Duration.ZERO, Duration.ZERO)
                    : timers.withDrain(deregistrationDelay(), RolloutTimers.TASK_STOP);
        }
        return timers;
    }

    /** What the timers are when they cannot be read: the ones learned so far, the rest as nothing known. */
    RolloutTimers unreadable() {
        RolloutTimers t = timers == null ? RolloutTimers.UNKNOWN : timers;
        timers = new RolloutTimers(t.targetHealthyEarliest() == null ? Duration.ZERO : t.targetHealthyEarliest(),
                t.containerHealthy(), t.deregistrationDelay() == null ? Duration.ZERO : t.deregistrationDelay(), t.taskStop(),
                t.launch(), t.launchWithoutPull());
        launchRead = true;
        return timers;
    }

    private Duration targetHealthEarliest() {
        var tgs = aws.call("describe target group of " + service, () -> aws.elbv2()
                .describeTargetGroups(r -> r.targetGroupArns(targetGroupArn))).targetGroups();
        if (tgs.isEmpty() || tgs.get(0).healthCheckIntervalSeconds() == null || tgs.get(0).healthyThresholdCount() == null) {
            return Duration.ZERO;
        }
        return Duration.ofSeconds((long) tgs.get(0).healthCheckIntervalSeconds() * Math.max(0, tgs.get(0).healthyThresholdCount() - 1));
    }

    private Duration deregistrationDelay() {
        return aws.call("describe target group attributes of " + service, () -> aws.elbv2()
                .describeTargetGroupAttributes(r -> r.targetGroupArn(targetGroupArn))).attributes().stream()
                .filter(a -> "deregistration_delay.timeout_seconds".equals(a.key())).findFirst()
                .map(a -> Duration.ofSeconds(Long.parseLong(a.value()))).orElse(Duration.ofSeconds(300));
    }

    /** How long the running tasks took from creation to RUNNING, with and without their image pull. */
    private RolloutTimers launchTimes(RolloutTimers t) {
        Duration launch = null;
        Duration withoutPull = null;
        List<String> running = aws.call("list running tasks of " + service, () -> aws.ecs().listTasks(r -> r.cluster(cluster)
                .serviceName(service).desiredStatus(DesiredStatus.RUNNING))).taskArns();
        if (!running.isEmpty()) {
            List<String> sample = running.subList(0, Math.min(running.size(), 100));
            for (Task task : aws.call("describe running tasks of " + service, () -> aws.ecs().describeTasks(r -> r.cluster(cluster)
                    .tasks(sample))).tasks()) {
                if (task.createdAt() == null || task.startedAt() == null) {
                    continue;
                }
                Duration took = Duration.between(task.createdAt(), task.startedAt());
                Duration pull = task.pullStartedAt() == null || task.pullStoppedAt() == null ? Duration.ZERO
                        : Duration.between(task.pullStartedAt(), task.pullStoppedAt());
                launch = launch == null || took.compareTo(launch) < 0 ? took : launch;
                Duration bare = took.minus(pull);
                withoutPull = withoutPull == null || bare.compareTo(withoutPull) < 0 ? bare : withoutPull;
            }
        }
        return t.withLaunch(launch, withoutPull);
    }

}
