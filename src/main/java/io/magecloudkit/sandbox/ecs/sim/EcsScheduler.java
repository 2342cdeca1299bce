package io.magecloudkit.sandbox.ecs.sim;

import io.magecloudkit.sandbox.Simulation;
import io.magecloudkit.sandbox.ecs.CommandRule;
import io.magecloudkit.sandbox.ecs.EcsIds;
import io.magecloudkit.sandbox.ecs.EcsState;
import io.magecloudkit.sandbox.ecs.EcsState.Deployment;
import io.magecloudkit.sandbox.ecs.EcsState.DeploymentStatus;
import io.magecloudkit.sandbox.ecs.EcsState.RolloutState;
import io.magecloudkit.sandbox.ecs.EcsState.Service;
import io.magecloudkit.sandbox.ecs.EcsState.ServiceStatus;
import io.magecloudkit.sandbox.ecs.EcsState.Task;
import io.magecloudkit.sandbox.ecs.EcsState.TaskStatus;
import io.magecloudkit.sandbox.ecs.TargetGroupSettings;
import io.magecloudkit.sandbox.ecs.TaskFault;
import io.magecloudkit.sandbox.ecs.TaskLogSink;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The ECS service scheduler on the sandbox clock: every step moves each task along its
 * lifecycle, then lets each service act on the {@link RollingUpdate} decisions and write the
 * service events AWS writes along the way. Time moves in one-second steps so that a large
 * clock advance plays out exactly like a slow one.
 */
public final class EcsScheduler implements Simulation {
    static final long STEP_MILLIS = 1000;
    /** Stopped tasks stay visible to DescribeTasks for about an hour, as on AWS. */
    static final long STOPPED_RETENTION_MILLIS = 3_600_000;
    /**
     * ECS does not bring up a batch of tasks in lockstep: they are placed one after the other, each
     * waits for its own ENI attachment and agent, so they reach their containers' start (and a
     * crashing container its exit) a moment apart. The sandbox staggers the tasks one step launches
     * by this much each; without it, every task of a crashing build stopped in the same second.
     */
    static final long PLACEMENT_GAP_MILLIS = 1000;

    private final EcsState state;
    private final Deployments deployments;
    private final TaskLifecycle tasks;
    private final ClusterCapacity capacity;
    private long lastTick = Long.MIN_VALUE;

    public EcsScheduler(EcsState state, EcsIds ids, TaskFault.Source faults, TargetGroupSettings.Directory targetGroups) {
        this(state, ids, faults, targetGroups, List::of, TaskLogSink.NONE);
    }

    /** @param commands how one-off tasks' commands behave; @param logs where their awslogs output goes */
    public EcsScheduler(EcsState state, EcsIds ids, TaskFault.Source faults, TargetGroupSettings.Directory targetGroups,
            CommandRule.Source commands, TaskLogSink logs) {
        this.state = state;
        this.deployments = new Deployments(ids);
        this.tasks = new TaskLifecycle(state, ids, faults, new LoadBalancerTargets(targetGroups, ids), deployments,
                new OneOffRun(commands, logs));
        this.capacity = new ClusterCapacity(state);
    }

    public ClusterCapacity capacity() {
        return capacity;
    }

    public Deployments deployments() {
        return deployments;
    }

    public TaskLifecycle tasks() {
        return tasks;
    }

    @Override
    public void tick(Instant now) {
        long t = now.toEpochMilli();
        if (lastTick == Long.MIN_VALUE || t - lastTick > 86_400_000L) {
            // First tick, or a jump of more than a day: nothing sensible to replay step by step.
            lastTick = t - STEP_MILLIS;
        }
        while (lastTick + STEP_MILLIS <= t) {
            lastTick += STEP_MILLIS;
            step(lastTick);
        }
    }

    void step(long t) {
        for (Task task : List.copyOf(state.tasks.values())) {
            tasks.advance(task, t);
        }
        for (EcsState.Cluster cluster : state.clusters.values()) {
            for (Service service : cluster.services.values()) {
                schedule(service, t);
            }
        }
        state.tasks.values().removeIf(task -> task.lastStatus == TaskStatus.STOPPED && task.stoppedAt != null
                && t - task.stoppedAt > STOPPED_RETENTION_MILLIS);
    }

