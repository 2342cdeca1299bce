package io.magecloudkit.deploy;

import io.magecloudkit.deploy.Observation.ContainerExit;
import io.magecloudkit.deploy.Observation.DeploymentView;
import io.magecloudkit.deploy.Observation.StoppedTask;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * The verdict on one deployment, from what was observed. Pure.
 *
 * <p>Success is never "the service is stable": ECS's services-stable waiter and most deploy tools
 * have reported success for a deployment the circuit breaker had rolled back, because the service
 * was stable again on the old revision. Here the watched deployment itself (its id and task
 * definition) must be PRIMARY and COMPLETED, its targets healthy and the smoke check passing.
 */
public final class HealthGate {
    /** Stop codes of tasks that failed (not scaled in or stopped by a user). */
    static final Set<String> FAILURE_STOP_CODES = Set.of("TaskFailedToStart", "EssentialContainerExited");

    private HealthGate() {
    }

    public static Verdict judge(GateSettings settings, String deploymentId, String taskDefinition, Observation o,
            Duration elapsed) {
        DeploymentView ours = o.deployment(deploymentId);
        DeploymentView primary = o.primary();
        // A crashed new task is the root cause of whatever ECS did next (FAILED, rolled back, gone from the array).
        Verdict crashed = crashed(o);
        if (o.record() != null && o.record().stoppedOrRolledBack()) {
            // The array can look settled (the old revision is PRIMARY and COMPLETED again); ECS's record cannot.
            return Verdict.fail("ECS's record of deployment " + deploymentId + " is " + o.record().status()
                    + (o.record().statusReason() == null || o.record().statusReason().isBlank() ? ""
                    : ": " + o.record().statusReason()) + (crashed == null ? "" : "; " + crashed.reason()), evidence(o));
        }
        if (crashed != null) {
            return crashed;
        }
        if (ours == null) {
            return Verdict.fail("ECS no longer lists deployment " + deploymentId
                    + (primary == null ? "" : "; the service runs " + revision(primary.taskDefinition())
                    + reasonSuffix(primary)), evidence(o));
        }
        if ("FAILED".equals(ours.rolloutState())) {
            return Verdict.fail("ECS marked deployment " + deploymentId + " FAILED" + reasonSuffix(ours), evidence(o));
        }
        if (!"PRIMARY".equals(ours.status())) {
            return Verdict.fail("deployment " + deploymentId + " is no longer PRIMARY"
                    + (primary == null ? "" : ": ECS started " + primary.id() + " with " + revision(primary.taskDefinition())
                    + reasonSuffix(primary)), evidence(o));
        }
        if (!ours.taskDefinition().equals(taskDefinition)) {
            return Verdict.fail("deployment " + deploymentId + " runs " + revision(ours.taskDefinition()) + ", not "
                    + revision(taskDefinition), evidence(o));
        }
        List<StoppedTask> failed = o.stoppedNewTasks().stream().filter(t -> FAILURE_STOP_CODES.contains(t.stopCode())).toList();
        if (failed.size() >= settings.stoppedTaskThreshold()) {
            return Verdict.fail(failed.size() + " new tasks stopped (threshold " + settings.stoppedTaskThreshold() + "): "
                    + failed.get(failed.size() - 1).reason(), evidence(o));
        }
        List<String> waiting = new ArrayList<>();
        if (!"COMPLETED".equals(ours.rolloutState())) {
            waiting.add("rollout " + ours.rolloutState() + " (" + ours.running() + "/" + ours.desired() + " new tasks running)");
        }
        int oldTasks = oldTasks(o, deploymentId);
        if (oldTasks > 0) {
            waiting.add(oldTasks + " old tasks still running");
        }
        if (settings.checkTargets()) {
            Observation.TargetView t = o.targets();
            if (t == null || t.healthy() < ours.running() || t.initial() + t.unhealthy() + t.other() > 0) {
                waiting.add("targets healthy " + (t == null ? 0 : t.healthy()) + "/" + (t == null ? ours.desired() : t.serving()));
            }
        }
        if (settings.smokeCheck()) {
            Observation.SmokeView s = o.smoke();
            if (s != null && s.consecutiveFailures() >= settings.smokeFailLimit()) {
                return Verdict.fail("smoke check failed " + s.consecutiveFailures() + " times in a row: " + s.lastAnswer(),
                        evidence(o));
            }
            if (s == null || s.consecutivePasses() < settings.smokePasses()) {
                waiting.add("smoke check " + (s == null ? 0 : s.consecutivePasses()) + "/" + settings.smokePasses());
            }
        }
        if (waiting.isEmpty()) {
            return Verdict.pass("deployment " + deploymentId + " of " + revision(taskDefinition) + " COMPLETED"
                    + (settings.checkTargets() ? ", " + o.targets().healthy() + " targets healthy" : "")
                    + (settings.smokeCheck() ? ", smoke check passed " + o.smoke().consecutivePasses() + " times" : ""));
        }
        if (elapsed.compareTo(settings.timeout()) >= 0) {
            return Verdict.fail("timed out after " + Durations.words(settings.timeout()) + " waiting for: "
                    + String.join(", ", waiting), evidence(o));
        }
        return Verdict.waitFor(String.join(", ", waiting));
    }

