package io.magecloudkit.sandbox.ecs.control;

import io.magecloudkit.sandbox.SandboxError;
import io.magecloudkit.sandbox.ecs.EcsIds;
import io.magecloudkit.sandbox.ecs.EcsState.Cluster;
import io.magecloudkit.sandbox.ecs.EcsState.Deployment;
import io.magecloudkit.sandbox.ecs.EcsState.DeploymentStatus;
import io.magecloudkit.sandbox.ecs.EcsState.LoadBalancer;
import io.magecloudkit.sandbox.ecs.EcsState.Service;
import io.magecloudkit.sandbox.ecs.EcsState.ServiceStatus;
import io.magecloudkit.sandbox.ecs.EcsState.Task;
import io.magecloudkit.sandbox.ecs.EcsState.TaskDefinition;
import io.magecloudkit.sandbox.ecs.EcsState.TaskStatus;
import io.magecloudkit.sandbox.ecs.EcsState;
import io.magecloudkit.sandbox.ecs.control.EcsRequests.CreateService;
import io.magecloudkit.sandbox.ecs.control.EcsRequests.DeleteService;
import io.magecloudkit.sandbox.ecs.control.EcsRequests.DeploymentConfiguration;
import io.magecloudkit.sandbox.ecs.control.EcsRequests.DescribeServices;
import io.magecloudkit.sandbox.ecs.control.EcsRequests.ListServices;
import io.magecloudkit.sandbox.ecs.control.EcsRequests.ServiceSettings;
import io.magecloudkit.sandbox.ecs.control.EcsRequests.UpdateService;
import io.magecloudkit.sandbox.ecs.control.EcsResults.DeploymentView;
import io.magecloudkit.sandbox.ecs.control.EcsResults.Described;
import io.magecloudkit.sandbox.ecs.control.EcsResults.Failure;
import io.magecloudkit.sandbox.ecs.control.EcsResults.Page;
import io.magecloudkit.sandbox.ecs.control.EcsResults.ServiceView;
import io.magecloudkit.sandbox.ecs.sim.Deployments;
import java.util.ArrayList;
import java.util.List;
import java.util.function.LongSupplier;

/** Services: create, update (a new deployment when the task definition or load balancers change), describe, delete. */
public final class ServiceOperations {
    private final EcsState state;
    private final EcsIds ids;
    private final TagOperations tags;
    private final ClusterOperations clusters;
    private final TaskDefinitionOperations taskDefinitions;
    private final Deployments deployments;
    private final LongSupplier now;

    ServiceOperations(EcsState state, EcsIds ids, TagOperations tags, ClusterOperations clusters,
            TaskDefinitionOperations taskDefinitions, Deployments deployments, LongSupplier now) {
        this.state = state;
        this.ids = ids;
        this.tags = tags;
        this.clusters = clusters;
        this.taskDefinitions = taskDefinitions;
        this.deployments = deployments;
        this.now = now;
    }

    public ServiceView create(CreateService request) {
        Cluster cluster = clusters.require(request.cluster());
        String name = request.serviceName();
        if (name == null || !name.matches("[A-Za-z0-9_-]{1,255}")) {
            throw new SandboxError(400, "InvalidParameterException", "Service name is invalid: up to 255 letters, numbers, hyphens and underscores are allowed.");
        }
        Service existing = cluster.services.get(name);
        if (existing != null && existing.status != ServiceStatus.INACTIVE) {
            throw new SandboxError(400, "InvalidParameterException", "Creation of service was not idempotent.");
        }
        TaskDefinition td = taskDefinitions.resolve(request.taskDefinition());
        ServiceSettings settings = request.settings();
        ServiceSettingsRules.requireSimulated(settings);
        long t = now.getAsLong();
        Service s = new Service();
        s.name = name;
        s.arn = ids.arn("service/" + cluster.name + "/" + name);
        s.clusterArn = cluster.arn;
        s.taskDefinition = td.arn;
        s.desiredCount = requireCount(request.desiredCount() == null ? 0 : request.desiredCount());
        ServiceSettingsRules.capacity(s, request.launchType(), settings.capacityProviderStrategy(), settings.platformVersion());
        s.createdAt = t;
        applyDeploymentConfiguration(s, request.deploymentConfiguration());
        if (!request.loadBalancers().isEmpty()) {
            s.loadBalancers = List.copyOf(request.loadBalancers());
        }
        s.healthCheckGracePeriodSeconds = ServiceSettingsRules.gracePeriod(s.loadBalancers, request.healthCheckGracePeriodSeconds());
        s.roleArn = ServiceSettingsRules.role(s, settings.role(), "awsvpc".equals(td.body.path("networkMode").asText()));
        s.networkConfiguration = request.networkConfiguration();
        if (request.placementStrategy() != null) {
            s.placementStrategy = new ArrayList<>(request.placementStrategy());
        }
        ServiceSettingsRules.apply(s, settings);
        cluster.services.put(name, s);
        tags.put(s.arn, request.tags());
        deployments.start(s, t, null);
        return view(s, true);
    }