    private void schedule(Service service, long t) {
        List<Task> all = state.tasksOf(service);
        if (service.status != ServiceStatus.ACTIVE) {
            drain(service, all, t);
            return;
        }
        deployments.step(service, t);
        Deployment primary = Deployments.primary(service);
        if (primary == null) {
            return;
        }
        primary.desiredCount = service.desiredCount;
        List<Task> active = all.stream().filter(Task::active).toList();
        Map<String, Task> byId = new HashMap<>();
        List<RollingUpdate.Candidate> candidates = new ArrayList<>();
        for (Task task : active) {
            byId.put(task.id, task);
            // A task on a draining instance is replaced as an old deployment's would be, within the same bounds.
            candidates.add(new RollingUpdate.Candidate(task.id, primary.id.equals(task.deploymentId) && !onDrainingInstance(task),
                    TaskLifecycle.healthy(task), task.createdAt));
        }
        RollingUpdate.Step step = RollingUpdate.step(
                new RollingUpdate.Limits(service.desiredCount, service.minimumHealthyPercent, service.maximumPercent),
                primary.rolloutState != RolloutState.FAILED, candidates);

        List<Task> stopped = new ArrayList<>();
        for (String id : step.stop()) {
            Task task = byId.get(id);
            tasks.requestStop(task, t, "Scaling activity initiated by (deployment " + primary.id + ")", "ServiceSchedulerInitiated", null);
            stopped.add(task);
        }
        ServiceEvents.stopped(service, t, stopped);
        List<Task> started = new ArrayList<>();
        int toStart = t < service.launchNotBefore ? 0 : step.start();
        for (int i = 0; i < toStart; i++) {
            String group = "service:" + service.name;
            String instance = null;
            if (capacity.bounded(service.clusterArn)) {
                Placement.Decision placed = capacity.place(service.clusterArn, primary.taskDefinition, group, service.placementStrategy);
                if (!placed.placed()) {
                    ServiceEvents.addUnlessRepeated(service, t, placed.eventMessage());
                    break;
                }
                instance = placed.instanceArn();
            }
            Task task = tasks.launch(service.clusterArn, primary.taskDefinition,
                    new TaskLifecycle.Origin(group, primary.id, service.name, primary.id, primary.launchType), t);
            task.containerInstanceArn = instance;
            task.placementDelayMillis = i * PLACEMENT_GAP_MILLIS;
            ServiceTaskSettings.apply(state, service, primary, task);
            started.add(task);
        }
        ServiceEvents.started(service, t, started);

        boolean primaryCompleted = primary.rolloutState == RolloutState.COMPLETED;
        service.deployments.removeIf(d -> d.status != DeploymentStatus.PRIMARY
                && RollingUpdate.retires(primaryCompleted, other(d, all)));
        List<Boolean> primaryHealthy = state.tasksOf(service).stream()
                .filter(task -> task.active() && primary.id.equals(task.deploymentId) && !onDrainingInstance(task)).map(TaskLifecycle::healthy).toList();
        List<RollingUpdate.OtherDeployment> others = service.deployments.stream().filter(d -> d != primary).map(d -> other(d, all)).toList();
        if (primaryHealthy.contains(true)) {
            // A task that came up healthy ends the service's launch throttling.
            service.startFailuresInARow = 0;
            service.launchNotBefore = 0;
        }
        boolean settled = RollingUpdate.settled(service.desiredCount, primaryHealthy, others);
        if (settled && primary.rolloutState == RolloutState.IN_PROGRESS) {
            deployments.complete(service, primary, t);
        }
        if (settled && !service.steady) {
            service.steady = true;
            ServiceEvents.add(service, t, "has reached a steady state.");
        }
    }

    private boolean onDrainingInstance(Task task) {
        EcsState.ContainerInstance instance = task.containerInstanceArn == null ? null : state.containerInstances.get(task.containerInstanceArn);
        return instance != null && instance.status == EcsState.ContainerInstanceStatus.DRAINING;
    }

    private static RollingUpdate.OtherDeployment other(Deployment d, List<Task> tasks) {
        boolean live = tasks.stream().anyMatch(task -> d.id.equals(task.deploymentId) && task.lastStatus != TaskStatus.STOPPED);
        return new RollingUpdate.OtherDeployment(d.rolloutState == RolloutState.FAILED, live);
    }

    /** A deleted service stops its tasks and becomes INACTIVE once they are gone. */
    private void drain(Service service, List<Task> all, long t) {
        List<Task> stopping = new ArrayList<>();
        for (Task task : all) {
            if (task.active()) {
                tasks.requestStop(task, t, "Service " + service.name + " deleted", "ServiceSchedulerInitiated", null);
                stopping.add(task);
            }
        }
        ServiceEvents.stopped(service, t, stopping);
        if (service.status == ServiceStatus.DRAINING && all.stream().allMatch(task -> task.lastStatus == TaskStatus.STOPPED)) {
            service.status = ServiceStatus.INACTIVE;
            service.deployments.clear();
            // ECS deletes a service's deployment records with the service.
            service.serviceDeployments.clear();
            service.serviceRevisions.clear();
        }
    }
}
