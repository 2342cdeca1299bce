package io.magecloudkit.sandbox.provision;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.magecloudkit.sandbox.ecs.EcsState.AwsVpcConfiguration;
import io.magecloudkit.sandbox.ecs.EcsState.LoadBalancer;
import io.magecloudkit.sandbox.ecs.EcsState.NetworkConfiguration;
import io.magecloudkit.sandbox.ecs.control.EcsRequests.CircuitBreakerSettings;
import io.magecloudkit.sandbox.ecs.control.EcsRequests.CreateCluster;
import io.magecloudkit.sandbox.ecs.control.EcsRequests.CreateService;
import io.magecloudkit.sandbox.ecs.control.EcsRequests.DeploymentConfiguration;
import io.magecloudkit.sandbox.ecs.control.EcsRequests.RegisterTaskDefinition;
import io.magecloudkit.sandbox.ecs.control.EcsRequests.Tag;
import io.magecloudkit.sandbox.ecs.control.EcsRequests.UpdateService;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The properties of AWS::ECS::Cluster, TaskDefinition and Service resources as the ECS
 * control plane's typed requests, following the CloudFormation template reference.
 */
final class EcsStackRequests {
    /** Maps whose keys are user data, not property names: their keys keep their case. */
    private static final Set<String> VERBATIM_KEYS = Set.of("DockerLabels", "Options", "Labels", "DriverOpts");
    private static final ObjectMapper JSON = new ObjectMapper();

    private EcsStackRequests() {
    }

    static CreateCluster cluster(String name, CfnProperties p) {
        return new CreateCluster(name, tags(p));
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
        return new RegisterTaskDefinition(family, definition, tags(p));
    }

    static CreateService createService(String cluster, String name, CfnProperties p) {
        List<LoadBalancer> lbs = loadBalancers(p);
        return new CreateService(cluster, name, p.string("TaskDefinition", null), p.integer("DesiredCount", null),
                p.string("LaunchType", null), deploymentConfiguration(p), p.integer("HealthCheckGracePeriodSeconds", null),
                lbs == null ? List.of() : lbs, networkConfiguration(p), tags(p));
    }

    static UpdateService updateService(String cluster, String service, CfnProperties p) {
        return new UpdateService(cluster, service, p.string("TaskDefinition", null), p.integer("DesiredCount", null), false,
                deploymentConfiguration(p), p.integer("HealthCheckGracePeriodSeconds", null), loadBalancers(p), networkConfiguration(p));
    }

    private static List<Tag> tags(CfnProperties p) {
        List<CfnProperties> list = p.objects("Tags");
        List<Tag> out = new ArrayList<>();
        for (CfnProperties tag : list == null ? List.<CfnProperties>of() : list) {
            out.add(new Tag(tag.string("Key", ""), tag.string("Value", "")));
        }
        return out;
    }

    private static DeploymentConfiguration deploymentConfiguration(CfnProperties p) {
        CfnProperties config = p.object("DeploymentConfiguration");
        if (config == null) {
            return null;
        }
        CfnProperties cb = config.object("DeploymentCircuitBreaker");
        return new DeploymentConfiguration(config.integer("MinimumHealthyPercent", null), config.integer("MaximumPercent", null),
                cb == null ? null : new CircuitBreakerSettings(cb.bool("Enable"), cb.bool("Rollback")));
    }

    private static List<LoadBalancer> loadBalancers(CfnProperties p) {
        List<CfnProperties> list = p.objects("LoadBalancers");
        if (list == null) {
            return null;
        }
        List<LoadBalancer> out = new ArrayList<>();
        for (CfnProperties lb : list) {
            out.add(new LoadBalancer(lb.string("TargetGroupArn", null), lb.string("LoadBalancerName", null),
                    lb.string("ContainerName", null), lb.integer("ContainerPort", null)));
        }
        return out;
    }

    private static NetworkConfiguration networkConfiguration(CfnProperties p) {
        CfnProperties net = p.object("NetworkConfiguration");
        if (net == null) {
            return null;
        }
        CfnProperties vpc = net.object("AwsvpcConfiguration");
        return new NetworkConfiguration(vpc == null ? null
                : new AwsVpcConfiguration(vpc.strings("Subnets"), vpc.strings("SecurityGroups"), vpc.string("AssignPublicIp", null)));
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
