package io.magecloudkit.deploy;

import io.magecloudkit.config.MckConfig;
import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;

/**
 * What {@link Deployer#deploy} is asked to do.
 *
 * @param apps      the apps to deploy; empty for every app of the environment
 * @param images    container name → image pinned by digest (shared by the apps that have the container)
 * @param stack     the environment's stack values (cluster, service, target group, roles, ...)
 * @param gate      smoke check and rollback choices of this run
 * @param actor     who deploys (Jenkins' BUILD_TAG, else the user), for the history
 * @param clock     the gate's clock ({@link GateClock#SYSTEM} outside tests)
 * @param cancelled true once the run should stop waiting (SIGTERM)
 */
public record DeployRequest(MckConfig config, String environment, List<String> apps, Map<String, ImageRef> images,
        StackValues stack, GateOptions gate, String actor, GateClock clock, BooleanSupplier cancelled) {

    public DeployRequest {
        apps = List.copyOf(apps);
        images = Map.copyOf(images);
    }

    /**
     * Per-run choices about the gate.
     *
     * @param smokeUrl      overrides the configured / default smoke-check URL; null to keep it
     * @param noSmokeCheck  skip the smoke check (the log and result say so)
     * @param noRollback    leave a failed deployment as it is
     * @param timeoutSeconds overrides the configured gate timeout; null to keep it
     */
    public record GateOptions(URI smokeUrl, boolean noSmokeCheck, boolean noRollback, Integer timeoutSeconds) {
        public static final GateOptions DEFAULT = new GateOptions(null, false, false, null);
    }
}
