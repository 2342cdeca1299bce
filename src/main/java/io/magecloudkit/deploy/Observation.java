package io.magecloudkit.deploy;

import java.time.Instant;
import java.util.List;

/**
 * What the gate saw of a service at one moment: the input of {@link HealthGate}. Plain values, so
 * verdicts are tested without a server.
 *
 * @param deployments     the service's deployments, PRIMARY first
 * @param stoppedNewTasks tasks of the watched deployment that have stopped
 * @param targets         the target group's health; null when the app has no target group
 * @param smoke           the smoke check's run so far; null while it has not started
 * @param record          ECS's own record of the watched deployment; null where the endpoint has none
 */
public record Observation(Instant at, List<DeploymentView> deployments, List<StoppedTask> stoppedNewTasks,
        TargetView targets, SmokeView smoke, RecordView record) {

    public Observation {
        deployments = List.copyOf(deployments);
        stoppedNewTasks = List.copyOf(stoppedNewTasks);
    }

    /** Without ECS's deployment record (endpoints that do not offer it). */
    public Observation(Instant at, List<DeploymentView> deployments, List<StoppedTask> stoppedNewTasks, TargetView targets,
            SmokeView smoke) {
        this(at, deployments, stoppedNewTasks, targets, smoke, null);
    }

    public Observation withSmoke(SmokeView s) {
        return new Observation(at, deployments, stoppedNewTasks, targets, s, record);
    }

    /** ECS's service deployment record: its status (PENDING … SUCCESSFUL, STOPPED, ROLLBACK_*) and ECS's reason. */
    public record RecordView(String arn, String status, String statusReason) {
        /** A record ECS stopped or rolled back: whatever the deployments array shows, not a success. */
        public boolean stoppedOrRolledBack() {
            return status != null && (status.startsWith("ROLLBACK_") || "STOPPED".equals(status));
        }
    }

    /** One entry of the service's deployments array. */
    public record DeploymentView(String id, String status, String taskDefinition, String rolloutState,
            String rolloutStateReason, int desired, int running, int pending, int failedTasks, Instant createdAt) {
    }

    /** A stopped task with its containers' exits. */
    public record StoppedTask(String taskId, String stopCode, String reason, List<ContainerExit> containers) {
        public StoppedTask {
            containers = List.copyOf(containers);
        }
    }

    public record ContainerExit(String name, boolean essential, Integer exitCode, String reason) {
    }

    /** Targets by state; draining ones belong to stopping tasks. */
    public record TargetView(int healthy, int initial, int unhealthy, int draining, int other, List<String> problems) {
        public TargetView {
            problems = List.copyOf(problems);
        }

        public int serving() {
            return healthy + initial + unhealthy + other;
        }
    }

    /** The smoke check's consecutive passes and failures, and the last answer in words. */
    public record SmokeView(int consecutivePasses, int consecutiveFailures, String lastAnswer) {
    }

    public DeploymentView deployment(String id) {
        return deployments.stream().filter(d -> d.id().equals(id)).findFirst().orElse(null);
    }

    public DeploymentView primary() {
        return deployments.stream().filter(d -> "PRIMARY".equals(d.status())).findFirst().orElse(null);
    }
}
