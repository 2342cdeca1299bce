package io.magecloudkit.sandbox.ecs.wire;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.magecloudkit.sandbox.SandboxError;
import io.magecloudkit.sandbox.ecs.EcsState.AwsVpcConfiguration;
import io.magecloudkit.sandbox.ecs.EcsState.CapacityProviderStrategyItem;
import io.magecloudkit.sandbox.ecs.EcsState.PlacementConstraint;
import io.magecloudkit.sandbox.ecs.EcsState.ServiceRegistry;
import io.magecloudkit.sandbox.ecs.EcsState.ContainerInstanceStatus;
import io.magecloudkit.sandbox.ecs.EcsState.ContainerOverride;
import io.magecloudkit.sandbox.ecs.EcsState.KeyValue;
import io.magecloudkit.sandbox.ecs.EcsState.DesiredStatus;
import io.magecloudkit.sandbox.ecs.EcsState.PlacementStrategy;
import io.magecloudkit.sandbox.ecs.EcsState.LoadBalancer;
import io.magecloudkit.sandbox.ecs.EcsState.NetworkConfiguration;
import io.magecloudkit.sandbox.ecs.EcsState.ServiceDeploymentStatus;
import io.magecloudkit.sandbox.ecs.EcsState.TaskDefinitionStatus;
import io.magecloudkit.sandbox.ecs.control.EcsRequests.CircuitBreakerSettings;
import io.magecloudkit.sandbox.ecs.control.EcsRequests.CreateCluster;
import io.magecloudkit.sandbox.ecs.control.EcsRequests.CreateService;
import io.magecloudkit.sandbox.ecs.control.EcsRequests.DeleteService;
import io.magecloudkit.sandbox.ecs.control.EcsRequests.DeploymentConfiguration;
import io.magecloudkit.sandbox.ecs.control.EcsRequests.DescribeClusters;
import io.magecloudkit.sandbox.ecs.control.EcsRequests.DescribeContainerInstances;
import io.magecloudkit.sandbox.ecs.control.EcsRequests.ListClusters;
import io.magecloudkit.sandbox.ecs.control.EcsRequests.ListContainerInstances;
import io.magecloudkit.sandbox.ecs.control.EcsRequests.ListServices;
import io.magecloudkit.sandbox.ecs.control.EcsRequests.UpdateContainerInstancesState;
import io.magecloudkit.sandbox.ecs.control.EcsRequests.DescribeServices;
import io.magecloudkit.sandbox.ecs.control.EcsRequests.DescribeTaskDefinition;
import io.magecloudkit.sandbox.ecs.control.EcsRequests.DescribeTasks;
import io.magecloudkit.sandbox.ecs.control.EcsRequests.ListTaskDefinitions;
import io.magecloudkit.sandbox.ecs.control.EcsRequests.ListServiceDeployments;
import io.magecloudkit.sandbox.ecs.control.EcsRequests.ListTasks;
import io.magecloudkit.sandbox.ecs.control.EcsRequests.PageRequest;
import io.magecloudkit.sandbox.ecs.control.EcsRequests.RegisterTaskDefinition;
import io.magecloudkit.sandbox.ecs.control.EcsRequests.RunTask;
import io.magecloudkit.sandbox.ecs.control.EcsRequests.StopServiceDeployment;
import io.magecloudkit.sandbox.ecs.control.EcsRequests.StopTask;
import io.magecloudkit.sandbox.ecs.control.EcsRequests.Tag;
import io.magecloudkit.sandbox.ecs.control.EcsRequests.ServiceSettings;
import io.magecloudkit.sandbox.ecs.control.EcsRequests.TagResource;
import io.magecloudkit.sandbox.ecs.control.EcsRequests.UntagResource;
import io.magecloudkit.sandbox.ecs.control.EcsRequests.UpdateService;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * ECS requests into the control plane's typed requests, member names and types as in the ECS
 * API reference. The parts shared with CloudFormation's ECS resources (whose properties are the
 * same members) are public for the stack provisioner.
 */
