package io.magecloudkit.deploy;

import io.magecloudkit.deploy.Observation.DeploymentView;
import java.time.Duration;
import java.time.Instant;

/**
 * How long the gate waits before its next look, from where the rollout stands and the timers that
 * govern it ({@link RolloutTimers}). It looks every second only where a verdict can come any moment
 * (new tasks starting: a crashing build must be caught on its first stopped tasks; old tasks about
 * to finish draining: the deployment completes then), and sleeps through stretches in which nothing
 * it waits for can happen (image pulls, ELB health checks, the deregistration delay). A look costs
 * one DescribeServices while nothing changed. Pure.
 */
public final class PollSchedule {
    static final Duration FAST = Duration.ofSeconds(1);
    /** While new tasks run but are not healthy yet, a crash is caught within this. */
    static final Duration WATCH = Duration.ofSeconds(5);
    /** The longest sleep: a safety net for changes no timer predicts (a task killed, a user's update). */
    static final Duration LONGEST = Duration.ofSeconds(15);
    /** Wake this much before the earliest predicted change. */
    static final Duration MARGIN = Duration.ofSeconds(1);

    /** Where a rolling deploy stands, as the schedule sees it. */
    public enum Phase {
        /** No new task has started yet: they provision and pull their images. */
        LAUNCHING,
        /** Some new tasks started, others are still on their way: crashes come now. */
        STARTING,
        /** Every new task runs; old tasks serve until the new ones are healthy. */
        WARMING,
        /** Old tasks have left service and drain out of the target group. */
        DRAINING,
        /** Only the watched deployment is left: completion, targets, smoke check. */
        SETTLING
    }

    private PollSchedule() {
    }

    public static Phase phase(Observation o, String deploymentId) {
        DeploymentView ours = o.deployment(deploymentId);
        if (ours == null) {
            return Phase.SETTLING;
        }
        boolean started = ours.running() > 0 || ours.failedTasks() > 0;
        if (!started && ours.running() < ours.desired()) {
            return Phase.LAUNCHING;
        }
        if (ours.pending() > 0) {
            return Phase.STARTING;
        }
        if (o.deployments().size() > 1) {
            return RolloutProgress.oldRunning(o, deploymentId) > 0 ? Phase.WARMING : Phase.DRAINING;
        }
        return "COMPLETED".equals(ours.rolloutState()) ? Phase.SETTLING : Phase.WARMING;
    }

    /**
     * @param left time until the gate's timeout: never slept past
     */
    public static Duration next(Observation o, String deploymentId, RolloutProgress progress, RolloutTimers timers,
            Instant now, Duration left) {
        DeploymentView ours = o.deployment(deploymentId);
        Duration wait = switch (phase(o, deploymentId)) {
            case LAUNCHING -> launching(ours, timers, now);
            case STARTING, SETTLING -> FAST;
            case WARMING -> until(progress.runningSince() == null ? null : progress.runningSince().plus(timers.healthyEarliest()),
                    now, WATCH, WATCH);
            case DRAINING -> until(progress.drainingSince() == null ? null
                    : progress.drainingSince().plus(timers.deregistrationDelay()), now, FAST, FAST);
        };
        wait = min(wait, LONGEST);
        wait = min(wait, left);
        return wait.compareTo(FAST) < 0 ? FAST : wait;
    }

    /**
     * Before a new task can have started nothing can fail: sleep to the launch time learned from the running
     * tasks less their pull (layers may be cached), then close in on the full launch time by halves, and look
     * every second around it; past it (a slower pull) back off gently.
     */
    private static Duration launching(DeploymentView ours, RolloutTimers timers, Instant now) {
        if (ours == null || ours.createdAt() == null || timers.launch() == null) {
            return Duration.ofSeconds(2);
        }
        Instant floor = ours.createdAt().plus(timers.launchWithoutPull());
        Instant expected = ours.createdAt().plus(timers.launch());
        if (now.isBefore(floor.minus(MARGIN))) {
            return Duration.between(now, floor.minus(MARGIN));
        }
        if (now.isBefore(expected.minus(MARGIN))) {
            Duration toExpected = Duration.between(now, expected.minus(MARGIN));
            Duration half = Duration.between(now, expected).dividedBy(2);
            return toExpected.compareTo(WATCH) <= 0 ? toExpected : half;
        }
        Duration late = Duration.between(expected, now).dividedBy(4);
        return late.compareTo(FAST) < 0 ? FAST : min(late, WATCH);
    }

    /** Until just before {@code at} ({@code unknown} when there is no such time), then every {@code after}. */
    private static Duration until(Instant at, Instant now, Duration unknown, Duration after) {
        if (at == null) {
            return unknown;
        }
        Duration d = Duration.between(now, at.minus(MARGIN));
        return d.compareTo(FAST) < 0 ? after : d;
    }

    private static Duration min(Duration a, Duration b) {
        return a.compareTo(b) <= 0 ? a : b;
    }
}
