package io.magecloudkit.deploy;

import io.magecloudkit.deploy.Observation.DeploymentView;
import java.time.Duration;
import java.time.Instant;

/**
 * How long the gate waits before its next look, from where the rollout stands and the timers that
 * govern it ({@link RolloutTimers}). Every look is an API call, so it looks when the timers say
 * something it waits for can have happened, and no sooner: just after the first new tasks can have
 * started (a crashing build is caught with at most two tasks stopped), again while more tasks are
 * starting than the stopped-task threshold allows to fail unseen, just after the new tasks can be
 * healthy (the old ones leave service then), and just after the old ones' drain and stop can be over
 * (the deployment completes then). Past a predicted moment it looks every second or few. Pure.
 */
public final class PollSchedule {
    static final Duration FAST = Duration.ofSeconds(1);
    /** Past the time the new tasks should be healthy, a look this often. */
    static final Duration WATCH = Duration.ofSeconds(5);
    /**
     * The longest sleep: a safety net for changes no timer predicts (a task killed, a user's update). A new
     * task that fails meanwhile is replaced by ECS, and counted, and seen at the next look.
     */
    static final Duration LONGEST = Duration.ofSeconds(60);
    /** Wake this much before the earliest a task can start with its image cached (the first look of a launch). */
    static final Duration MARGIN = Duration.ofSeconds(1);
    /** Look this long after a predicted change, so that the look sees it. */
    static final Duration AFTER = Duration.ofMillis(500);
    /**
     * The first look comes this long after the first new task can have started (the launch time after the
     * deployment's creation). ECS brings the tasks of one launch up a moment apart (each waits for its own
     * placement, network interface and agent; about a second in the sandbox), so a build whose tasks crash as
     * they start has then stopped one or two of them, not three; while more are starting than may fail unseen
     * the gate looks every second.
     */
    static final Duration FIRST_STARTS = Duration.ofSeconds(1);
    /** While tasks start, the rest of a launch is taken to be up within this. */
    static final Duration START_SPREAD = Duration.ofSeconds(2);

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

    /** A timer the schedule needs in a phase, and the gate reads when it is not known yet. */
    public enum Need { LAUNCH, HEALTHY, DRAIN }

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

    /** The timer the schedule uses in this phase; null when it uses none. */
    public static Need needs(Phase phase) {
        return switch (phase) {
            case LAUNCHING -> Need.LAUNCH;
            case STARTING, WARMING -> Need.HEALTHY;
            case DRAINING -> Need.DRAIN;
            case SETTLING -> null;
        };
    }

    /**
     * Before the first look: nothing can have started (or failed) before the launch time, and the
     * UpdateService answer already showed the deployment. Zero (look at once) when nothing is known or the
     * deployment is older than that (a rerun joining it).
     */
    public static Duration first(Instant createdAt, RolloutTimers timers, Instant now, Duration left) {
        if (createdAt == null || timers.launch() == null) {
            return Duration.ZERO;
        }
        Instant at = timers.launchWithoutPull() == null ? createdAt.plus(timers.launch()).plus(FIRST_STARTS)
                : createdAt.plus(timers.launchWithoutPull()).minus(MARGIN);
        return now.isBefore(at) ? min(min(Duration.between(now, at), LONGEST), left) : Duration.ZERO;
    }

    /**
     * @param stopsLeft new tasks that may still stop before the stopped-task threshold fails the gate
     * @param left      time until the gate's timeout: never slept past
     */
    public static Duration next(Observation o, String deploymentId, RolloutProgress progress, RolloutTimers timers,
            int stopsLeft, Instant now, Duration left) {
        DeploymentView ours = o.deployment(deploymentId);
        Duration wait = switch (phase(o, deploymentId)) {
            case LAUNCHING -> ours == null || ours.createdAt() == null || timers.launch() == null ? Duration.ofSeconds(2)
                    : launching(ours.createdAt(), timers, now);
            // Every task still starting may crash before the next look: wait only while that stays under the threshold.
            case STARTING -> ours.pending() <= stopsLeft ? healthyBy(now.plus(START_SPREAD), timers, now) : FAST;
            case WARMING -> progress.runningSince() == null ? WATCH : healthyBy(progress.runningSince(), timers, now);
            case DRAINING -> progress.drainingSince() == null ? FAST
                    : after(progress.drainingSince().plus(timers.drainToCompleted()), now, FAST);
            case SETTLING -> FAST;
        };
        wait = min(wait, LONGEST);
        wait = min(wait, left);
        return wait.compareTo(FAST) < 0 ? FAST : wait;
    }

    /** Just after the new tasks that run since {@code runningSince} can be healthy; past it, every {@link #WATCH}. */
    private static Duration healthyBy(Instant runningSince, RolloutTimers timers, Instant now) {
        return after(runningSince.plus(timers.healthyEarliest()), now, WATCH);
    }

    /**
     * Before a new task can have started nothing can fail. Learned from the events, the launch time is the
     * whole of it: look just after the first tasks can have started. Learned from the running tasks, it comes
     * with the pull: sleep to the launch less its pull (layers may be cached), close in on the full launch
     * time by halves, and look every second around it. Past it (a slower pull) back off gently.
     */
    private static Duration launching(Instant createdAt, RolloutTimers timers, Instant now) {
        Instant expected = createdAt.plus(timers.launch());
        if (timers.launchWithoutPull() == null) {
            Instant first = expected.plus(FIRST_STARTS);
            if (now.isBefore(first)) {
                return Duration.between(now, first);
            }
        } else {
            Instant floor = createdAt.plus(timers.launchWithoutPull());
            if (now.isBefore(floor.minus(MARGIN))) {
                return Duration.between(now, floor.minus(MARGIN));
            }
            if (now.isBefore(expected.minus(MARGIN))) {
                Duration toExpected = Duration.between(now, expected.minus(MARGIN));
                Duration half = Duration.between(now, expected).dividedBy(2);
                return toExpected.compareTo(WATCH) <= 0 ? toExpected : half;
            }
        }
        Duration late = Duration.between(expected, now).dividedBy(4);
        return late.compareTo(FAST) < 0 ? FAST : min(late, WATCH);
    }

    /** Until just after {@code at}, then every {@code past}. */
    private static Duration after(Instant at, Instant now, Duration past) {
        Duration d = Duration.between(now, at.plus(AFTER));
        return d.compareTo(Duration.ZERO) <= 0 ? past : d;
    }

    private static Duration min(Duration a, Duration b) {
        return a.compareTo(b) <= 0 ? a : b;
    }
}
