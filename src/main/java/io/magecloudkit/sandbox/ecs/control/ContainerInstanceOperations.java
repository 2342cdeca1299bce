package io.magecloudkit.sandbox.ecs.control;

import io.magecloudkit.sandbox.SandboxError;
import io.magecloudkit.sandbox.ecs.EcsIds;
import io.magecloudkit.sandbox.ecs.EcsState;
import io.magecloudkit.sandbox.ecs.EcsState.Cluster;
import io.magecloudkit.sandbox.ecs.EcsState.ContainerInstance;
import io.magecloudkit.sandbox.ecs.control.EcsRequests.DescribeContainerInstances;
import io.magecloudkit.sandbox.ecs.control.EcsRequests.ListContainerInstances;
import io.magecloudkit.sandbox.ecs.control.EcsRequests.RegisterContainerInstances;
import io.magecloudkit.sandbox.ecs.control.EcsRequests.UpdateContainerInstancesState;
import io.magecloudkit.sandbox.ecs.control.EcsResults.ContainerInstanceView;
import io.magecloudkit.sandbox.ecs.control.EcsResults.Described;
import io.magecloudkit.sandbox.ecs.control.EcsResults.Failure;
import io.magecloudkit.sandbox.ecs.control.EcsResults.Page;
import io.magecloudkit.sandbox.ecs.sim.ClusterCapacity;
import io.magecloudkit.sandbox.ecs.sim.InstanceTypes;
import io.magecloudkit.sandbox.ecs.sim.InstanceTypes.InstanceType;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.LongSupplier;

/**
 * Container instances: registering them (what an instance's ECS agent does; in the sandbox the
 * admin API or a stack's auto-scaling group asks for it), ListContainerInstances,
 * DescribeContainerInstances and UpdateContainerInstancesState.
 */
public final class ContainerInstanceOperations {
    private static final List<String> ZONES = List.of("a", "b", "c");

    private final EcsState state;
    private final EcsIds ids;
    private final ClusterOperations clusters;
    private final ClusterCapacity capacity;
    private final LongSupplier now;

    ContainerInstanceOperations(EcsState state, EcsIds ids, ClusterOperations clusters, ClusterCapacity capacity, LongSupplier now) {
        this.state = state;
        this.ids = ids;
        this.clusters = clusters;
        this.capacity = capacity;
        this.now = now;
    }

    public List<ContainerInstanceView> register(RegisterContainerInstances request) {
        Cluster cluster = clusters.require(request.cluster());
        InstanceType type = InstanceTypes.get(request.instanceType());
        if (type == null) {
            throw new SandboxError(400, "InvalidParameterException", "Instance type '" + request.instanceType()
                    + "' is not one the sandbox knows; known types: " + String.join(", ", InstanceTypes.all().keySet().stream().sorted().toList()));
        }
        if (request.count() < 1 || request.reservedMemory() < 0 || request.reservedMemory() >= type.registeredMemoryMib(0)) {
            throw new SandboxError(400, "InvalidParameterException", "count must be at least 1 and reservedMemory between 0 and the instance's memory.");
        }
        List<ContainerInstanceView> out = new ArrayList<>();
        for (int i = 0; i < request.count(); i++) {
            long n = ids.next();
            ContainerInstance instance = new ContainerInstance();
            instance.id = String.format("%032x", n * 0x9E3779B97F4A7C15L & Long.MAX_VALUE).substring(0, 32);
            instance.arn = ids.arn("container-instance/" + cluster.name + "/" + instance.id);
            instance.clusterArn = cluster.arn;
            instance.ec2InstanceId = String.format("i-%017x", n * 0x2545F4914F6CDD1DL & 0xFFFFFFFFFFFFFL);
            instance.instanceType = type.name();
            instance.availabilityZone = ids.region() + ZONES.get((int) (n % ZONES.size()));
            instance.capacityProviderName = request.capacityProviderName();
            instance.cpu = type.cpuUnits();
            instance.memory = type.registeredMemoryMib(request.reservedMemory());
            instance.registeredAt = now.getAsLong();
            state.containerInstances.put(instance.arn, instance);
            out.add(view(instance));
        }
        return out;
    }

    public Page list(ListContainerInstances request) {
        Cluster cluster = clusters.require(request.cluster());
        List<String> arns = state.containerInstances.values().stream()
                .filter(i -> i.clusterArn.equals(cluster.arn) && (request.status() == null || request.status() == i.status))
                .map(i -> i.arn).toList();
        return Pages.page(arns, request.page(), 100);
    }

    public Described<ContainerInstanceView> describe(DescribeContainerInstances request) {
        return each(request.cluster(), request.containerInstances(), instance -> { });
    }

    /** Sets ACTIVE or DRAINING; the service scheduler replaces the service tasks of a draining instance elsewhere. */
    public Described<ContainerInstanceView> updateState(UpdateContainerInstancesState request) {
        return each(request.cluster(), request.containerInstances(), instance -> {
            if (instance.status != request.status()) {
                instance.status = request.status();
                instance.version++;
            }
        });
    }

    /** Applies the action to each instance named, answering them as they are then, and MISSING for the ones not found. */
    private Described<ContainerInstanceView> each(String clusterRef, List<String> refs, Consumer<ContainerInstance> action) {
        Cluster cluster = clusters.require(clusterRef);
        if (refs.isEmpty()) {
            throw new SandboxError(400, "InvalidParameterException", "ContainerInstances cannot be empty.");
        }
        List<ContainerInstanceView> found = new ArrayList<>();
        List<Failure> failures = new ArrayList<>();
        for (String ref : refs) {
            ContainerInstance instance = find(cluster, ref);
            if (instance == null) {
                failures.add(new Failure(ref.startsWith("arn:") ? ref : ids.arn("container-instance/" + cluster.name + "/" + ref), "MISSING"));
            } else {
                action.accept(instance);
                found.add(view(instance));
            }
        }
        return new Described<>(found, failures);
    }

    private ContainerInstance find(Cluster cluster, String ref) {
        String id = EcsIds.nameOf(ref);
        for (ContainerInstance instance : state.containerInstances.values()) {
            if (instance.id.equals(id) && instance.clusterArn.equals(cluster.arn)) {
                return instance;
            }
        }
        return null;
    }

    private ContainerInstanceView view(ContainerInstance instance) {
        ClusterCapacity.Usage usage = capacity.usage(instance);
        return new ContainerInstanceView(instance, usage.remainingCpu(), usage.remainingMemory(),
                usage.usedPorts().stream().sorted().toList(), usage.running(), usage.pending());
    }
}
