package io.magecloudkit.deploy;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * What a service's events tell of its last rollouts, in ECS's own words and times: how long its tasks
 * took from "has started N tasks" to "registered 1 targets" (the launch), from the newest registration
 * to ECS counting the tasks healthy ("has stopped" old tasks, a steady state, a completed deployment),
 * and from the last "deregistered" to "deployment completed" (the drain and the task's stop). The most
 * recent measurement of each counts; what the events do not show stays null. Pure.
 */
public final class RolloutHistory {

    /** One service event. */
    public record Event(Instant at, String message) {
    }

    /** The measured timers; each null when the events do not show it. */
    public record Measured(Duration launch, Duration healthy, Duration drainToCompleted) {
    }

    private RolloutHistory() {
    }

    /** @param oldestFirst the service's events, oldest first */
    public static Measured read(List<Event> oldestFirst) {
        Duration launch = null;
        Duration healthy = null;
        Duration drain = null;
        Instant started = null;
        Instant registered = null;
        Instant deregistered = null;
        for (Event e : oldestFirst) {
            String m = e.message();
            boolean targets = m.contains(" targets in (target-group");
            if (m.contains(" has started ") && m.contains(" tasks")) {
                started = e.at();
            } else if (targets && m.contains(" registered ") && !m.contains(" deregistered ")) {
                if (started != null) {
                    launch = Duration.between(started, e.at());
                    started = null;
                }
                registered = e.at();
                deregistered = null;
            } else if (m.contains(" deregistered ") || m.contains(" has stopped ") || m.contains("has reached a steady state.")
                    || m.contains(") deployment completed.")) {
                // Old tasks leave (or the service settles) once ECS counts the newest task healthy.
                if (registered != null) {
                    healthy = Duration.between(registered, e.at());
                    registered = null;
                }
                if (targets && m.contains(" deregistered ")) {
                    deregistered = e.at();
                } else if (m.contains(") deployment completed.") && deregistered != null) {
                    drain = Duration.between(deregistered, e.at());
                    deregistered = null;
                }
            }
        }
        return new Measured(launch, healthy, drain);
    }
}
