package io.magecloudkit.config;

/**
 * ECS rolling-deployment settings of one service and the deploy's health gate.
 *
 * @param revisionsToKeep       task definition revisions kept ACTIVE after a successful deploy (the running
 *                              one and the rollback target are always kept)
 * @param gateTimeoutSeconds    how long the health gate waits before it calls the deploy failed
 * @param stoppedTaskThreshold  new tasks that may fail to start before the gate calls the deploy failed
 * @param smokeCheckUrl         the URL the smoke check asks; null for {@code https://<domain><healthCheckPath>}
 * @param smokeCheckStatus      the HTTP status the smoke check expects
 * @param smokeCheckBody        text the answer must contain; null for any
 * @param smokeCheckPasses      consecutive passing answers the gate needs once only new tasks serve
 * @param release               whether the deploy runs Magento's release phase (setup:db:status, setup:upgrade)
 *                              between registering the task definition and updating the service
 * @param maintenance           {@code never}, {@code upgrade} or {@code always}: when maintenance mode is on
 *                              around the release phase
 */
public record DeploymentConfig(int minimumHealthyPercent, int maximumPercent, int healthCheckGracePeriodSeconds,
        int revisionsToKeep, int gateTimeoutSeconds, int stoppedTaskThreshold, String smokeCheckUrl,
        int smokeCheckStatus, String smokeCheckBody, int smokeCheckPasses, boolean release, String maintenance) {

    public static final int DEFAULT_REVISIONS_TO_KEEP = 10;
    public static final int DEFAULT_GATE_TIMEOUT_SECONDS = 900;
    public static final int DEFAULT_STOPPED_TASK_THRESHOLD = 2;
    public static final int DEFAULT_SMOKE_CHECK_STATUS = 200;
    public static final int DEFAULT_SMOKE_CHECK_PASSES = 3;
    public static final String DEFAULT_MAINTENANCE = "upgrade";

    /** These settings with the release phase on or off (its default depends on the app's kind). */
    public DeploymentConfig withRelease(boolean on) {
        return new DeploymentConfig(minimumHealthyPercent, maximumPercent, healthCheckGracePeriodSeconds, revisionsToKeep,
                gateTimeoutSeconds, stoppedTaskThreshold, smokeCheckUrl, smokeCheckStatus, smokeCheckBody, smokeCheckPasses,
                on, maintenance);
    }

    /** The rolling-deployment settings with the gate's defaults. */
    public DeploymentConfig(int minimumHealthyPercent, int maximumPercent, int healthCheckGracePeriodSeconds) {
        this(minimumHealthyPercent, maximumPercent, healthCheckGracePeriodSeconds, DEFAULT_REVISIONS_TO_KEEP,
                DEFAULT_GATE_TIMEOUT_SECONDS, DEFAULT_STOPPED_TASK_THRESHOLD, null, DEFAULT_SMOKE_CHECK_STATUS, null,
                DEFAULT_SMOKE_CHECK_PASSES, true, DEFAULT_MAINTENANCE);
    }
}
