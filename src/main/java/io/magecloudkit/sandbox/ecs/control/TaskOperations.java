package io.magecloudkit.sandbox.ecs.control;

import io.magecloudkit.sandbox.SandboxError;
import io.magecloudkit.sandbox.ecs.EcsIds;
import io.magecloudkit.sandbox.ecs.EcsState;
import io.magecloudkit.sandbox.ecs.EcsState.Cluster;
import io.magecloudkit.sandbox.ecs.EcsState.ContainerOverride;
import io.magecloudkit.sandbox.ecs.EcsState.DesiredStatus;
import io.magecloudkit.sandbox.ecs.EcsState.Task;
import io.magecloudkit.sandbox.ecs.EcsState.TaskDefinition;
import io.magecloudkit.sandbox.ecs.EcsState.TaskDefinitionStatus;
import io.magecloudkit.sandbox.ecs.TaskDefinitionDocument;
import io.magecloudkit.sandbox.ecs.control.EcsRequests.DescribeTasks;
import io.magecloudkit.sandbox.ecs.control.EcsRequests.ListTasks;
import io.magecloudkit.sandbox.ecs.control.EcsRequests.RunTask;
import io.magecloudkit.sandbox.ecs.control.EcsRequests.StopTask;
import io.magecloudkit.sandbox.ecs.control.EcsResults.Described;
import io.magecloudkit.sandbox.ecs.control.EcsResults.Failure;
import io.magecloudkit.sandbox.ecs.control.EcsResults.Page;
import io.magecloudkit.sandbox.ecs.control.EcsResults.TaskView;
import io.magecloudkit.sandbox.ecs.control.EcsResults.Started;
import io.magecloudkit.sandbox.ecs.sim.ClusterCapacity;
import io.magecloudkit.sandbox.ecs.sim.Placement;
import io.magecloudkit.sandbox.ecs.sim.TaskLifecycle;
import java.util.ArrayList;
import java.util.List;
import java.util.function.LongSupplier;

/** Tasks: RunTask, StopTask, ListTasks, DescribeTasks. */
public final class TaskOperations {
    private final EcsState state;
    private final TagOperations tags;
    private final ClusterOperations clusters;
    private final TaskDefinitionOperations taskDefinitions;
    private final ServiceOperations services;
    private final TaskLifecycle lifecycle;
    private final ClusterCapacity capacity;
    private final LongSupplier now;

    TaskOperations(EcsState state, TagOperations tags, ClusterOperations clusters, TaskDefinitionOperations taskDefinitions,
            ServiceOperations services, TaskLifecycle lifecycle, ClusterCapacity capacity, LongSupplier now) {
        this.state = state;
        this.tags = tags;
        this.clusters = clusters;
        this.taskDefinitions = taskDefinitions;
        this.services = services;
        this.lifecycle = lifecycle;
        this.capacity = capacity;
        this.now = now;
    }

    /**
     * Starts the tasks; on a cluster with container instances only those that can be placed,
     * with one failure per instance (its arn and RESOURCE:CPU, RESOURCE:MEMORY or RESOURCE:PORTS)
     * for the first that cannot.
     */
    public Started run(RunTask request) {
        Cluster cluster = clusters.require(request.cluster());
        TaskDefinition td = taskDefinitions.resolve(request.taskDefinition());
        if (td.status != TaskDefinitionStatus.ACTIVE) {
            throw new SandboxError(400, "ClientException", "TaskDefinition is inactive");
        }
        int count = request.count() == null ? 1 : request.count();
        if (count < 1 || count > 10) {
            throw new SandboxError(400, "InvalidParameterException", "Count must be between 1 and 10.");
        }
        List<String> containers = TaskDefinitionDocument.containers(td.body).stream().map(TaskDefinitionDocument.ContainerSpec::name).toList();
        for (ContainerOverride o : request.overrides()) {
            if (o.name() == null || !containers.contains(o.name())) {
                throw new SandboxError(400, "InvalidParameterException",
                        "Override for container named " + o.name() + " is not a container in the TaskDefinition.");
            }
        }
        long t = now.getAsLong();
        String group = request.group() == null ? "family:" + td.family : request.group();
        String launchType = request.launchType() == null ? "EC2" : request.launchType();
        List<TaskView> out = new ArrayList<>();
        List<Failure> failures = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            String instance = null;
            if (capacity.bounded(cluster.arn)) {
                Placement.Decision placed = capacity.place(cluster.arn, td.arn, group,
                        request.placementStrategy() == null ? List.of() : request.placementStrategy());
                if (!placed.placed()) {
                    placed.refusals().forEach(r -> failures.add(new Failure(r.instanceArn(), r.shortfall().reason)));
                    if (placed.refusals().isEmpty()) {
                        failures.add(new Failure(null, "No Container Instances were found in your cluster."));
                    }
                    break;
                }
                instance = placed.instanceArn();
            }
            Task task = lifecycle.launch(cluster.arn, td.arn,
                    new TaskLifecycle.Origin(group, request.startedBy(), null, null, launchType), t);
            task.containerInstanceArn = instance;
            task.overrides = new ArrayList<>(request.overrides());
            tags.put(task.arn, request.tags());
            out.add(new TaskView(task, null));
        }
        return new Started(out, failures);
    }

    public TaskView stop(StopTask request) {
        Cluster cluster = clusters.require(request.cluster());
        Task task = find(cluster, request.task());
        if (task == null) {
            throw new SandboxError(400, "InvalidParameterException", "The referenced task was not found.");
        }
        String reason = request.reason() == null ? "Task stopped by user" : request.reason();
        lifecycle.requestStop(task, now.getAsLong(), reason, "UserInitiated", null);
        return new TaskView(task, null);
    }

    public Page list(ListTasks request) {
        Cluster cluster = clusters.require(request.cluster());
        String serviceName = request.serviceName();
        if (serviceName != null) {
            services.require(cluster, serviceName);
            serviceName = EcsIds.nameOf(serviceName);
        }
        DesiredStatus desired = request.desiredStatus() == null ? DesiredStatus.RUNNING : request.desiredStatus();
        List<String> arns = new ArrayList<>();
        for (Task t : state.tasks.values()) {
            if (t.clusterArn.equals(cluster.arn) && t.desiredStatus == desired
                    && (serviceName == null || serviceName.equals(t.serviceName))
                    && (request.family() == null || request.family().equals(t.family))
                    && (request.startedBy() == null || request.startedBy().equals(t.startedBy))) {
                arns.add(t.arn);
            }
        }
        return Pages.page(arns, request.page(), 100);
    }

    public Described<TaskView> describe(DescribeTasks request) {
        Cluster cluster = clusters.require(request.cluster());
        if (request.tasks().isEmpty()) {
            throw new SandboxError(400, "InvalidParameterException", "Tasks cannot be empty.");
        }
        List<TaskView> found = new ArrayList<>();
        List<Failure> failures = new ArrayList<>();
        for (String ref : request.tasks()) {
            Task t = find(cluster, ref);
            if (t == null) {
                failures.add(new Failure(ref, "MISSING"));
            } else {
                found.add(new TaskView(t, request.includeTags() ? tags.of(t.arn) : null));
            }
        }
        return new Described<>(found, failures);
    }

    private Task find(Cluster cluster, String ref) {
        if (ref == null) {
            return null;
        }
        String id = ref.substring(ref.lastIndexOf('/') + 1);
        for (Task t : state.tasks.values()) {
            if (t.id.equals(id) && t.clusterArn.equals(cluster.arn)) {
                return t;
            }
        }
        return null;
    }
}