public final class EcsRequestParser {
    private EcsRequestParser() {
    }

    public static CreateCluster createCluster(RequestMembers in) {
        return new CreateCluster(in.string("clusterName"), tags(in));
    }

    static DescribeClusters describeClusters(JsonFields in) {
        return new DescribeClusters(in.strings("clusters"), includesTags(in));
    }

    static RegisterTaskDefinition registerTaskDefinition(JsonFields in) {
        String family = in.string("family");
        List<JsonFields> containers = in.objects("containerDefinitions");
        for (JsonFields c : containers == null ? List.<JsonFields>of() : containers) {
            // The members the simulation reads; the rest of the definition is kept and described back as sent.
            c.string("name");
            c.string("image");
            c.bool("essential");
            JsonFields check = c.object("healthCheck");
            if (check != null) {
                check.strings("command");
                check.integer("interval");
                check.integer("retries");
                check.integer("startPeriod");
            }
        }
        in.string("cpu");
        in.string("memory");
        in.string("networkMode");
        return new RegisterTaskDefinition(family, (ObjectNode) in.node(), tags(in));
    }

    static DescribeTaskDefinition describeTaskDefinition(JsonFields in) {
        return new DescribeTaskDefinition(in.string("taskDefinition"), includesTags(in));
    }

    static ListTaskDefinitions listTaskDefinitions(JsonFields in) {
        String status = in.string("status");
        TaskDefinitionStatus filter = "ALL".equals(status) ? null
                : status == null ? TaskDefinitionStatus.ACTIVE : enumValue(TaskDefinitionStatus.class, "status", status, "ALL");
        String sort = in.string("sort");
        if (sort != null && !sort.equals("ASC") && !sort.equals("DESC")) {
            throw invalidEnum("sort", sort, List.of("ASC", "DESC"));
        }
        return new ListTaskDefinitions(in.string("familyPrefix"), filter, "DESC".equals(sort), page(in));
    }

    public static CreateService createService(RequestMembers in) {
        List<LoadBalancer> lbs = loadBalancers(in);
        String launchType = in.string("launchType");
        if (launchType != null && !LAUNCH_TYPES.contains(launchType)) {
            throw invalidEnum("launchType", launchType, LAUNCH_TYPES);
        }
        RequestMembers controller = in.object("deploymentController");
        String scheduling = in.string("schedulingStrategy");
        if (scheduling != null && !List.of("REPLICA", "DAEMON").contains(scheduling)) {
            throw invalidEnum("schedulingStrategy", scheduling, List.of("REPLICA", "DAEMON"));
        }
        ServiceSettings settings = new ServiceSettings(capacityProviderStrategy(in), in.string("platformVersion"), propagateTags(in),
                in.bool("enableECSManagedTags"), in.bool("enableExecuteCommand"), in.string("role"), placementConstraints(in),
                serviceRegistries(in), scheduling, controller == null ? null : controller.string("type"));
        return new CreateService(in.string("cluster"), in.string("serviceName"), in.string("taskDefinition"), in.integer("desiredCount"),
                launchType, deploymentConfiguration(in), in.integer("healthCheckGracePeriodSeconds"),
                lbs == null ? List.of() : lbs, networkConfiguration(in), tags(in), placementStrategy(in), settings);
    }

    static UpdateService updateService(JsonFields in) {
        // UpdateService leaves what it is not given as it is: a boolean not sent is not false.
        ServiceSettings settings = new ServiceSettings(capacityProviderStrategy(in), in.string("platformVersion"), propagateTags(in),
                in.node().hasNonNull("enableECSManagedTags") ? in.bool("enableECSManagedTags") : null,
                in.node().hasNonNull("enableExecuteCommand") ? in.bool("enableExecuteCommand") : null, null,
                in.objects("placementConstraints") == null ? null : placementConstraints(in),
                in.objects("serviceRegistries") == null ? null : serviceRegistries(in), null, null);
        return new UpdateService(in.string("cluster"), in.string("service"), in.string("taskDefinition"), in.integer("desiredCount"),
                in.bool("forceNewDeployment"), deploymentConfiguration(in), in.integer("healthCheckGracePeriodSeconds"),
                loadBalancers(in), networkConfiguration(in), settings);
    }

