package io.magecloudkit.sandbox.ecs;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Everything the simulated ECS knows. Plain mutable records of public fields so that one
 * Jackson call snapshots it for {@code --state-dir}; times are epoch milliseconds of the
 * sandbox clock. Statuses are enums whose names are AWS's own strings, so the snapshot reads
 * like the API.
 */
public final class EcsState {
    public Map<String, Cluster> clusters = new LinkedHashMap<>();
    /** Task definitions by ARN, in registration order. */
    public Map<String, TaskDefinition> taskDefinitions = new LinkedHashMap<>();
    public Map<String, Task> tasks = new LinkedHashMap<>();
    /** Container instances by ARN, in registration order. */
    public Map<String, ContainerInstance> containerInstances = new LinkedHashMap<>();
    /** Tags by resource ARN. */
    public Map<String, Map<String, String>> tags = new LinkedHashMap<>();
    public long sequence = 1;

    /** Every task the service started, stopped ones included, in launch order. */
    public List<Task> tasksOf(Service service) {
        List<Task> out = new ArrayList<>();
        for (Task task : tasks.values()) {
            if (service.name.equals(task.serviceName) && service.clusterArn.equals(task.clusterArn)) {
                out.add(task);
            }
        }
        return out;
    }

    /** The service that started a task; null for a task of RunTask. */
    public Service serviceOf(Task task) {
        if (task.serviceName == null) {
            return null;
        }
        for (Cluster cluster : clusters.values()) {
            if (cluster.arn.equals(task.clusterArn)) {
                return cluster.services.get(task.serviceName);
            }
        }
        return null;
    }

    public enum ClusterStatus { ACTIVE, INACTIVE }

    public enum ContainerInstanceStatus { ACTIVE, DRAINING }

    public enum TaskDefinitionStatus { ACTIVE, INACTIVE, DELETE_IN_PROGRESS }

    public enum ServiceStatus { ACTIVE, DRAINING, INACTIVE }

    public enum DeploymentStatus { PRIMARY, ACTIVE, INACTIVE }

    public enum RolloutState { IN_PROGRESS, COMPLETED, FAILED }

    /** ECS's record of a service deployment (ListServiceDeployments); the first four are ongoing, the rest final. */
    public enum ServiceDeploymentStatus {
        PENDING, IN_PROGRESS, STOP_REQUESTED, ROLLBACK_REQUESTED, ROLLBACK_IN_PROGRESS, SUCCESSFUL, STOPPED, ROLLBACK_SUCCESSFUL, ROLLBACK_FAILED;

        public boolean ongoing() {
            return ordinal() <= ROLLBACK_IN_PROGRESS.ordinal();
        }
    }

    /** A task's or container's lastStatus, in lifecycle order. */
    public enum TaskStatus { PROVISIONING, PENDING, ACTIVATING, RUNNING, DEACTIVATING, STOPPING, DEPROVISIONING, STOPPED }

    public enum DesiredStatus { RUNNING, PENDING, STOPPED }

    public enum HealthStatus { HEALTHY, UNHEALTHY, UNKNOWN }

    /** ELBv2's target states are lower case on the wire, and so here. */
    @SuppressWarnings("java:S115")
    public enum TargetState { initial, healthy, unhealthy, unused, draining, unavailable }

    public static final class Cluster {
        public String name;
        public String arn;
        public ClusterStatus status = ClusterStatus.ACTIVE;
        public Map<String, Service> services = new LinkedHashMap<>();
    }

    /** An EC2 instance registered to a cluster; resources as the ECS agent registers them. */
    public static final class ContainerInstance {
        public String arn;
        public String id;
        public String clusterArn;
        public String ec2InstanceId;
        public String instanceType;
        public String availabilityZone;
        public String capacityProviderName;
        public int cpu;
        public int memory;
        public ContainerInstanceStatus status = ContainerInstanceStatus.ACTIVE;
        public long registeredAt;
        public long version = 1;
    }

    public static final class TaskDefinition {
        public String arn;
        public String family;
        public int revision;
        public TaskDefinitionStatus status = TaskDefinitionStatus.ACTIVE;
        public long registeredAt;
        public Long deregisteredAt;
        /** The registered definition as sent (containerDefinitions, cpu, memory, ...), without tags. */
        public ObjectNode body;
    }