    public ServiceView update(UpdateService request) {
        Service s = requireActive(request.cluster(), request.service());
        ServiceSettings settings = request.settings();
        ServiceSettingsRules.requireSimulated(settings);
        // Checked before anything changes: a refused update leaves the service as it was.
        TaskDefinition td = request.taskDefinition() == null ? null : taskDefinitions.resolve(request.taskDefinition());
        Integer desired = request.desiredCount() == null ? null : requireCount(request.desiredCount());
        boolean strategyChanges = ServiceSettingsRules.strategyChanges(s, settings.capacityProviderStrategy(), request.forceNewDeployment());
        List<LoadBalancer> balancers = request.loadBalancers() == null ? s.loadBalancers
                : request.loadBalancers().isEmpty() ? null : List.copyOf(request.loadBalancers());
        Integer grace = ServiceSettingsRules.gracePeriod(balancers, request.healthCheckGracePeriodSeconds() != null
                ? request.healthCheckGracePeriodSeconds() : balancers == null ? null : s.healthCheckGracePeriodSeconds);
        if (strategyChanges) {
            // The last check that can refuse: the strategy's launch type against the platform version.
            String previous = s.platformVersion;
            ServiceSettingsRules.capacity(s, null, settings.capacityProviderStrategy(), settings.platformVersion());
            if (settings.platformVersion() == null && previous != null && s.platformVersion != null) {
                s.platformVersion = previous;
            }
        } else {
            ServiceSettingsRules.requirePlatformVersionFits(s.launchType, settings.platformVersion());
        }
        long t = now.getAsLong();
        boolean newDeployment = request.forceNewDeployment();
        if (td != null && !td.arn.equals(s.taskDefinition)) {
            s.taskDefinition = td.arn;
            newDeployment = true;
        }
        if (settings.platformVersion() != null && !settings.platformVersion().equals(s.platformVersion)) {
            s.platformVersion = settings.platformVersion();
            newDeployment = true;
        }
        if (request.loadBalancers() != null) {
            newDeployment = true;
        }
        s.loadBalancers = balancers;
        s.healthCheckGracePeriodSeconds = grace;
        if (desired != null) {
            s.desiredCount = desired;
            s.steady = false;
        }
        applyDeploymentConfiguration(s, request.deploymentConfiguration());
        if (request.networkConfiguration() != null) {
            s.networkConfiguration = request.networkConfiguration();
        }
        ServiceSettingsRules.apply(s, settings);
        if (newDeployment) {
            deployments.start(s, t, null);
        }
        return view(s, true);
    }

    public ServiceView delete(DeleteService request) {
        Service s = requireActive(request.cluster(), request.service());
        if (s.desiredCount > 0 && !request.force()) {
            throw new SandboxError(400, "InvalidParameterException", "The service cannot be stopped while it is scaled above 0.");
        }
        s.desiredCount = 0;
        s.status = ServiceStatus.DRAINING;
        return view(s, true);
    }