    private static final List<String> LAUNCH_TYPES = List.of("EC2", "FARGATE", "EXTERNAL");

    /** Null when not given; an empty list when given empty. */
    private static List<CapacityProviderStrategyItem> capacityProviderStrategy(RequestMembers in) {
        List<? extends RequestMembers> list = in.objects("capacityProviderStrategy");
        if (list == null) {
            return null;
        }
        List<CapacityProviderStrategyItem> out = new ArrayList<>();
        for (RequestMembers item : list) {
            String provider = item.string("capacityProvider");
            if (provider == null || provider.isEmpty()) {
                throw new SandboxError(400, "InvalidParameterException", "The capacity provider strategy is invalid: a capacity provider"
                        + " must be specified.");
            }
            Integer weight = item.integer("weight");
            Integer base = item.integer("base");
            if (weight != null && (weight < 0 || weight > 1000) || base != null && (base < 0 || base > 100_000)) {
                throw new SandboxError(400, "InvalidParameterException", "The capacity provider strategy is invalid: weight must be"
                        + " between 0 and 1000 and base between 0 and 100000.");
            }
            out.add(new CapacityProviderStrategyItem(provider, weight == null ? 0 : weight, base == null ? 0 : base));
        }
        return out;
    }

    private static String propagateTags(RequestMembers in) {
        String value = in.string("propagateTags");
        List<String> allowed = List.of("TASK_DEFINITION", "SERVICE", "NONE");
        if (value != null && !allowed.contains(value)) {
            throw invalidEnum("propagateTags", value, allowed);
        }
        return value;
    }

    private static List<PlacementConstraint> placementConstraints(RequestMembers in) {
        List<? extends RequestMembers> list = in.objects("placementConstraints");
        List<PlacementConstraint> out = new ArrayList<>();
        for (RequestMembers c : list == null ? List.<RequestMembers>of() : list) {
            String type = c.string("type");
            if (!List.of("distinctInstance", "memberOf").contains(String.valueOf(type))) {
                throw invalidEnum("placementConstraints.type", String.valueOf(type), List.of("distinctInstance", "memberOf"));
            }
            out.add(new PlacementConstraint(type, c.string("expression")));
        }
        return out;
    }

    private static List<ServiceRegistry> serviceRegistries(RequestMembers in) {
        List<? extends RequestMembers> list = in.objects("serviceRegistries");
        List<ServiceRegistry> out = new ArrayList<>();
        for (RequestMembers r : list == null ? List.<RequestMembers>of() : list) {
            out.add(new ServiceRegistry(r.string("registryArn"), r.integer("port"), r.string("containerName"), r.integer("containerPort")));
        }
        return out;
    }

    static DescribeServices describeServices(JsonFields in) {
        return new DescribeServices(in.string("cluster"), in.strings("services"), includesTags(in));
    }

    static DeleteService deleteService(JsonFields in) {
        return new DeleteService(in.string("cluster"), in.string("service"), in.bool("force"));
    }

    static RunTask runTask(JsonFields in) {
        return new RunTask(in.string("cluster"), in.string("taskDefinition"), in.integer("count"), in.string("group"),
                in.string("startedBy"), in.string("launchType"), tags(in), containerOverrides(in), placementStrategy(in));
    }

    static ListClusters listClusters(JsonFields in) {
        return new ListClusters(page(in));
    }