    /** The first new task whose essential container exited non-zero, as a failure; null when none did. */
    private static Verdict crashed(Observation o) {
        for (StoppedTask t : o.stoppedNewTasks()) {
            if (!"EssentialContainerExited".equals(t.stopCode())) {
                continue;
            }
            List<String> exits = t.containers().stream()
                    .filter(c -> c.essential() && c.exitCode() != null && c.exitCode() != 0)
                    .map(c -> c.name() + " exited with code " + c.exitCode()).toList();
            if (!exits.isEmpty()) {
                return Verdict.fail("new task " + t.taskId() + ": essential container " + String.join(", ", exits)
                        + " (" + t.reason() + ")", evidence(o));
            }
        }
        return null;
    }

    /**
     * Whether the smoke check should ask now: only new tasks serve (the watched deployment is PRIMARY,
     * no other deployment runs tasks, and its targets are in service), so a pass is the new build's.
     */
    public static boolean smokeDue(GateSettings settings, String deploymentId, Observation o) {
        DeploymentView ours = o.deployment(deploymentId);
        if (ours == null || !"PRIMARY".equals(ours.status()) || ours.running() == 0 || oldTasks(o, deploymentId) > 0) {
            return false;
        }
        return !settings.checkTargets() || o.targets() != null && o.targets().healthy() > 0;
    }

    private static int oldTasks(Observation o, String deploymentId) {
        return o.deployments().stream().filter(d -> !d.id().equals(deploymentId)).mapToInt(d -> d.running() + d.pending()).sum();
    }

    private static List<String> evidence(Observation o) {
        List<String> out = new ArrayList<>();
        for (StoppedTask t : o.stoppedNewTasks()) {
            StringBuilder b = new StringBuilder("task " + t.taskId() + " stopped: " + t.reason());
            for (ContainerExit c : t.containers()) {
                if (c.exitCode() != null) {
                    b.append("; ").append(c.name()).append(" exit code ").append(c.exitCode());
                }
            }
            out.add(b.toString());
        }
        if (o.targets() != null) {
            out.addAll(o.targets().problems());
        }
        if (o.smoke() != null && o.smoke().lastAnswer() != null) {
            out.add("smoke check: " + o.smoke().lastAnswer());
        }
        return out;
    }

    private static String reasonSuffix(DeploymentView d) {
        return d.rolloutStateReason() == null || d.rolloutStateReason().isBlank() ? "" : " (" + d.rolloutStateReason() + ")";
    }

    /** {@code family:revision} of a task definition ARN. */
    static String revision(String taskDefinitionArn) {
        if (taskDefinitionArn == null) {
            return "?";
        }
        int slash = taskDefinitionArn.lastIndexOf('/');
        return slash >= 0 ? taskDefinitionArn.substring(slash + 1) : taskDefinitionArn;
    }
}
