package io.magecloudkit.deploy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.magecloudkit.config.DeploymentConfig;
import java.net.URI;
import java.util.Map;

/**
 * One app's deploy, checked and resolved before anything changes.
 *
 * @param taskDefinition the rendered RegisterTaskDefinition input; null for a rollback (the revision exists)
 * @param smokeUrl       null when the smoke check is off
 * @param workers        the app's cron and consumer services, rendered from the task definition; empty for a rollback
 */
record AppPlan(String app, String cluster, String service, String targetGroupArn, ObjectNode taskDefinition,
        Map<String, String> images, URI smokeUrl, int smokeStatus, String smokeBody, GateSettings gate,
        DeploymentConfig deployment, String parameterPrefix, boolean rollbackOnFailure,
        java.util.List<WorkerTaskDefinitions.Worker> workers) {

    AppPlan {
        workers = workers == null ? java.util.List.of() : java.util.List.copyOf(workers);
    }

    /** A plan without cron or consumer services. */
    AppPlan(String app, String cluster, String service, String targetGroupArn, ObjectNode taskDefinition,
            Map<String, String> images, URI smokeUrl, int smokeStatus, String smokeBody, GateSettings gate,
            DeploymentConfig deployment, String parameterPrefix, boolean rollbackOnFailure) {
        this(app, cluster, service, targetGroupArn, taskDefinition, images, smokeUrl, smokeStatus, smokeBody, gate, deployment,
                parameterPrefix, rollbackOnFailure, java.util.List.of());
    }

    String family() {
        return taskDefinition.path("family").asText();
    }

    String what() {
        return "service " + service + " (app " + app + ")";
    }
}
