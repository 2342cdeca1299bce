package io.magecloudkit.deploy;

import java.util.List;
import java.util.Map;

/** What {@code mck status} shows: per app, its service now and its last deploys. */
public record StatusReport(String environment, List<AppStatus> apps) {

    public StatusReport {
        apps = List.copyOf(apps);
    }

    /**
     * @param state       ACTIVE, or "not found" when the service does not exist
     * @param revision    the service's task definition ({@code family:revision})
     * @param deployments one line per deployment: status, id, revision, rollout state, counts
     * @param targets     healthy / total, or null without a target group
     * @param lastDeploys newest first
     * @param workers     the app's cron and consumer services
     */
    public record AppStatus(String app, String cluster, String service, String state, String revision,
            Map<String, String> images, int desired, int running, int pending, List<String> deployments, String targets,
            List<Deploy> lastDeploys, List<WorkerStatus> workers) {

        public AppStatus {
            workers = workers == null ? List.of() : List.copyOf(workers);
        }
    }

    /**
     * A cron or consumer service now.
     *
     * @param state       ACTIVE, or "not found" when the service does not exist (not created yet, or off)
     * @param revision    its task definition ({@code family:revision})
     * @param deployments one line per deployment, as for the app
     * @param lastDeploy  the newest deploy or rollback that moved it (from the history); null when none recorded it
     */
    public record WorkerStatus(String role, String service, String state, String revision, int desired, int running,
            int pending, List<String> deployments, Deploy lastDeploy) {
    }

    public record Deploy(String at, String by, String kind, String revision, String verdict, String reason) {
    }
}