    static ListServices listServices(JsonFields in) {
        String launchType = in.string("launchType");
        if (launchType != null && !List.of("EC2", "FARGATE", "EXTERNAL").contains(launchType)) {
            throw invalidEnum("launchType", launchType, List.of("EC2", "FARGATE", "EXTERNAL"));
        }
        String scheduling = in.string("schedulingStrategy");
        if (scheduling != null && !List.of("REPLICA", "DAEMON").contains(scheduling)) {
            throw invalidEnum("schedulingStrategy", scheduling, List.of("REPLICA", "DAEMON"));
        }
        return new ListServices(in.string("cluster"), launchType, scheduling, page(in));
    }

    static ListContainerInstances listContainerInstances(JsonFields in) {
        String status = in.string("status");
        return new ListContainerInstances(in.string("cluster"), status == null ? null : containerInstanceStatus(status), page(in));
    }

    static DescribeContainerInstances describeContainerInstances(JsonFields in) {
        return new DescribeContainerInstances(in.string("cluster"), in.strings("containerInstances"));
    }

    static UpdateContainerInstancesState updateContainerInstancesState(JsonFields in) {
        String status = in.string("status");
        if (status == null) {
            throw new SandboxError(400, "InvalidParameterException", "Status cannot be empty.");
        }
        return new UpdateContainerInstancesState(in.string("cluster"), in.strings("containerInstances"), containerInstanceStatus(status));
    }

    /** The sandbox models ACTIVE and DRAINING; the API's other states are transient ones of registering and deregistering. */
    private static ContainerInstanceStatus containerInstanceStatus(String value) {
        List<String> api = List.of("ACTIVE", "DRAINING", "REGISTERING", "DEREGISTERING", "REGISTRATION_FAILED");
        if (!api.contains(value)) {
            throw invalidEnum("status", value, api);
        }
        try {
            return ContainerInstanceStatus.valueOf(value);
        } catch (IllegalArgumentException e) {
            throw new SandboxError(400, "InvalidParameterException", "Container instance can only be updated to ACTIVE or DRAINING.");
        }
    }

    /** Null when not given. */
    public static List<PlacementStrategy> placementStrategy(RequestMembers in) {
        List<? extends RequestMembers> list = in.objects("placementStrategy");
        List<PlacementStrategy> out = new ArrayList<>();
        for (RequestMembers s : list == null ? List.<RequestMembers>of() : list) {
            String type = s.string("type");
            if (!List.of("random", "spread", "binpack").contains(String.valueOf(type))) {
                throw invalidEnum("placementStrategy.type", String.valueOf(type), List.of("random", "spread", "binpack"));
            }
            out.add(new PlacementStrategy(type, s.string("field")));
        }
        return out;
    }

    private static List<ContainerOverride> containerOverrides(JsonFields in) {
        JsonFields overrides = in.object("overrides");
        List<JsonFields> list = overrides == null ? null : overrides.objects("containerOverrides");
        List<ContainerOverride> out = new ArrayList<>();
        for (JsonFields o : list == null ? List.<JsonFields>of() : list) {
            List<JsonFields> env = o.objects("environment");
            List<KeyValue> environment = new ArrayList<>();
            for (JsonFields pair : env == null ? List.<JsonFields>of() : env) {
                environment.add(new KeyValue(pair.string("name"), pair.string("value")));
            }
            out.add(new ContainerOverride(o.string("name"), o.node().has("command") ? o.strings("command") : null,
                    env == null ? null : environment));
        }
        return out;
    }

    static StopTask stopTask(JsonFields in) {
        return new StopTask(in.string("cluster"), in.string("task"), in.string("reason"));
    }

    static ListTasks listTasks(JsonFields in) {
        String desired = in.string("desiredStatus");
        return new ListTasks(in.string("cluster"), in.string("serviceName"), in.string("family"), in.string("startedBy"),
                desired == null ? null : enumValue(DesiredStatus.class, "desiredStatus", desired), page(in));
    }

