package io.magecloudkit.deploy;

import io.magecloudkit.EventSink;
import io.magecloudkit.deploy.Observation.DeploymentView;
import io.magecloudkit.deploy.Observation.StoppedTask;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** Prints what changed between two looks, never the same line twice in a row. */
final class ProgressLog {
    private final EventSink events;
    private final String prefix;
    private String lastTasks;
    private String lastTargets;
    private String lastWaiting;
    private final Set<String> shownStopped = new HashSet<>();

    ProgressLog(EventSink events, String prefix) {
        this.events = events;
        this.prefix = prefix;
    }

    void show(Observation o, String deploymentId, List<String> newEvents, Verdict verdict) {
        for (String e : newEvents) {
            events.info(prefix + "event: " + e);
        }
        String tasks = tasksLine(o, deploymentId);
        if (!tasks.equals(lastTasks)) {
            events.info(prefix + tasks);
            lastTasks = tasks;
        }
        if (o.targets() != null) {
            var t = o.targets();
            String targets = "targets: " + t.healthy() + " healthy, " + t.initial() + " initial, " + t.unhealthy()
                    + " unhealthy, " + t.draining() + " draining";
            if (!targets.equals(lastTargets)) {
                events.info(prefix + targets);
                lastTargets = targets;
            }
        }
        for (StoppedTask t : o.stoppedNewTasks()) {
            if (shownStopped.add(t.taskId())) {
                StringBuilder b = new StringBuilder("new task " + t.taskId() + " stopped: " + t.reason());
                t.containers().stream().filter(c -> c.exitCode() != null)
                        .forEach(c -> b.append("; ").append(c.name()).append(" exit code ").append(c.exitCode()));
                events.warn(prefix + b);
            }
        }
        if (verdict.outcome() == Verdict.Outcome.WAIT && !verdict.reason().equals(lastWaiting)) {
            events.debug(prefix + "waiting for: " + verdict.reason());
            lastWaiting = verdict.reason();
        }
    }

    /** For --debug: each look, whether it saw a change, and how long the gate sleeps before the next. */
    void schedule(int look, boolean changed, PollSchedule.Phase phase, java.time.Duration wait) {
        events.debug(prefix + "look " + look + (changed ? " (changed)" : "") + ": " + phase.name().toLowerCase(java.util.Locale.ROOT)
                + ", next in " + String.format(java.util.Locale.ROOT, "%.1f s", wait.toMillis() / 1000.0));
    }

    /** For --debug: the gate's first look waits for the new tasks' launch. */
    void firstLook(java.time.Duration wait) {
        events.debug(prefix + "first look in " + String.format(java.util.Locale.ROOT, "%.1f s", wait.toMillis() / 1000.0)
                + ", when the new tasks can have started");
    }

    void debug(String words) {
        events.debug(prefix + words);
    }

    void note(String words) {
        events.info(prefix + words);
    }

    void smoke(int pass, int of, SmokeCheck.Answer answer) {
        events.info(prefix + "smoke check: " + answer.words() + (answer.passed() ? " (" + pass + "/" + of + ")" : " (failed)"));
    }

    static String tasksLine(Observation o, String deploymentId) {
        DeploymentView ours = o.deployment(deploymentId);
        int oldRunning = 0;
        int oldPending = 0;
        for (DeploymentView d : o.deployments()) {
            if (!d.id().equals(deploymentId)) {
                oldRunning += d.running();
                oldPending += d.pending();
            }
        }
        String mine = ours == null ? "gone" : ours.running() + " running, " + ours.pending() + " pending, "
                + ours.desired() + " desired (" + ours.rolloutState() + ")";
        return "tasks: new " + mine + "; old " + oldRunning + " running, " + oldPending + " pending";
    }
}