    public Described<ServiceView> describe(DescribeServices request) {
        Cluster cluster = clusters.require(request.cluster());
        List<ServiceView> found = new ArrayList<>();
        List<Failure> failures = new ArrayList<>();
        for (String ref : request.services()) {
            Service s = cluster.services.get(EcsIds.nameOf(ref));
            if (s == null) {
                failures.add(new Failure(ref.startsWith("arn:") ? ref : ids.arn("service/" + cluster.name + "/" + ref), "MISSING"));
            } else {
                found.add(view(s, request.includeTags()));
            }
        }
        return new Described<>(found, failures);
    }

    /** The cluster's services that have not gone INACTIVE, in creation order, as ListServices pages them (10 by default). */
    public Page list(ListServices request) {
        Cluster cluster = clusters.require(request.cluster());
        List<String> arns = new ArrayList<>();
        for (Service s : cluster.services.values()) {
            // A service on a capacity provider strategy has no launch type to match.
            if (s.status != ServiceStatus.INACTIVE && (request.launchType() == null
                    || s.capacityProviderStrategy.isEmpty() && request.launchType().equals(s.launchType))
                    && (request.schedulingStrategy() == null || request.schedulingStrategy().equals(s.schedulingStrategy))) {
                arns.add(s.arn);
            }
        }
        return Pages.page(arns, request.page(), 10);
    }

    /** A service of the cluster that has not gone INACTIVE. */
    Service require(Cluster cluster, String ref) {
        Service s = ref == null ? null : cluster.services.get(EcsIds.nameOf(ref));
        if (s == null || s.status == ServiceStatus.INACTIVE) {
            throw new SandboxError(400, "ServiceNotFoundException", "Service not found.");
        }
        return s;
    }

    private Service requireActive(String cluster, String service) {
        Service s = require(clusters.require(cluster), service);
        if (s.status != ServiceStatus.ACTIVE) {
            throw new SandboxError(400, "ServiceNotActiveException", "Service was not ACTIVE.");
        }
        return s;
    }

    private static int requireCount(int count) {
        if (count < 0) {
            throw new SandboxError(400, "InvalidParameterException", "desiredCount can't be negative.");
        }
        return count;
    }

    private static void applyDeploymentConfiguration(Service s, DeploymentConfiguration config) {
        if (config == null) {
            return;
        }
        if (config.minimumHealthyPercent() != null) {
            s.minimumHealthyPercent = config.minimumHealthyPercent();
        }
        if (config.maximumPercent() != null) {
            s.maximumPercent = config.maximumPercent();
        }
        if (config.circuitBreaker() != null) {
            s.circuitBreakerEnable = config.circuitBreaker().enable();
            s.circuitBreakerRollback = config.circuitBreaker().rollback();
        }
        if (s.maximumPercent < 100 && s.minimumHealthyPercent >= 100 || s.maximumPercent <= s.minimumHealthyPercent && s.maximumPercent < 100) {
            throw new SandboxError(400, "InvalidParameterException", "The maximumPercent must be greater than the minimumHealthyPercent.");
        }
    }

    private ServiceView view(Service s, boolean withTags) {
        List<Task> tasks = state.tasksOf(s);
        List<DeploymentView> views = new ArrayList<>();
        for (Deployment d : s.deployments) {
            int active = (int) tasks.stream().filter(t -> t.active() && d.id.equals(t.deploymentId)).count();
            views.add(new DeploymentView(d, d.status == DeploymentStatus.PRIMARY ? s.desiredCount : active,
                    count(tasks, d.id, true), count(tasks, d.id, false)));
        }
        return new ServiceView(s, count(tasks, null, true), count(tasks, null, false), views, withTags ? tags.of(s.arn) : null);
    }

    /** Active tasks (of one deployment, or all when null) that are running, or not yet running. */
    private static int count(List<Task> tasks, String deploymentId, boolean running) {
        return (int) tasks.stream().filter(t -> t.active() && (deploymentId == null || deploymentId.equals(t.deploymentId))
                && (t.lastStatus == TaskStatus.RUNNING) == running).count();
    }
}
