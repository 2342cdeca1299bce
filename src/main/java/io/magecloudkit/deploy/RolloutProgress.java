package io.magecloudkit.deploy;

import io.magecloudkit.deploy.Observation.DeploymentView;
import java.time.Instant;

/**
 * When the watched deployment last moved: its newest task came up ({@code runningSince}) and the old
 * deployments' last task left service ({@code drainingSince}). Times come from the service events
 * that announced the change where there are some (so a late look does not shift them), else the look
 * that saw it. Pure: each look gives the next value.
 */
public record RolloutProgress(Instant runningSince, Instant drainingSince) {
    public static final RolloutProgress NONE = new RolloutProgress(null, null);

    /**
     * @param before   the previous observation; null at the first look
     * @param changeAt when the change between the two happened: the newest new service event's time, else now
     */
    public RolloutProgress next(Observation before, Observation now, String deploymentId, Instant changeAt) {
        DeploymentView ours = now.deployment(deploymentId);
        if (ours == null) {
            return this;
        }
        DeploymentView oursBefore = before == null ? null : before.deployment(deploymentId);
        Instant running = runningSince;
        // A first look (a rerun joining a deployment) cannot tell when things happened: it leaves them unknown.
        if (oursBefore != null && ours.running() > oursBefore.running()) {
            running = changeAt;
        }
        Instant draining = drainingSince;
        int old = oldRunning(now, deploymentId);
        boolean othersListed = now.deployments().size() > 1;
        if (othersListed && old == 0 && before != null && oldRunning(before, deploymentId) > 0) {
            draining = changeAt;
        }
        return new RolloutProgress(running, draining);
    }

    static int oldRunning(Observation o, String deploymentId) {
        return o.deployments().stream().filter(d -> !d.id().equals(deploymentId)).mapToInt(DeploymentView::running).sum();
    }
}
