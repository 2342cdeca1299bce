package io.magecloudkit.sandbox.ecs.sim;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.HashSet;
import java.util.Locale;
import java.util.Set;

/**
 * What a task of a registered definition reserves on a container instance: the task-level cpu
 * and memory when given ("1024", "1 vCPU", "2 GB"), else the sum over its containers (memory,
 * or memoryReservation when no hard limit is set); and the host ports it binds (bridge mode's
 * fixed hostPort, host mode's containerPort; awsvpc tasks have their own interface and bind none).
 */
public final class TaskDemand {
    private TaskDemand() {
    }

    public static Placement.Demand of(ObjectNode definition) {
        int cpu = units(definition.path("cpu"), 1024);
        int memory = units(definition.path("memory"), 1024);
        int containerCpu = 0;
        int containerMemory = 0;
        String mode = definition.path("networkMode").asText("bridge");
        Set<Integer> ports = new HashSet<>();
        for (JsonNode c : definition.path("containerDefinitions")) {
            containerCpu += c.path("cpu").asInt(0);
            containerMemory += c.has("memory") ? c.path("memory").asInt(0) : c.path("memoryReservation").asInt(0);
            for (JsonNode mapping : c.path("portMappings")) {
                int port = "host".equals(mode) ? mapping.path("containerPort").asInt(0)
                        : "awsvpc".equals(mode) ? 0 : mapping.path("hostPort").asInt(0);
                if (port > 0) {
                    ports.add(port);
                }
            }
        }
        return new Placement.Demand(cpu > 0 ? cpu : containerCpu, memory > 0 ? memory : containerMemory, ports);
    }

    /** "512", "0.5 vCPU" or "1 GB" in CPU units or MiB; 0 when absent. */
    static int units(JsonNode value, int perWholeUnit) {
        if (value.isMissingNode() || value.isNull()) {
            return 0;
        }
        String text = value.asText().trim().toLowerCase(Locale.ROOT);
        if (text.endsWith("vcpu") || text.endsWith("gb")) {
            String number = text.replaceAll("[a-z ]+$", "");
            return (int) Math.round(Double.parseDouble(number) * perWholeUnit);
        }
        return text.isEmpty() ? 0 : Integer.parseInt(text);
    }
}
