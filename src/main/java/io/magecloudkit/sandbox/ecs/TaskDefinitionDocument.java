package io.magecloudkit.sandbox.ecs;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;

/**
 * The parts of a registered task definition the simulation acts on. ECS answers
 * DescribeTaskDefinition with the definition as it was registered, so the sandbox keeps the
 * registered document whole and reads from it only what it simulates.
 */
public final class TaskDefinitionDocument {

    /** Docker's health check settings, with ECS's defaults. */
    public record HealthCheck(int intervalSeconds, int retries, int startPeriodSeconds) {
    }

    /** @param healthCheck null when the container has none */
    public record ContainerSpec(String name, String image, boolean essential, HealthCheck healthCheck) {
    }

    private TaskDefinitionDocument() {
    }

    public static List<ContainerSpec> containers(ObjectNode document) {
        List<ContainerSpec> out = new ArrayList<>();
        JsonNode defs = document.path("containerDefinitions");
        if (!defs.isArray()) {
            return out;
        }
        for (JsonNode def : defs) {
            HealthCheck check = null;
            if (def.has("healthCheck")) {
                JsonNode h = def.path("healthCheck");
                check = new HealthCheck(h.path("interval").asInt(30), h.path("retries").asInt(3), h.path("startPeriod").asInt(0));
            }
            out.add(new ContainerSpec(text(def, "name"), text(def, "image"),
                    !def.has("essential") || def.path("essential").asBoolean(true), check));
        }
        return out;
    }

    /** Task-level cpu or memory as registered ("256", "0.5 vCPU"); null when absent. */
    public static String text(JsonNode node, String field) {
        JsonNode v = node.get(field);
        return v == null || v.isNull() ? null : v.asText();
    }
}
