package io.magecloudkit.sandbox.ecs;

import java.util.List;

/**
 * How a task of a given image or family misbehaves, as configured by fault injection.
 *
 * @param crashOnStart          the essential container exits right after it starts
 * @param exitCode              the exit code of the crash
 * @param failHealthCheck       container and load-balancer health checks never pass
 * @param unhealthyAfterSeconds health checks pass at first and start failing this long after the task started; null for never
 */
public record TaskFault(boolean crashOnStart, int exitCode, boolean failHealthCheck, Integer unhealthyAfterSeconds) {
    public static final TaskFault NONE = new TaskFault(false, 0, false, null);

    /** Looks up the fault (or {@link #NONE}) for a task about to start. */
    public interface Source {
        /** @param service the service the task belongs to, or null for a one-off task (RunTask) */
        TaskFault forStartingTask(String family, List<String> images, String service);

        /** How long launching and stopping take. */
        default LaunchTimings timings() {
            return LaunchTimings.DEFAULT;
        }
    }
}
