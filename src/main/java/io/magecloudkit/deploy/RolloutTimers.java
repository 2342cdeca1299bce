package io.magecloudkit.deploy;

import java.time.Duration;

/**
 * The timers that decide how soon a rolling deploy can move, read once per gate from what governs it:
 * the target group's health check (interval × healthy threshold) and deregistration delay, the
 * essential containers' health check interval, and how long this service's running tasks took to
 * launch (with and without their image pull). They let the gate sleep through stretches in which
 * nothing it waits for can happen, and look often only when something can.
 *
 * @param targetHealthyEarliest the soonest a new target can turn healthy after it registered: ELB's first
 *                              check may come at once, so (healthy threshold − 1) × interval; zero without
 *                              a target group
 * @param containerHealthy      the soonest an essential container's health check can pass after it started
 *                              (Docker runs the first check one interval after start); zero without checks
 * @param deregistrationDelay   how long an old task's target drains before the task can stop; zero without
 *                              a target group
 * @param launch                how long the service's current tasks took from creation to RUNNING; null
 *                              when unknown (no running task to learn from)
 * @param launchWithoutPull     the same less their image pull: the soonest a task can start when every
 *                              layer of its image is cached; null when unknown
 */
public record RolloutTimers(Duration targetHealthyEarliest, Duration containerHealthy, Duration deregistrationDelay,
        Duration launch, Duration launchWithoutPull) {

    /** Nothing known: the schedule falls back to steady looks. */
    public static final RolloutTimers UNKNOWN = new RolloutTimers(Duration.ZERO, Duration.ZERO, Duration.ZERO, null, null);

    /** The soonest a started task can count as healthy for ECS (its targets and its container checks). */
    public Duration healthyEarliest() {
        return targetHealthyEarliest.compareTo(containerHealthy) >= 0 ? targetHealthyEarliest : containerHealthy;
    }
}
