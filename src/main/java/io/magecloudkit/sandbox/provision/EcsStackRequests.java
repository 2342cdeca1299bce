package io.magecloudkit.sandbox.provision;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.magecloudkit.sandbox.ecs.control.EcsRequests.CreateCluster;
import io.magecloudkit.sandbox.ecs.control.EcsRequests.CreateService;
import io.magecloudkit.sandbox.ecs.control.EcsRequests.RegisterTaskDefinition;
import io.magecloudkit.sandbox.ecs.control.EcsRequests.UpdateService;
import io.magecloudkit.sandbox.ecs.wire.EcsRequestParser;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The properties of AWS::ECS::Cluster, TaskDefinition and Service resources as the ECS control
 * plane's typed requests. Their properties are the ECS API's members in PascalCase, so they are
 * read by the API's own request parser; what differs (generated names, the service to update)
 * is filled in here.
 */
final class EcsStackRequests {
    /** Maps whose keys are user data, not property names: their keys keep their case. */
    private static final Set<String> VERBATIM_KEYS = Set.of("DockerLabels", "Options", "Labels", "DriverOpts");
    private static final ObjectMapper JSON = new ObjectMapper();

    private EcsStackRequests() {
    }

    static CreateCluster cluster(String name, CfnProperties p) {
        return new CreateCluster(name, EcsRequestParser.tags(p));
    }

    /** The registered definition is one document (ECS describes it back as sent): the properties in the API's camelCase. */
    static RegisterTaskDefinition taskDefinition(String family, Map<String, Object> properties, CfnProperties p) {
        ObjectNode definition = camel(properties, false) instanceof ObjectNode o ? o : JSON.createObjectNode();
        definition.remove("tags");
        definition.put("family", family);
        for (String level : List.of("cpu", "memory")) {
            // Task-level cpu and memory are strings in the API; templates often write them as numbers.
            if (definition.hasNonNull(level)) {
                definition.put(level, definition.get(level).asText());
            }
        }
        return new RegisterTaskDefinition(family, definition, EcsRequestParser.tags(p));
    }

    static CreateService createService(String cluster, String name, CfnProperties p) {
        return EcsRequestParser.createService(p).named(cluster, name);
    }

    /** An update of the stack's service (its physical id); CloudFormation's ForceNewDeployment is not simulated. */
    static UpdateService updateService(String cluster, String service, CfnProperties p) {
        return new UpdateService(cluster, service, p.string("taskDefinition"), p.integer("desiredCount"), false,
                EcsRequestParser.deploymentConfiguration(p), p.integer("healthCheckGracePeriodSeconds"),
                EcsRequestParser.loadBalancers(p), EcsRequestParser.networkConfiguration(p));
    }

    /** CloudFormation properties (PascalCase) as the ECS API's document members (camelCase). */
    static JsonNode camel(Object value, boolean verbatim) {
        if (value instanceof Map<?, ?> map) {
            ObjectNode out = JSON.createObjectNode();
            for (var e : map.entrySet()) {
                String key = String.valueOf(e.getKey());
                String outKey = verbatim || key.isEmpty() ? key : Character.toLowerCase(key.charAt(0)) + key.substring(1);
                out.set(outKey, camel(e.getValue(), VERBATIM_KEYS.contains(key)));
            }
            return out;
        }
        if (value instanceof List<?> list) {
            ArrayNode out = JSON.createArrayNode();
            for (Object item : list) {
                out.add(camel(item, false));
            }
            return out;
        }
        return JSON.valueToTree(value);
    }
}