    public static final class Service {
        public String arn;
        public String name;
        public String clusterArn;
        public String taskDefinition;
        public int desiredCount;
        public String launchType;
        public ServiceStatus status = ServiceStatus.ACTIVE;
        public int minimumHealthyPercent = 100;
        public int maximumPercent = 200;
        public boolean circuitBreakerEnable;
        public boolean circuitBreakerRollback;
        public Integer healthCheckGracePeriodSeconds;
        public List<LoadBalancer> loadBalancers;
        public NetworkConfiguration networkConfiguration;
        public String schedulingStrategy = "REPLICA";
        /** As CreateService took it; empty for ECS's default. */
        public List<PlacementStrategy> placementStrategy = new ArrayList<>();
        public List<PlacementConstraint> placementConstraints = new ArrayList<>();
        public List<ServiceRegistry> serviceRegistries = new ArrayList<>();
        /**
         * Empty when the service runs on a launch type ({@link #launchType}); otherwise ECS describes the strategy and
         * no launch type, while {@link #launchType} keeps what the simulation places on (EC2, or FARGATE for its providers).
         */
        public List<CapacityProviderStrategyItem> capacityProviderStrategy = new ArrayList<>();
        /** Fargate only (null on EC2): as given, LATEST by default; the family is Linux. */
        public String platformVersion;
        public String platformFamily;
        /** NONE, SERVICE or TASK_DEFINITION. */
        public String propagateTags = "NONE";
        public boolean enableECSManagedTags;
        public boolean enableExecuteCommand;
        /** The role ECS calls the load balancer with: as given, the service-linked role with a load balancer, else null. */
        public String roleArn;
        /** Service throttling: tasks that failed to start in a row, and when the next may be launched. */
        public int startFailuresInARow;
        public long launchNotBefore;
        public long createdAt;
        public List<Deployment> deployments = new ArrayList<>();
        /** Newest first, as DescribeServices returns them. */
        public List<ServiceEvent> events = new ArrayList<>();
        /** The task definition of the last deployment that completed: what a circuit-breaker rollback returns to. */
        public String lastCompletedTaskDefinition;
        public String lastCompletedDeploymentId;
        public boolean steady;
        /** ECS's deployment records and the service revisions they move between, oldest first. */
        public List<ServiceDeploymentRecord> serviceDeployments = new ArrayList<>();
        public List<ServiceRevision> serviceRevisions = new ArrayList<>();
    }

    /** The service's configuration one deployment rolls out (DescribeServiceRevisions). */
    public static final class ServiceRevision {
        public String arn;
        public String taskDefinition;
        public String launchType;
        public List<CapacityProviderStrategyItem> capacityProviderStrategy = new ArrayList<>();
        public String platformVersion;
        public String platformFamily;
        public List<LoadBalancer> loadBalancers;
        public NetworkConfiguration networkConfiguration;
        public long createdAt;
    }

    /** One service deployment as ECS records it, tied to the entries of the service's deployments array it drives. */
    public static final class ServiceDeploymentRecord {
        public String arn;
        public ServiceDeploymentStatus status = ServiceDeploymentStatus.PENDING;
        public String statusReason;
        public long createdAt;
        public Long startedAt;
        public Long finishedAt;
        public Long stoppedAt;
        public long updatedAt;
        public List<String> sourceRevisionArns = new ArrayList<>();
        public String targetRevisionArn;
        /** The deployments-array entry rolling out the target, and the one rolling back to the source, if any. */
        public String deploymentId;
        public String rollbackDeploymentId;
        public String rollbackReason;
        public Long rollbackStartedAt;
        public String rollbackRevisionArn;
        public int minimumHealthyPercent;
        public int maximumPercent;
        public boolean circuitBreakerEnable;
        public boolean circuitBreakerRollback;
        public boolean circuitBreakerTriggered;
        public int failureCount;
    }

    public static final class Deployment {
        public String id;
        public DeploymentStatus status;
        public String taskDefinition;
        public int desiredCount;
        public int failedTasks;
        public long createdAt;
        public long updatedAt;
        public String launchType;
        /** The service's when this deployment started; then ECS describes it instead of the launch type. */
        public List<CapacityProviderStrategyItem> capacityProviderStrategy = new ArrayList<>();
        /** Fargate only: the version the deployment's tasks run (LATEST resolved). */
        public String platformVersion;
        public String platformFamily;
        public RolloutState rolloutState;
        public String rolloutStateReason;
    }

    /** A service's attachment to a load balancer target group, as CreateService takes it. */
    public record LoadBalancer(String targetGroupArn, String loadBalancerName, String containerName, Integer containerPort) {
    }

    public record NetworkConfiguration(AwsVpcConfiguration awsvpcConfiguration) {
    }

