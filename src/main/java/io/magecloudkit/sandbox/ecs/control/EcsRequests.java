package io.magecloudkit.sandbox.ecs.control;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.magecloudkit.sandbox.ecs.EcsState.CapacityProviderStrategyItem;
import io.magecloudkit.sandbox.ecs.EcsState.ContainerInstanceStatus;
import io.magecloudkit.sandbox.ecs.EcsState.ContainerOverride;
import io.magecloudkit.sandbox.ecs.EcsState.DesiredStatus;
import io.magecloudkit.sandbox.ecs.EcsState.LoadBalancer;
import io.magecloudkit.sandbox.ecs.EcsState.NetworkConfiguration;
import io.magecloudkit.sandbox.ecs.EcsState.PlacementConstraint;
import io.magecloudkit.sandbox.ecs.EcsState.PlacementStrategy;
import io.magecloudkit.sandbox.ecs.EcsState.ServiceRegistry;
import io.magecloudkit.sandbox.ecs.EcsState.ServiceDeploymentStatus;
import io.magecloudkit.sandbox.ecs.EcsState.TaskDefinitionStatus;
import java.util.List;

/**
 * The typed requests of the ECS control plane, one record per operation. Absent optional
 * parameters are null; lists are never null. The wire layer builds them from JSON 1.1
 * requests, the CloudFormation provisioner from stack resource properties.
 */
public final class EcsRequests {
    private EcsRequests() {
    }

    public record Tag(String key, String value) {
    }

    /** @param nextToken null for the first page; @param maxResults null for the operation's default */
    public record PageRequest(String nextToken, Integer maxResults) {
    }

    public record CreateCluster(String clusterName, List<Tag> tags) {
    }

    /** @param clusters names or ARNs; empty means the default cluster */
    public record DescribeClusters(List<String> clusters, boolean includeTags) {
    }

    /**
     * @param definition the task definition as registered (containerDefinitions, cpu, memory, ...):
     *                   ECS describes it back as it was sent, so it stays one document
     */
    public record RegisterTaskDefinition(String family, ObjectNode definition, List<Tag> tags) {
    }

    public record DescribeTaskDefinition(String taskDefinition, boolean includeTags) {
    }

    /** @param status null lists every status (the API's ALL) */
    public record ListTaskDefinitions(String familyPrefix, TaskDefinitionStatus status, boolean descending, PageRequest page) {
    }

    public record DeregisterTaskDefinition(String taskDefinition) {
    }

    public record CircuitBreakerSettings(boolean enable, boolean rollback) {
    }

    /** Each part null when not given. */
    public record DeploymentConfiguration(Integer minimumHealthyPercent, Integer maximumPercent, CircuitBreakerSettings circuitBreaker) {
    }

    /**
     * The members of CreateService and UpdateService beyond task definition, counts, deployment configuration, load
     * balancers and network: each null when not given (UpdateService then leaves it as it is). An empty
     * capacityProviderStrategy is given (UpdateService: back to the launch type). {@code role}, {@code schedulingStrategy}
     * and {@code deploymentControllerType} are CreateService's only.
     */
    public record ServiceSettings(List<CapacityProviderStrategyItem> capacityProviderStrategy, String platformVersion, String propagateTags,
            Boolean enableECSManagedTags, Boolean enableExecuteCommand, String role, List<PlacementConstraint> placementConstraints,
            List<ServiceRegistry> serviceRegistries, String schedulingStrategy, String deploymentControllerType) {
        public static final ServiceSettings NONE = new ServiceSettings(null, null, null, null, null, null, null, null, null, null);
    }

    public record CreateService(String cluster, String serviceName, String taskDefinition, Integer desiredCount, String launchType,
            DeploymentConfiguration deploymentConfiguration, Integer healthCheckGracePeriodSeconds, List<LoadBalancer> loadBalancers,
            NetworkConfiguration networkConfiguration, List<Tag> tags, List<PlacementStrategy> placementStrategy, ServiceSettings settings) {
        public CreateService {
            settings = settings == null ? ServiceSettings.NONE : settings;
        }

        /** Without a placement strategy or the other settings: ECS's defaults. */
        public CreateService(String cluster, String serviceName, String taskDefinition, Integer desiredCount, String launchType,
                DeploymentConfiguration deploymentConfiguration, Integer healthCheckGracePeriodSeconds, List<LoadBalancer> loadBalancers,
                NetworkConfiguration networkConfiguration, List<Tag> tags) {
            this(cluster, serviceName, taskDefinition, desiredCount, launchType, deploymentConfiguration, healthCheckGracePeriodSeconds,
                    loadBalancers, networkConfiguration, tags, List.of(), ServiceSettings.NONE);
        }

        public CreateService named(String cluster, String serviceName) {
            return new CreateService(cluster, serviceName, taskDefinition, desiredCount, launchType, deploymentConfiguration,
                    healthCheckGracePeriodSeconds, loadBalancers, networkConfiguration, tags, placementStrategy, settings);
        }
    }

