package io.magecloudkit.sandbox.provision;

import io.magecloudkit.sandbox.ecs.control.EcsRequests.RegisterContainerInstances;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What a stack's launch templates, auto-scaling groups and capacity providers add up to: when a
 * capacity provider comes to serve a cluster (AWS::ECS::ClusterCapacityProviderAssociations, or a
 * cluster's own CapacityProviders), its group's desired capacity of instances of the launch
 * template's type register with the cluster, as their ECS agents would once the group had
 * launched them, less the ECS_RESERVED_MEMORY its user data writes to /etc/ecs/ecs.config.
 * The sandbox does not scale the group afterwards.
 */
final class AutoScalingCapacity {
    static final String LAUNCH_TEMPLATE = "AWS::EC2::LaunchTemplate";
    static final String AUTO_SCALING_GROUP = "AWS::AutoScaling::AutoScalingGroup";
    static final String CAPACITY_PROVIDER = "AWS::ECS::CapacityProvider";
    static final String ASSOCIATIONS = "AWS::ECS::ClusterCapacityProviderAssociations";
    static final Set<String> WATCHED = Set.of(LAUNCH_TEMPLATE, AUTO_SCALING_GROUP, CAPACITY_PROVIDER, ASSOCIATIONS);

    private record Group(int desiredCapacity, String launchTemplate) {
    }

    private record Template(String instanceType, int reservedMemory) {
    }

    private static final Pattern RESERVED_MEMORY = Pattern.compile("ECS_RESERVED_MEMORY=(\\d{1,6})");

    /** By launch template id and by name. */
    private final Map<String, Template> launchTemplates = new HashMap<>();
    private final Map<String, Group> groups = new HashMap<>();
    /** Auto-scaling group name by capacity provider name. */
    private final Map<String, String> providers = new HashMap<>();
    /** "cluster/provider" pairs already given their instances. */
    private final Set<String> served = new HashSet<>();

    /** Remembers a watched resource; for an association, answers the registrations it causes. */
    List<RegisterContainerInstances> created(String type, String physicalId, Map<String, Object> properties) {
        switch (type) {
            case LAUNCH_TEMPLATE -> {
                Map<String, Object> data = map(properties.get("LaunchTemplateData"));
                Template template = new Template(string(data.get("InstanceType")), reservedMemory(string(data.get("UserData"))));
                launchTemplates.put(physicalId, template);
                if (properties.get("LaunchTemplateName") != null) {
                    launchTemplates.put(string(properties.get("LaunchTemplateName")), template);
                }
            }
            case AUTO_SCALING_GROUP -> {
                Map<String, Object> lt = map(properties.get("LaunchTemplate"));
                Object template = lt.get("LaunchTemplateId") != null ? lt.get("LaunchTemplateId") : lt.get("LaunchTemplateName");
                Object desired = properties.get("DesiredCapacity") != null ? properties.get("DesiredCapacity") : properties.get("MinSize");
                groups.put(physicalId, new Group(desired == null ? 0 : Integer.parseInt(string(desired)), string(template)));
            }
            case CAPACITY_PROVIDER -> {
                String group = string(map(properties.get("AutoScalingGroupProvider")).get("AutoScalingGroupArn"));
                // The ARN ends in "autoScalingGroupName/NAME"; a template may also give the bare name.
                providers.put(physicalId, group == null ? null : group.substring(group.lastIndexOf('/') + 1));
            }
            case ASSOCIATIONS -> {
                return serve(string(properties.get("Cluster")), properties.get("CapacityProviders"));
            }
            default -> { }
        }
        return List.of();
    }

    /** The registrations for a cluster that names these capacity providers (the ECS-managed FARGATE ones have no group). */
    List<RegisterContainerInstances> serve(String cluster, Object capacityProviders) {
        List<RegisterContainerInstances> out = new ArrayList<>();
        if (!(capacityProviders instanceof List<?> names)) {
            return out;
        }
        for (Object name : names) {
            String provider = string(name);
            Group group = groups.get(providers.get(provider));
            Template template = group == null ? null : launchTemplates.get(group.launchTemplate());
            if (template != null && template.instanceType() != null && group.desiredCapacity() > 0 && served.add(cluster + "/" + provider)) {
                out.add(new RegisterContainerInstances(cluster, template.instanceType(), group.desiredCapacity(), template.reservedMemory(),
                        provider));
            }
        }
        return out;
    }

    /** ECS_RESERVED_MEMORY from the user data (base64, as Fn::Base64 gives it, or plain); 0, the agent's default, when unset. */
    static int reservedMemory(String userData) {
        if (userData == null) {
            return 0;
        }
        String text = userData;
        try {
            text = new String(Base64.getMimeDecoder().decode(userData), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException notBase64) {
            // Plain text user data: read as it is.
        }
        Matcher m = RESERVED_MEMORY.matcher(text);
        return m.find() ? Integer.parseInt(m.group(1)) : 0;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(Object value) {
        return value instanceof Map<?, ?> m ? (Map<String, Object>) m : Map.of();
    }

    private static String string(Object value) {
        return value == null ? null : value.toString();
    }
}
