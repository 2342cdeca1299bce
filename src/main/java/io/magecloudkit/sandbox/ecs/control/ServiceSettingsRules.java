package io.magecloudkit.sandbox.ecs.control;

import io.magecloudkit.sandbox.SandboxError;
import io.magecloudkit.sandbox.ecs.EcsState.CapacityProviderStrategyItem;
import io.magecloudkit.sandbox.ecs.EcsState.LoadBalancer;
import io.magecloudkit.sandbox.ecs.EcsState.Service;
import io.magecloudkit.sandbox.ecs.control.EcsRequests.ServiceSettings;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;

/**
 * How CreateService and UpdateService take the service's settings beyond its task definition and counts, as the
 * ECS API reference documents them and with ECS's own error wording: launch type or capacity provider strategy
 * (never both), Fargate's platform version and family, the grace period that needs a load balancer, the role,
 * tag propagation and ECS Exec.
 */
final class ServiceSettingsRules {
    static final String FARGATE_PLATFORM_FAMILY = "Linux";

    private ServiceSettingsRules() {
    }

    /** The sandbox simulates the rolling (ECS) deployment controller of REPLICA services only; it says so rather than pretend. */
    static void requireSimulated(ServiceSettings settings) {
        String controller = settings.deploymentControllerType();
        if (controller != null && !List.of("ECS", "CODE_DEPLOY", "EXTERNAL").contains(controller)) {
            throw invalid("Invalid value '" + controller + "' for deploymentController.type: valid values are ECS, CODE_DEPLOY, EXTERNAL.");
        }
        if (controller != null && !controller.equals("ECS")) {
            throw invalid("The sandbox simulates the ECS (rolling update) deployment controller only, not " + controller + ".");
        }
        if ("DAEMON".equals(settings.schedulingStrategy())) {
            throw invalid("The sandbox simulates REPLICA services only, not the DAEMON scheduling strategy.");
        }
    }

    /**
     * Sets what the service runs on: a launch type (EC2 when neither is given) or a capacity provider strategy, and
     * on Fargate its platform version (LATEST when not given) and family. {@code launchType} null keeps the service's.
     * Refuses before it changes anything.
     */
    static void capacity(Service s, String launchType, List<CapacityProviderStrategyItem> strategy, String platformVersion) {
        List<CapacityProviderStrategyItem> items = strategy == null ? List.of() : strategy;
        if (launchType != null && !items.isEmpty()) {
            throw invalid("Specifying both a launch type and capacity provider strategy is not supported. Remove one and try again.");
        }
        String type;
        if (!items.isEmpty()) {
            requireValid(items);
            type = items.get(0).fargate() ? "FARGATE" : "EC2";
        } else {
            type = launchType != null ? launchType : s.launchType != null ? s.launchType : "EC2";
        }
        requirePlatformVersionFits(type, platformVersion);
        s.launchType = type;
        s.capacityProviderStrategy = new ArrayList<>(items);
        boolean fargate = "FARGATE".equals(type);
        s.platformVersion = fargate ? (platformVersion == null ? "LATEST" : platformVersion) : null;
        s.platformFamily = fargate ? FARGATE_PLATFORM_FAMILY : null;
    }

    static void requirePlatformVersionFits(String launchType, String platformVersion) {
        if (platformVersion != null && !"FARGATE".equals(launchType)) {
            throw invalid("The platform version must be null when specifying an " + launchType + " launch type.");
        }
    }

    /**
     * Whether UpdateService's strategy changes the service's; a change (also from a launch type to a strategy, or back
     * with an empty one) needs forceNewDeployment, as on ECS.
     */
    static boolean strategyChanges(Service s, List<CapacityProviderStrategyItem> strategy, boolean forceNewDeployment) {
        if (strategy == null || strategy.equals(s.capacityProviderStrategy)) {
            return false;
        }
        if (!forceNewDeployment) {
            throw invalid("When switching from launch type to capacity provider strategy on an existing service, or making a change to"
                    + " a capacity provider strategy on a service that is already using one, you must force a new deployment.");
        }
        if (!strategy.isEmpty()) {
            requireValid(strategy);
        }
        return true;
    }

    /** A grace period needs a load balancer; with one and none given, ECS describes 0. */
    static Integer gracePeriod(List<LoadBalancer> balancers, Integer given) {
        boolean balanced = balancers != null && !balancers.isEmpty();
        if (given != null && !balanced) {
            throw invalid("Health check grace period is only valid for services configured to use load balancers");
        }
        return balanced ? (given == null ? 0 : given) : null;
    }

    /**
     * The role ECS calls the load balancer with: as given (a name becomes the account's role ARN), else the service-linked
     * role when there is a load balancer. awsvpc services take the service-linked role only.
     */
    static String role(Service s, String role, boolean awsvpc) {
        String[] arn = s.arn.split(":");
        if (role != null && awsvpc) {
            throw invalid("You cannot specify an IAM role for services that require a service linked role.");
        }
        if (role != null) {
            return role.startsWith("arn:") ? role : "arn:" + arn[1] + ":iam::" + arn[4] + ":role/" + role;
        }
        return s.loadBalancers == null || s.loadBalancers.isEmpty() ? null
                : "arn:" + arn[1] + ":iam::" + arn[4] + ":role/aws-service-role/ecs.amazonaws.com/AWSServiceRoleForECS";
    }

    /** The settings given; UpdateService's absent ones (null) leave the service's as they are. */
    static void apply(Service s, ServiceSettings settings) {
        if (settings.propagateTags() != null) {
            s.propagateTags = settings.propagateTags();
        }
        if (settings.enableECSManagedTags() != null) {
            s.enableECSManagedTags = settings.enableECSManagedTags();
        }
        if (settings.enableExecuteCommand() != null) {
            s.enableExecuteCommand = settings.enableExecuteCommand();
        }
        if (settings.placementConstraints() != null) {
            s.placementConstraints = new ArrayList<>(settings.placementConstraints());
        }
        if (settings.serviceRegistries() != null) {
            s.serviceRegistries = new ArrayList<>(settings.serviceRegistries());
        }
    }

    private static void requireValid(List<CapacityProviderStrategyItem> items) {
        long fargate = items.stream().filter(CapacityProviderStrategyItem::fargate).count();
        if (fargate > 0 && fargate < items.size()) {
            throw invalid("The specified capacity provider strategy cannot contain a mix of capacity providers using Auto Scaling"
                    + " groups and Fargate providers. Specify one or the other and try again.");
        }
        if (new HashSet<>(items.stream().map(CapacityProviderStrategyItem::capacityProvider).toList()).size() < items.size()) {
            throw invalid("The specified capacity provider strategy cannot contain duplicate capacity providers.");
        }
        if (items.size() > 1 && items.stream().allMatch(i -> i.weight() == 0)) {
            throw invalid("The specified capacity provider strategy must contain at least one capacity provider with a weight greater"
                    + " than zero.");
        }
    }

    private static SandboxError invalid(String message) {
        return new SandboxError(400, "InvalidParameterException", message);
    }
}
