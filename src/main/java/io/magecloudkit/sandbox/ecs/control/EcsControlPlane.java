package io.magecloudkit.sandbox.ecs.control;

import io.magecloudkit.sandbox.SandboxClock;
import io.magecloudkit.sandbox.ecs.EcsIds;
import io.magecloudkit.sandbox.ecs.EcsState;
import io.magecloudkit.sandbox.ecs.sim.EcsScheduler;

/**
 * The typed ECS control plane: the operations of the ECS API on request and result records,
 * grouped by resource, over the state the {@link EcsScheduler} moves along. The JSON 1.1 wire
 * layer and the CloudFormation provisioner both come in here.
 */
public final class EcsControlPlane {
    private final SandboxClock clock;
    private final TagOperations tags;
    private final ClusterOperations clusters;
    private final TaskDefinitionOperations taskDefinitions;
    private final ServiceOperations services;
    private final TaskOperations tasks;
    private final ContainerInstanceOperations containerInstances;
    private final ServiceDeploymentOperations serviceDeployments;

    public EcsControlPlane(EcsState state, EcsIds ids, EcsScheduler scheduler, SandboxClock clock) {
        this.clock = clock;
        this.tags = new TagOperations(state);
        this.clusters = new ClusterOperations(state, ids, tags);
        this.taskDefinitions = new TaskDefinitionOperations(state, ids, tags, this::now);
        this.services = new ServiceOperations(state, ids, tags, clusters, taskDefinitions, scheduler.deployments(), this::now);
        this.tasks = new TaskOperations(state, tags, clusters, taskDefinitions, services, scheduler.tasks(), scheduler.capacity(), this::now);
        this.containerInstances = new ContainerInstanceOperations(state, ids, clusters, scheduler.capacity(), this::now);
        this.serviceDeployments = new ServiceDeploymentOperations(state, clusters, services, scheduler.deployments(), this::now);
    }

    long now() {
        return clock.now().toEpochMilli();
    }

    public TagOperations tags() {
        return tags;
    }

    public ClusterOperations clusters() {
        return clusters;
    }

    public TaskDefinitionOperations taskDefinitions() {
        return taskDefinitions;
    }

    public ServiceOperations services() {
        return services;
    }

    public TaskOperations tasks() {
        return tasks;
    }

    public ContainerInstanceOperations containerInstances() {
        return containerInstances;
    }

    public ServiceDeploymentOperations serviceDeployments() {
        return serviceDeployments;
    }
}
