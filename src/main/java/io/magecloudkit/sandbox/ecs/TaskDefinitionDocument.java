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

    /** The awslogs driver's destination: the group, the stream prefix (null when not set), whether it may create the group. */
    public record AwsLogs(String group, String streamPrefix, boolean createGroup) {
    }

    /** A container's command as registered; empty when it runs its image's default. */
    public static List<String> command(ObjectNode document, String container) {
        List<String> out = new ArrayList<>();
        definition(document, container).path("command").forEach(word -> out.add(word.asText()));
        return out;
    }

    /** The container's awslogs configuration; null when it logs through another driver or none. */
    public static AwsLogs awsLogs(ObjectNode document, String container) {
        JsonNode config = definition(document, container).path("logConfiguration");
        if (!"awslogs".equals(config.path("logDriver").asText()) || !config.path("options").hasNonNull("awslogs-group")) {
            return null;
        }
        JsonNode options = config.path("options");
        return new AwsLogs(options.path("awslogs-group").asText(), text(options, "awslogs-stream-prefix"),
                "true".equals(text(options, "awslogs-create-group")));
    }

    private static JsonNode definition(ObjectNode document, String container) {
        for (JsonNode def : document.path("containerDefinitions")) {
            if (container.equals(text(def, "name"))) {
                return def;
            }
        }
        return com.fasterxml.jackson.databind.node.MissingNode.getInstance();
    }
}
