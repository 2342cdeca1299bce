package io.magecloudkit.sandbox.ecs.sim;

/**
 * ECS's service throttle logic as the sandbox models it: once a service's tasks have failed to
 * start several times in a row, the scheduler waits before launching the next, longer after
 * each further failure, up to a ceiling. A task that comes up healthy, or a new deployment,
 * ends the throttling.
 *
 * @see <a href="https://docs.aws.amazon.com/AmazonECS/latest/developerguide/service-throttle-logic.html">Service throttle logic</a>
 */
public final class LaunchThrottle {
    /** Failures in a row before launches are delayed at all. */
    static final int FREE_FAILURES = 3;
    static final long FIRST_DELAY_MILLIS = 10_000;
    static final long MAX_DELAY_MILLIS = 27 * 60_000;
    static final String EVENT = "is unable to consistently start tasks successfully.";

    private LaunchThrottle() {
    }

    /** How long the scheduler waits before the next launch after this many failures in a row. */
    public static long delayMillis(int failuresInARow) {
        if (failuresInARow < FREE_FAILURES) {
            return 0;
        }
        int doublings = Math.min(failuresInARow - FREE_FAILURES, 20);
        return Math.min(MAX_DELAY_MILLIS, FIRST_DELAY_MILLIS << doublings);
    }
}
