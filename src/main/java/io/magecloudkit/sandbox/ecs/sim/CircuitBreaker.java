package io.magecloudkit.sandbox.ecs.sim;

/**
 * The deployment circuit breaker's rule: a deployment fails once this many of its tasks
 * failed to start or failed their health checks.
 *
 * @see <a href="https://docs.aws.amazon.com/AmazonECS/latest/developerguide/deployment-circuit-breaker.html">Deployment circuit breaker</a>
 */
public final class CircuitBreaker {
    private CircuitBreaker() {
    }

    /** The AWS failure threshold: half the desired count (rounded up), at least 3 and at most 200. */
    public static int threshold(int desiredCount) {
        return Math.min(200, Math.max(3, (int) Math.ceil(0.5 * desiredCount)));
    }

    /** Whether an enabled breaker trips for a deployment still in progress. */
    public static boolean trips(boolean enabled, boolean inProgress, int failedTasks, int desiredCount) {
        return enabled && inProgress && failedTasks >= threshold(desiredCount);
    }
}
