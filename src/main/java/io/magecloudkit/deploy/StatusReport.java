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
     */
    public record AppStatus(String app, String cluster, String service, String state, String revision,
            Map<String, String> images, int desired, int running, int pending, List<String> deployments, String targets,
            List<Deploy> lastDeploys) {
    }

    public record Deploy(String at, String by, String kind, String revision, String verdict, String reason) {
    }
}
