package io.magecloudkit.sandbox.provision;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.magecloudkit.sandbox.SandboxError;
import io.magecloudkit.sandbox.cloudformation.ResourceProvisioner;
import io.magecloudkit.sandbox.ecs.EcsApi;
import io.magecloudkit.sandbox.ecs.EcsState;
import io.magecloudkit.sandbox.elbv2.Elbv2Api;
import io.magecloudkit.sandbox.elbv2.TargetGroup;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Makes the ECS and ELBv2 resources of a stack real: a cluster, service or task definition
 * created by CloudFormation is visible to the ECS API and a target group to ELBv2. Every other
 * type goes to the fallback provisioner. Ref and Fn::GetAtt values follow the CloudFormation
 * template reference for each type.
 */
public final class SandboxResourceProvisioner implements ResourceProvisioner {
    static final String CLUSTER = "AWS::ECS::Cluster";
    static final String SERVICE = "AWS::ECS::Service";
    static final String TASK_DEFINITION = "AWS::ECS::TaskDefinition";
    static final String TARGET_GROUP = "AWS::ElasticLoadBalancingV2::TargetGroup";
    private static final Set<String> OWN = Set.of(CLUSTER, SERVICE, TASK_DEFINITION, TARGET_GROUP);
    /** Maps whose keys are user data, not property names: their keys keep their case. */
    private static final Set<String> VERBATIM_KEYS = Set.of("DockerLabels", "Options", "Labels", "DriverOpts");
    private static final ObjectMapper JSON = new ObjectMapper();

    private final EcsApi ecs;
    private final Elbv2Api elbv2;
    private final String region;
    private final String accountId;
    private final ResourceProvisioner fallback;

    public SandboxResourceProvisioner(EcsApi ecs, Elbv2Api elbv2, String region, String accountId, ResourceProvisioner fallback) {
        this.ecs = ecs;
        this.elbv2 = elbv2;
        this.region = region;
        this.accountId = accountId;
        this.fallback = fallback;
    }

    @Override
    public boolean handles(String resourceType) {
        return OWN.contains(resourceType) || fallback.handles(resourceType);
    }

    @Override
    public Provisioned create(String stackName, String logicalId, String resourceType, Map<String, Object> properties) {
        if (!OWN.contains(resourceType)) {
            return fallback.create(stackName, logicalId, resourceType, properties);
        }
        try {
            return switch (resourceType) {
                case CLUSTER -> {
                    String name = string(properties, "ClusterName", generatedName(stackName, logicalId, 255));
                    EcsState.Cluster c = ecs.createCluster(name, camel(properties.get("Tags")));
                    yield new Provisioned(c.name, Map.of("Arn", c.arn));
                }
                case TASK_DEFINITION -> taskDefinition(stackName, logicalId, properties);
                case SERVICE -> {
                    ObjectNode request = camelObject(properties);
                    request.remove("cluster");
                    request.put("cluster", string(properties, "Cluster", "default"));
                    request.put("serviceName", string(properties, "ServiceName", generatedName(stackName, logicalId, 255)));
                    EcsState.Service s = ecs.createService(request);
                    yield service(s);
                }
                case TARGET_GROUP -> targetGroup(null, stackName, logicalId, properties);
                default -> throw new IllegalStateException(resourceType);
            };
        } catch (SandboxError e) {
            throw failure(e);
        }
    }

    @Override
    public Provisioned update(String stackName, String logicalId, String resourceType, String physicalId, Map<String, Object> properties) {
        if (!OWN.contains(resourceType)) {
            return fallback.update(stackName, logicalId, resourceType, physicalId, properties);
        }
        try {
            return switch (resourceType) {
                case CLUSTER -> {
                    EcsState.Cluster c = ecs.createCluster(physicalId, camel(properties.get("Tags")));
                    yield new Provisioned(c.name, Map.of("Arn", c.arn));
                }
                // Task definitions are immutable: an update registers a new revision (a new physical id).
                case TASK_DEFINITION -> taskDefinition(stackName, logicalId, properties);
                case SERVICE -> {
                    ObjectNode request = camelObject(properties);
                    request.remove("serviceName");
                    request.put("cluster", string(properties, "Cluster", "default"));
                    request.put("service", physicalId);
                    yield service(ecs.updateService(request));
                }
                case TARGET_GROUP -> targetGroup(physicalId, stackName, logicalId, properties);
                default -> throw new IllegalStateException(resourceType);
            };
        } catch (SandboxError e) {
            throw failure(e);
        }
    }

    @Override
    public void delete(String stackName, String logicalId, String resourceType, String physicalId, Map<String, Object> properties) {
        if (!OWN.contains(resourceType)) {
            fallback.delete(stackName, logicalId, resourceType, physicalId, properties);
            return;
        }
        try {
            switch (resourceType) {
                case CLUSTER -> {
                    EcsState.Cluster c = ecs.state().clusters.get(physicalId);
                    if (c != null) {
                        c.status = "INACTIVE";
                    }
                }
                case TASK_DEFINITION -> {
                    ObjectNode request = JSON.createObjectNode().put("taskDefinition", physicalId);
                    ecs.handle("DeregisterTaskDefinition", request);
                }
                case SERVICE -> {
                    ObjectNode request = JSON.createObjectNode().put("cluster", string(properties, "Cluster", "default"))
                            .put("service", physicalId).put("force", true);
                    ecs.deleteService(request);
                }
                case TARGET_GROUP -> elbv2.remove(physicalId);
                default -> throw new IllegalStateException(resourceType);
            }
        } catch (SandboxError e) {
            // Deleting what is already gone is not an error (the cluster or service went first).
            if (!e.code().endsWith("NotFoundException") && !"ClientException".equals(e.code())) {
                throw failure(e);
            }
        }
    }