    static DescribeTasks describeTasks(JsonFields in) {
        return new DescribeTasks(in.string("cluster"), in.strings("tasks"), includesTags(in));
    }

    static ListServiceDeployments listServiceDeployments(JsonFields in) {
        List<ServiceDeploymentStatus> statuses = new ArrayList<>();
        for (String status : in.strings("status")) {
            statuses.add(enumValue(ServiceDeploymentStatus.class, "status", status));
        }
        JsonFields created = in.object("createdAt");
        return new ListServiceDeployments(in.string("cluster"), in.string("service"), statuses,
                created == null ? null : created.epochMillis("after"), created == null ? null : created.epochMillis("before"), page(in));
    }

    static StopServiceDeployment stopServiceDeployment(JsonFields in) {
        return new StopServiceDeployment(in.string("serviceDeploymentArn"), in.string("stopType"));
    }

    static TagResource tagResource(JsonFields in) {
        return new TagResource(in.string("resourceArn"), tags(in));
    }

    static UntagResource untagResource(JsonFields in) {
        return new UntagResource(in.string("resourceArn"), in.strings("tagKeys"));
    }

    private static PageRequest page(JsonFields in) {
        return new PageRequest(in.string("nextToken"), in.integer("maxResults"));
    }

    private static boolean includesTags(JsonFields in) {
        return in.strings("include").contains("TAGS");
    }

    public static List<Tag> tags(RequestMembers in) {
        List<? extends RequestMembers> list = in.objects("tags");
        List<Tag> out = new ArrayList<>();
        for (RequestMembers tag : list == null ? List.<RequestMembers>of() : list) {
            String key = tag.string("key");
            out.add(new Tag(key == null ? "" : key, tag.string("value")));
        }
        return out;
    }

    public static DeploymentConfiguration deploymentConfiguration(RequestMembers in) {
        RequestMembers config = in.object("deploymentConfiguration");
        if (config == null) {
            return null;
        }
        RequestMembers cb = config.object("deploymentCircuitBreaker");
        return new DeploymentConfiguration(config.integer("minimumHealthyPercent"), config.integer("maximumPercent"),
                cb == null ? null : new CircuitBreakerSettings(cb.bool("enable"), cb.bool("rollback")));
    }

    /** Null when not given. */
    public static List<LoadBalancer> loadBalancers(RequestMembers in) {
        List<? extends RequestMembers> list = in.objects("loadBalancers");
        if (list == null) {
            return null;
        }
        List<LoadBalancer> out = new ArrayList<>();
        for (RequestMembers lb : list) {
            out.add(new LoadBalancer(lb.string("targetGroupArn"), lb.string("loadBalancerName"), lb.string("containerName"),
                    lb.integer("containerPort")));
        }
        return out;
    }

    public static NetworkConfiguration networkConfiguration(RequestMembers in) {
        RequestMembers net = in.object("networkConfiguration");
        if (net == null) {
            return null;
        }
        RequestMembers vpc = net.object("awsvpcConfiguration");
        return new NetworkConfiguration(vpc == null ? null
                : new AwsVpcConfiguration(vpc.strings("subnets"), vpc.strings("securityGroups"), vpc.string("assignPublicIp")));
    }

    private static <E extends Enum<E>> E enumValue(Class<E> type, String member, String value, String... extra) {
        for (E e : type.getEnumConstants()) {
            if (e.name().equals(value)) {
                return e;
            }
        }
        List<String> allowed = new ArrayList<>(Arrays.stream(type.getEnumConstants()).map(Enum::name).toList());
        allowed.addAll(List.of(extra));
        throw invalidEnum(member, value, allowed);
    }

    private static SandboxError invalidEnum(String member, String value, List<String> allowed) {
        return new SandboxError(400, "InvalidParameterException",
                "Invalid value '" + value + "' for " + member + ": valid values are " + String.join(", ", allowed) + ".");
    }
}