    /** @param loadBalancers null leaves them as they are; an empty list removes them */
    public record UpdateService(String cluster, String service, String taskDefinition, Integer desiredCount, boolean forceNewDeployment,
            DeploymentConfiguration deploymentConfiguration, Integer healthCheckGracePeriodSeconds, List<LoadBalancer> loadBalancers,
            NetworkConfiguration networkConfiguration, ServiceSettings settings) {
        public UpdateService {
            settings = settings == null ? ServiceSettings.NONE : settings;
        }

        /** Changing none of the other settings. */
        public UpdateService(String cluster, String service, String taskDefinition, Integer desiredCount, boolean forceNewDeployment,
                DeploymentConfiguration deploymentConfiguration, Integer healthCheckGracePeriodSeconds, List<LoadBalancer> loadBalancers,
                NetworkConfiguration networkConfiguration) {
            this(cluster, service, taskDefinition, desiredCount, forceNewDeployment, deploymentConfiguration, healthCheckGracePeriodSeconds,
                    loadBalancers, networkConfiguration, ServiceSettings.NONE);
        }
    }

    public record DescribeServices(String cluster, List<String> services, boolean includeTags) {
    }

    public record DeleteService(String cluster, String service, boolean force) {
    }

    /** @param overrides RunTask's containerOverrides; empty when none. @param placementStrategy empty for ECS's default */
    public record RunTask(String cluster, String taskDefinition, Integer count, String group, String startedBy, String launchType,
            List<Tag> tags, List<ContainerOverride> overrides, List<PlacementStrategy> placementStrategy) {
        public RunTask {
            overrides = overrides == null ? List.of() : List.copyOf(overrides);
            placementStrategy = placementStrategy == null ? List.of() : List.copyOf(placementStrategy);
        }

        /** Without overrides and without a placement strategy: ECS's default. */
        public RunTask(String cluster, String taskDefinition, Integer count, String group, String startedBy, String launchType,
                List<Tag> tags) {
            this(cluster, taskDefinition, count, group, startedBy, launchType, tags, List.of(), List.of());
        }
    }

    public record ListClusters(PageRequest page) {
    }

    /** @param launchType null for every launch type */
    public record ListServices(String cluster, String launchType, String schedulingStrategy, PageRequest page) {
    }

    /**
     * The sandbox's stand-in for an EC2 instance whose agent registers with the cluster (the admin
     * API, or a stack's auto-scaling group). @param reservedMemory ECS_RESERVED_MEMORY in MiB
     */
    public record RegisterContainerInstances(String cluster, String instanceType, int count, int reservedMemory,
            String capacityProviderName) {
    }

    /** @param status null for every status */
    public record ListContainerInstances(String cluster, ContainerInstanceStatus status, PageRequest page) {
    }

    public record DescribeContainerInstances(String cluster, List<String> containerInstances) {
    }

    public record UpdateContainerInstancesState(String cluster, List<String> containerInstances, ContainerInstanceStatus status) {
    }

    public record StopTask(String cluster, String task, String reason) {
    }

    public record ListTasks(String cluster, String serviceName, String family, String startedBy, DesiredStatus desiredStatus,
            PageRequest page) {
    }

    public record DescribeTasks(String cluster, List<String> tasks, boolean includeTags) {
    }

    public record TagResource(String resourceArn, List<Tag> tags) {
    }

    public record UntagResource(String resourceArn, List<String> tagKeys) {
    }

    /** @param statuses empty for every status; @param createdAfter and @param createdBefore epoch milliseconds or null */
    public record ListServiceDeployments(String cluster, String service, List<ServiceDeploymentStatus> statuses, Long createdAfter,
            Long createdBefore, PageRequest page) {
    }

    /** @param stopType ROLLBACK or ABORT; null for ROLLBACK */
    public record StopServiceDeployment(String serviceDeploymentArn, String stopType) {
    }
}
