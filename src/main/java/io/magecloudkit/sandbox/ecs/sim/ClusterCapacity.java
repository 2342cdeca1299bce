package io.magecloudkit.sandbox.ecs.sim;

import io.magecloudkit.sandbox.ecs.EcsState;
import io.magecloudkit.sandbox.ecs.EcsState.ContainerInstance;
import io.magecloudkit.sandbox.ecs.EcsState.ContainerInstanceStatus;
import io.magecloudkit.sandbox.ecs.EcsState.PlacementStrategy;
import io.magecloudkit.sandbox.ecs.EcsState.Task;
import io.magecloudkit.sandbox.ecs.EcsState.TaskStatus;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * A cluster's container instances as {@link Placement} sees them: what their tasks (every task
 * on them not yet STOPPED) leave free. A cluster with no instance at all is unbounded, as the
 * sandbox was before it had instances.
 */
public final class ClusterCapacity {
    private final EcsState state;

    public ClusterCapacity(EcsState state) {
        this.state = state;
    }

    /** Usage of one instance: resources still free and task counts, as DescribeContainerInstances reports them. */
    public record Usage(int remainingCpu, int remainingMemory, Set<Integer> usedPorts, int running, int pending) {
    }

    public boolean bounded(String clusterArn) {
        return state.containerInstances.values().stream().anyMatch(i -> i.clusterArn.equals(clusterArn));
    }

    public Usage usage(ContainerInstance instance) {
        int cpu = instance.cpu;
        int memory = instance.memory;
        Set<Integer> ports = new HashSet<>();
        int running = 0;
        int pending = 0;
        for (Task task : state.tasks.values()) {
            if (!instance.arn.equals(task.containerInstanceArn) || task.lastStatus == TaskStatus.STOPPED) {
                continue;
            }
            Placement.Demand demand = TaskDemand.of(state.taskDefinitions.get(task.taskDefinitionArn).body);
            cpu -= demand.cpu();
            memory -= demand.memory();
            ports.addAll(demand.hostPorts());
            if (task.lastStatus == TaskStatus.RUNNING) {
                running++;
            } else if (task.active()) {
                pending++;
            }
        }
        return new Usage(cpu, memory, ports, running, pending);
    }

    /** Where a new task of the definition goes in the cluster; call only for a {@link #bounded} cluster. */
    public Placement.Decision place(String clusterArn, String taskDefinitionArn, String group, List<PlacementStrategy> strategies) {
        List<Placement.Instance> instances = new ArrayList<>();
        for (ContainerInstance instance : state.containerInstances.values()) {
            if (!instance.clusterArn.equals(clusterArn) || instance.status != ContainerInstanceStatus.ACTIVE) {
                continue;
            }
            Usage usage = usage(instance);
            int ofGroup = (int) state.tasks.values().stream().filter(t -> instance.arn.equals(t.containerInstanceArn) && t.active()
                    && group != null && group.equals(t.group)).count();
            instances.add(new Placement.Instance(instance.arn, instance.id, usage.remainingCpu(), usage.remainingMemory(),
                    usage.usedPorts(), ofGroup));
        }
        List<Placement.Strategy> order = strategies.stream().map(s -> new Placement.Strategy(s.type(), s.field())).toList();
        return Placement.place(TaskDemand.of(state.taskDefinitions.get(taskDefinitionArn).body), instances, order);
    }
}