    private Provisioned taskDefinition(String stackName, String logicalId, Map<String, Object> properties) {
        ObjectNode request = camelObject(properties);
        if (!request.hasNonNull("family")) {
            request.put("family", generatedName(stackName, logicalId, 255));
        }
        EcsState.TaskDefinition td = ecs.registerTaskDefinition(request, ecs.nowMillis());
        return new Provisioned(td.arn, Map.of("TaskDefinitionArn", td.arn));
    }

    private static Provisioned service(EcsState.Service s) {
        return new Provisioned(s.arn, Map.of("Name", s.name, "ServiceArn", s.arn));
    }

    private Provisioned targetGroup(String existingArn, String stackName, String logicalId, Map<String, Object> p) {
        TargetGroup tg = existingArn == null ? null : elbv2.get(existingArn);
        if (tg == null) {
            tg = new TargetGroup();
            tg.name = string(p, "Name", generatedName(stackName, logicalId, 32));
            if (!tg.name.matches("[A-Za-z0-9-]{1,32}") || tg.name.startsWith("-") || tg.name.endsWith("-")) {
                throw new ResourceFailure("Resource handler returned message: \"Target group name '" + tg.name
                        + "' can have a maximum of 32 characters, can contain only alphanumeric characters or hyphens, and must not begin or end with a hyphen\"");
            }
            String id = Long.toHexString(ThreadLocalRandom.current().nextLong() & 0xffffffffffffL | 0x1000000000000L).substring(1);
            tg.arn = "arn:aws:elasticloadbalancing:" + region + ":" + accountId + ":targetgroup/" + tg.name + "/" + id;
        }
        tg.protocol = string(p, "Protocol", tg.protocol);
        tg.port = integer(p, "Port", tg.port);
        tg.vpcId = string(p, "VpcId", tg.vpcId);
        tg.targetType = string(p, "TargetType", tg.targetType);
        tg.healthCheckPath = string(p, "HealthCheckPath", tg.healthCheckPath);
        tg.healthCheckProtocol = string(p, "HealthCheckProtocol", tg.protocol);
        tg.healthCheckPort = string(p, "HealthCheckPort", tg.healthCheckPort);
        tg.healthCheckIntervalSeconds = integer(p, "HealthCheckIntervalSeconds", tg.healthCheckIntervalSeconds);
        tg.healthCheckTimeoutSeconds = integer(p, "HealthCheckTimeoutSeconds", tg.healthCheckTimeoutSeconds);
        tg.healthyThresholdCount = integer(p, "HealthyThresholdCount", tg.healthyThresholdCount);
        tg.unhealthyThresholdCount = integer(p, "UnhealthyThresholdCount", tg.unhealthyThresholdCount);
        if (p.get("Matcher") instanceof Map<?, ?> m && m.get("HttpCode") != null) {
            tg.matcher = String.valueOf(m.get("HttpCode"));
        }
        if (p.get("TargetGroupAttributes") instanceof List<?> attrs) {
            for (Object a : attrs) {
                if (a instanceof Map<?, ?> attr && "deregistration_delay.timeout_seconds".equals(attr.get("Key"))) {
                    tg.deregistrationDelaySeconds = Integer.parseInt(String.valueOf(attr.get("Value")));
                }
            }
        }
        elbv2.put(tg);
        Map<String, Object> attributes = new HashMap<>();
        attributes.put("TargetGroupArn", tg.arn);
        attributes.put("TargetGroupName", tg.name);
        attributes.put("TargetGroupFullName", tg.fullName());
        attributes.put("LoadBalancerArns", List.copyOf(tg.loadBalancerArns));
        return new Provisioned(tg.arn, attributes);
    }

    private static ResourceFailure failure(SandboxError e) {
        return new ResourceFailure("Resource handler returned message: \"" + e.getMessage() + "\" (HandlerErrorCode: InvalidRequest)");
    }

    /** CloudFormation's physical names: stack-Logical-RANDOM, cut to the type's limit. */
    static String generatedName(String stackName, String logicalId, int max) {
        String suffix = Long.toString(ThreadLocalRandom.current().nextLong(Long.MAX_VALUE), 36).toUpperCase(Locale.ROOT);
        suffix = suffix.substring(0, Math.min(12, suffix.length()));
        String base = stackName + "-" + logicalId;
        int room = max - suffix.length() - 1;
        if (base.length() > room) {
            base = base.substring(0, room);
        }
        return (base + "-" + suffix).replaceAll("[^A-Za-z0-9-]", "-");
    }

    private static String string(Map<String, Object> p, String key, String fallback) {
        Object v = p.get(key);
        return v == null ? fallback : String.valueOf(v);
    }

    private static int integer(Map<String, Object> p, String key, int fallback) {
        Object v = p.get(key);
        return v == null ? fallback : Integer.parseInt(String.valueOf(v));
    }

    /** CloudFormation properties (PascalCase) as the ECS API's request JSON (camelCase). */
    static ObjectNode camelObject(Map<String, Object> properties) {
        JsonNode node = camel(properties);
        return node instanceof ObjectNode o ? o : JSON.createObjectNode();
    }

    static JsonNode camel(Object value) {
        return camel(value, false);
    }

    private static JsonNode camel(Object value, boolean verbatim) {
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