    public record AwsVpcConfiguration(List<String> subnets, List<String> securityGroups, String assignPublicIp) {
        public AwsVpcConfiguration {
            subnets = subnets == null ? List.of() : List.copyOf(subnets);
            securityGroups = securityGroups == null ? List.of() : List.copyOf(securityGroups);
        }
    }

    /** @param field null where the type takes none (random) */
    public record PlacementStrategy(String type, String field) {
    }

    /** @param expression null for distinctInstance */
    public record PlacementConstraint(String type, String expression) {
    }

    /** A service's Cloud Map registration, as CreateService takes it (the sandbox registers nothing). */
    public record ServiceRegistry(String registryArn, Integer port, String containerName, Integer containerPort) {
    }

    /** One capacity provider of a strategy; weight and base as given, 0 when not. */
    public record CapacityProviderStrategyItem(String capacityProvider, int weight, int base) {
        /** FARGATE and FARGATE_SPOT run Fargate tasks; every other provider is an Auto Scaling group of EC2 instances. */
        public boolean fargate() {
            return "FARGATE".equals(capacityProvider) || "FARGATE_SPOT".equals(capacityProvider);
        }
    }

    public static final class ServiceEvent {
        public String id;
        public long createdAt;
        public String message;
    }

    public static final class Container {
        public String name;
        public String image;
        public boolean essential = true;
        public boolean hasHealthCheck;
        public TaskStatus lastStatus = TaskStatus.PENDING;
        public Integer exitCode;
        public String reason;
        public HealthStatus healthStatus = HealthStatus.UNKNOWN;
        public String runtimeId;
        /** A one-off task's run: when the container exits (null: it runs until stopped), with what code, what it prints. */
        public Long exitsAt;
        public Integer plannedExitCode;
        public List<LogLine> output = new ArrayList<>();
        /** The awslogs group and stream its output goes to; null without an awslogs log configuration. */
        public String logGroup;
        public String logStream;
    }

    /** One line a container prints, at a time of the sandbox clock; {@code written} once it reached the log. */
    public static final class LogLine {
        public long at;
        public String message;
        public boolean written;
    }

    /** RunTask's override of one container, described back by DescribeTasks. */
    public record ContainerOverride(String name, List<String> command, List<KeyValue> environment) {
    }

    public record KeyValue(String name, String value) {
    }

    /** One target registration of a task, as ELBv2 DescribeTargetHealth reports it. */
    public static final class Target {
        public String targetGroupArn;
        public String id;
        public int port;
        public TargetState state = TargetState.initial;
        public String reason = "Elb.RegistrationInProgress";
        public String description = "Target registration is in progress";
        public long registeredAt;
        public long healthyAt;
        public Long unhealthyAt;
        public Long deregisteredAt;
    }

    public static final class Task {
        public String arn;
        public String id;
        public String clusterArn;
        public String taskDefinitionArn;
        public String family;
        public String group;
        public String startedBy;
        public String serviceName;
        public String deploymentId;
        public String launchType;
        /** Null on a cluster without container instances (the sandbox's unbounded capacity). */
        public String containerInstanceArn;
        /** The capacity provider of its service's strategy that launched it; null on a launch type. */
        public String capacityProviderName;
        public boolean enableExecuteCommand;
        public TaskStatus lastStatus = TaskStatus.PROVISIONING;
        public DesiredStatus desiredStatus = DesiredStatus.RUNNING;
        public HealthStatus healthStatus = HealthStatus.UNKNOWN;
        public String cpu;
        public String memory;
        public String privateIp;
        public long createdAt;
        /** How much later than the first task of its scheduler step this one ends provisioning (see EcsScheduler). */
        public long placementDelayMillis;
        public Long pullStartedAt;
        public Long pullStoppedAt;
        public Long startedAt;
        public Long stoppingAt;
        /** When the last step of stopping (containers shutting down) began. */
        public Long stoppingSince;
        public Long stoppedAt;
        public Long executionStoppedAt;
        public String stopCode;
        public String stoppedReason;
        public List<Container> containers = new ArrayList<>();
        public List<Target> targets = new ArrayList<>();
        public List<ContainerOverride> overrides = new ArrayList<>();
        /** Fault schedule, fixed when the task is created. */
        public Long containerHealthyAt;
        public Long containerUnhealthyAt;
        public boolean targetsFail;
        public Long targetsFailFrom;
        public int version = 1;

        public boolean active() {
            return desiredStatus == DesiredStatus.RUNNING;
        }
    }
}
