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
 */
record AppPlan(String app, String cluster, String service, String targetGroupArn, ObjectNode taskDefinition,
        Map<String, String> images, URI smokeUrl, int smokeStatus, String smokeBody, GateSettings gate,
        DeploymentConfig deployment, String parameterPrefix, boolean rollbackOnFailure) {

    String family() {
        return taskDefinition.path("family").asText();
    }

    String what() {
        return "service " + service + " (app " + app + ")";
    }
}
