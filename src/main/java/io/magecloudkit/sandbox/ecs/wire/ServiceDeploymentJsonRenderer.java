package io.magecloudkit.sandbox.ecs.wire;

import static io.magecloudkit.sandbox.ecs.wire.EcsJsonRenderer.JSON;
import static io.magecloudkit.sandbox.ecs.wire.EcsJsonRenderer.seconds;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.magecloudkit.sandbox.ecs.EcsState.ServiceDeploymentRecord;
import io.magecloudkit.sandbox.ecs.EcsState.ServiceRevision;
import io.magecloudkit.sandbox.ecs.control.EcsResults.ContainerImage;
import io.magecloudkit.sandbox.ecs.control.EcsResults.RevisionCount;
import io.magecloudkit.sandbox.ecs.control.EcsResults.ServiceDeploymentPage;
import io.magecloudkit.sandbox.ecs.control.EcsResults.ServiceDeploymentView;
import io.magecloudkit.sandbox.ecs.control.EcsResults.ServiceRevisionView;

/** Service deployments and revisions as the ECS API reference shapes them (ServiceDeploymentBrief, ServiceDeployment, ServiceRevision). */
final class ServiceDeploymentJsonRenderer {
    private ServiceDeploymentJsonRenderer() {
    }

    static ObjectNode page(ServiceDeploymentPage page) {
        ObjectNode out = JSON.createObjectNode();
        ArrayNode list = out.putArray("serviceDeployments");
        for (ServiceDeploymentView view : page.items()) {
            ServiceDeploymentRecord r = view.record();
            ObjectNode n = list.addObject().put("serviceDeploymentArn", r.arn).put("serviceArn", view.service().arn)
                    .put("clusterArn", view.service().clusterArn);
            putTime(n, "startedAt", r.startedAt);
            n.put("createdAt", seconds(r.createdAt));
            putTime(n, "finishedAt", r.finishedAt);
            n.put("targetServiceRevisionArn", r.targetRevisionArn).put("status", r.status.name());
            putText(n, "statusReason", r.statusReason);
        }
        if (page.nextToken() != null) {
            out.put("nextToken", page.nextToken());
        }
        return out;
    }

    static ObjectNode deployment(ServiceDeploymentView view) {
        ServiceDeploymentRecord r = view.record();
        ObjectNode n = JSON.createObjectNode().put("serviceDeploymentArn", r.arn).put("serviceArn", view.service().arn)
                .put("clusterArn", view.service().clusterArn).put("createdAt", seconds(r.createdAt));
        putTime(n, "startedAt", r.startedAt);
        putTime(n, "finishedAt", r.finishedAt);
        putTime(n, "stoppedAt", r.stoppedAt);
        n.put("updatedAt", seconds(r.updatedAt));
        ArrayNode sources = n.putArray("sourceServiceRevisions");
        view.sources().forEach(s -> sources.add(revisionSummary(s)));
        n.set("targetServiceRevision", revisionSummary(view.target()));
        n.put("status", r.status.name());
        putText(n, "statusReason", r.statusReason);
        ObjectNode config = n.putObject("deploymentConfiguration");
        config.putObject("deploymentCircuitBreaker").put("enable", r.circuitBreakerEnable).put("rollback", r.circuitBreakerRollback);
        config.put("maximumPercent", r.maximumPercent).put("minimumHealthyPercent", r.minimumHealthyPercent);
        if (r.rollbackStartedAt != null) {
            n.putObject("rollback").put("reason", r.rollbackReason).put("startedAt", seconds(r.rollbackStartedAt))
                    .put("serviceRevisionArn", r.rollbackRevisionArn);
        }
        String breaker = !r.circuitBreakerEnable ? "DISABLED" : r.circuitBreakerTriggered ? "TRIGGERED"
                : r.status.ongoing() ? "MONITORING" : "MONITORING_COMPLETE";
        n.putObject("deploymentCircuitBreaker").put("status", breaker).put("failureCount", r.failureCount)
                .put("threshold", view.threshold());
        n.putObject("alarms").put("status", "DISABLED");
        return n;
    }

    static ObjectNode revision(ServiceRevisionView view) {
        ServiceRevision rev = view.revision();
        ObjectNode n = JSON.createObjectNode().put("serviceRevisionArn", rev.arn).put("serviceArn", view.service().arn)
                .put("clusterArn", view.service().clusterArn).put("taskDefinition", rev.taskDefinition);
        ServiceJsonRenderer.capacity(n, rev.launchType, rev.capacityProviderStrategy, rev.platformVersion, rev.platformFamily);
        ArrayNode lbs = n.putArray("loadBalancers");
        if (rev.loadBalancers != null) {
            rev.loadBalancers.forEach(lb -> lbs.add(ServiceJsonRenderer.loadBalancer(lb)));
        }
        n.putArray("serviceRegistries");
        if (rev.networkConfiguration != null) {
            n.set("networkConfiguration", ServiceJsonRenderer.network(rev.networkConfiguration));
        }
        ArrayNode images = n.putArray("containerImages");
        for (ContainerImage image : view.containerImages()) {
            images.addObject().put("containerName", image.containerName()).put("image", image.image());
        }
        n.put("guardDutyEnabled", false).put("createdAt", seconds(rev.createdAt));
        return n;
    }

    private static ObjectNode revisionSummary(RevisionCount count) {
        return JSON.createObjectNode().put("arn", count.arn()).put("requestedTaskCount", count.requestedTaskCount())
                .put("runningTaskCount", count.runningTaskCount()).put("pendingTaskCount", count.pendingTaskCount());
    }

    private static void putTime(ObjectNode n, String field, Long millis) {
        if (millis != null) {
            n.put(field, seconds(millis));
        }
    }

    private static void putText(ObjectNode n, String field, String value) {
        if (value != null) {
            n.put(field, value);
        }
    }
}
