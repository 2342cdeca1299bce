package io.magecloudkit.sandbox.ecs.wire;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.magecloudkit.sandbox.ecs.EcsState.Cluster;
import io.magecloudkit.sandbox.ecs.EcsState.TaskDefinition;
import io.magecloudkit.sandbox.ecs.control.EcsRequests.Tag;
import io.magecloudkit.sandbox.ecs.control.EcsResults.ClusterView;
import io.magecloudkit.sandbox.ecs.control.EcsResults.Described;
import io.magecloudkit.sandbox.ecs.control.EcsResults.Failure;
import io.magecloudkit.sandbox.ecs.control.EcsResults.Page;
import io.magecloudkit.sandbox.ecs.control.EcsResults.TaskDefinitionView;
import java.util.List;
import java.util.function.Function;

/** Control-plane results as ECS JSON 1.1 answers: clusters, task definitions, tags, pages and Describe failures. */
final class EcsJsonRenderer {
    static final ObjectMapper JSON = new ObjectMapper();

    private EcsJsonRenderer() {
    }

    static ObjectNode wrap(String field, JsonNode value) {
        ObjectNode n = JSON.createObjectNode();
        n.set(field, value);
        return n;
    }

    static <T> ObjectNode described(Described<T> result, String field, Function<T, ObjectNode> render) {
        ObjectNode out = JSON.createObjectNode();
        ArrayNode found = out.putArray(field);
        result.found().forEach(item -> found.add(render.apply(item)));
        ArrayNode failures = out.putArray("failures");
        for (Failure f : result.failures()) {
            failures.addObject().put("arn", f.arn()).put("reason", f.reason());
        }
        return out;
    }

    static ObjectNode page(Page page, String field) {
        ObjectNode out = JSON.createObjectNode();
        ArrayNode items = out.putArray(field);
        page.items().forEach(items::add);
        if (page.nextToken() != null) {
            out.put("nextToken", page.nextToken());
        }
        return out;
    }

    static ArrayNode tags(List<Tag> tags) {
        ArrayNode out = JSON.createArrayNode();
        tags.forEach(t -> out.addObject().put("key", t.key()).put("value", t.value()));
        return out;
    }

    /** Epoch milliseconds as the JSON protocol's timestamps: seconds with a fraction. */
    static double seconds(long millis) {
        return millis / 1000.0;
    }

    static ObjectNode cluster(ClusterView view) {
        Cluster c = view.cluster();
        ObjectNode n = JSON.createObjectNode();
        n.put("clusterArn", c.arn).put("clusterName", c.name).put("status", c.status.name());
        n.put("registeredContainerInstancesCount", view.registeredContainerInstances()).put("runningTasksCount", view.runningTasks())
                .put("pendingTasksCount", view.pendingTasks()).put("activeServicesCount", view.activeServices());
        n.putArray("statistics");
        if (view.tags() != null) {
            n.set("tags", tags(view.tags()));
        }
        n.putArray("settings");
        n.putArray("capacityProviders");
        n.putArray("defaultCapacityProviderStrategy");
        return n;
    }

    /** The definition as registered, with the members ECS fills in. */
    static ObjectNode taskDefinition(TaskDefinitionView view) {
        TaskDefinition td = view.taskDefinition();
        ObjectNode n = td.body.deepCopy();
        n.put("taskDefinitionArn", td.arn).put("family", td.family).put("revision", td.revision).put("status", td.status.name());
        if (!n.has("networkMode")) {
            n.put("networkMode", "bridge");
        }
        if (!n.has("volumes")) {
            n.putArray("volumes");
        }
        if (!n.has("placementConstraints")) {
            n.putArray("placementConstraints");
        }
        ArrayNode compat = n.putArray("compatibilities");
        compat.add("EC2");
        if ("awsvpc".equals(n.path("networkMode").asText())) {
            compat.add("FARGATE");
        }
        n.putArray("requiresAttributes");
        n.put("registeredAt", seconds(td.registeredAt));
        if (td.deregisteredAt != null) {
            n.put("deregisteredAt", seconds(td.deregisteredAt));
        }
        n.put("registeredBy", "arn:aws:iam::" + td.arn.split(":")[4] + ":root");
        for (JsonNode def : n.path("containerDefinitions")) {
            ObjectNode d = (ObjectNode) def;
            for (String list : List.of("portMappings", "environment", "mountPoints", "volumesFrom")) {
                if (!d.has(list)) {
                    d.putArray(list);
                }
            }
            if (!d.has("cpu")) {
                d.put("cpu", 0);
            }
            if (!d.has("essential")) {
                d.put("essential", true);
            }
        }
        return n;
    }
}
