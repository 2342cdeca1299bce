package io.magecloudkit.deploy;

import java.time.Duration;

/**
 * The timers that decide how soon a rolling deploy can move. They let the gate sleep through stretches
 * in which nothing it waits for can happen, and look when something can. Each is learned as cheaply as
 * it can be, and only once the gate needs it: from the service's own events of its last rollouts (no
 * call: they come with the DescribeServices made before the update), else from the target group and
 * the running tasks.
 *
 * @param targetHealthyEarliest the soonest a started task's targets can turn healthy: from the events, how
 *                              long the last rollout's newest task took until ECS counted it healthy; else
 *                              ELB's first check may come at once, so (healthy threshold − 1) × interval;
 *                              zero without a target group; null while not learned
 * @param containerHealthy      the soonest an essential container's health check can pass after it started
 *                              (Docker runs the first check one interval after start); zero without checks
 * @param deregistrationDelay   how long an old task's target drains before the task stops; zero without a
 *                              target group; null while not learned
 * @param taskStop              from the end of the drain to ECS counting the task stopped (and the deployment
 *                              COMPLETED): zero when learned from the events, which measure both together
 * @param launch                how long the service's tasks took from creation to RUNNING; null when unknown
 * @param launchWithoutPull     the same less their image pull (the soonest a task can start when every layer
 *                              of its image is cached); null when unknown (the events do not show pulls)
 */
public record RolloutTimers(Duration targetHealthyEarliest, Duration containerHealthy, Duration deregistrationDelay,
        Duration taskStop, Duration launch, Duration launchWithoutPull) {

    /** What ECS takes to stop a drained task (SIGTERM, the containers exit) before it counts the deployment COMPLETED. */
    static final Duration TASK_STOP = Duration.ofSeconds(2);

    /** Nothing known: the schedule falls back to steady looks. */
    public static final RolloutTimers UNKNOWN = new RolloutTimers(Duration.ZERO, Duration.ZERO, Duration.ZERO, Duration.ZERO,
            null, null);

    /** Nothing learned yet: every timer still to be read when the gate first needs it. */
    static final RolloutTimers UNREAD = new RolloutTimers(null, Duration.ZERO, null, Duration.ZERO, null, null);

    /** The soonest a started task can count as healthy for ECS (its targets and its container checks). */
    public Duration healthyEarliest() {
        Duration target = targetHealthyEarliest == null ? Duration.ZERO : targetHealthyEarliest;
        return target.compareTo(containerHealthy) >= 0 ? target : containerHealthy;
    }

    /** From the last old task leaving service to the deployment COMPLETED: its drain and its stop. */
    public Duration drainToCompleted() {
        return (deregistrationDelay == null ? Duration.ZERO : deregistrationDelay).plus(taskStop);
    }

    RolloutTimers withTargetHealth(Duration healthy) {
        return new RolloutTimers(healthy, containerHealthy, deregistrationDelay, taskStop, launch, launchWithoutPull);
    }

    RolloutTimers withContainerHealthy(Duration healthy) {
        return new RolloutTimers(targetHealthyEarliest, healthy, deregistrationDelay, taskStop, launch, launchWithoutPull);
    }

    RolloutTimers withDrain(Duration delay, Duration stop) {
        return new RolloutTimers(targetHealthyEarliest, containerHealthy, delay, stop, launch, launchWithoutPull);
    }

    RolloutTimers withLaunch(Duration full, Duration withoutPull) {
        return new RolloutTimers(targetHealthyEarliest, containerHealthy, deregistrationDelay, taskStop, full, withoutPull);
    }
}
