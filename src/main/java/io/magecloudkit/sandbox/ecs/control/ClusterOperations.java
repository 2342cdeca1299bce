package io.magecloudkit.sandbox.ecs.control;

import io.magecloudkit.sandbox.SandboxError;
import io.magecloudkit.sandbox.ecs.EcsIds;
import io.magecloudkit.sandbox.ecs.EcsState.Cluster;
import io.magecloudkit.sandbox.ecs.EcsState.ClusterStatus;
import io.magecloudkit.sandbox.ecs.EcsState.ServiceStatus;
import io.magecloudkit.sandbox.ecs.EcsState.Task;
import io.magecloudkit.sandbox.ecs.EcsState.TaskStatus;
import io.magecloudkit.sandbox.ecs.EcsState;
import io.magecloudkit.sandbox.ecs.control.EcsRequests.CreateCluster;
import io.magecloudkit.sandbox.ecs.control.EcsRequests.DescribeClusters;
import io.magecloudkit.sandbox.ecs.control.EcsRequests.ListClusters;
import io.magecloudkit.sandbox.ecs.control.EcsResults.ClusterView;
import io.magecloudkit.sandbox.ecs.control.EcsResults.Described;
import io.magecloudkit.sandbox.ecs.control.EcsResults.Failure;
import io.magecloudkit.sandbox.ecs.control.EcsResults.Page;
import java.util.ArrayList;
import java.util.List;

/** CreateCluster and DescribeClusters; the cluster lookup every other operation starts from. */
public final class ClusterOperations {
    static final String DEFAULT = "default";

    private final EcsState state;
    private final EcsIds ids;
    private final TagOperations tags;

    ClusterOperations(EcsState state, EcsIds ids, TagOperations tags) {
        this.state = state;
        this.ids = ids;
        this.tags = tags;
    }

    /** Creates the cluster, or answers the active one of that name (CreateCluster is idempotent). */
    public ClusterView create(CreateCluster request) {
        String name = request.clusterName() == null ? DEFAULT : request.clusterName();
        Cluster c = state.clusters.get(name);
        if (c == null || c.status != ClusterStatus.ACTIVE) {
            c = new Cluster();
            c.name = name;
            c.arn = ids.arn("cluster/" + name);
            state.clusters.put(name, c);
        }
        tags.put(c.arn, request.tags());
        return view(c, true);
    }

    public Described<ClusterView> describe(DescribeClusters request) {
        List<String> refs = request.clusters().isEmpty() ? List.of(DEFAULT) : request.clusters();
        List<ClusterView> found = new ArrayList<>();
        List<Failure> failures = new ArrayList<>();
        for (String ref : refs) {
            Cluster c = state.clusters.get(EcsIds.nameOf(ref));
            if (c == null) {
                failures.add(new Failure(ref.startsWith("arn:") ? ref : ids.arn("cluster/" + ref), "MISSING"));
            } else {
                found.add(view(c, request.includeTags()));
            }
        }
        return new Described<>(found, failures);
    }

    /** Every cluster's ARN (INACTIVE ones too, as ECS lists them for a while), paged 100 at a time. */
    public Page list(ListClusters request) {
        List<String> arns = state.clusters.values().stream().map(c -> c.arn).toList();
        return Pages.page(arns, request.page(), 100);
    }

    /** Marks a cluster INACTIVE, as DeleteCluster does; false when there is none of that name. */
    public boolean deactivate(String name) {
        Cluster c = state.clusters.get(name);
        if (c == null) {
            return false;
        }
        c.status = ClusterStatus.INACTIVE;
        return true;
    }

    /** The active cluster a request names (by name or ARN; null means "default"). */
    Cluster require(String ref) {
        Cluster c = state.clusters.get(EcsIds.nameOf(ref == null ? DEFAULT : ref));
        if (c == null || c.status != ClusterStatus.ACTIVE) {
            throw new SandboxError(400, "ClusterNotFoundException", "Cluster not found.");
        }
        return c;
    }

    private ClusterView view(Cluster c, boolean withTags) {
        int running = 0;
        int pending = 0;
        for (Task t : state.tasks.values()) {
            if (c.arn.equals(t.clusterArn) && t.active()) {
                if (t.lastStatus == TaskStatus.RUNNING) {
                    running++;
                } else if (t.lastStatus != TaskStatus.STOPPED) {
                    pending++;
                }
            }
        }
        int services = (int) c.services.values().stream().filter(s -> s.status == ServiceStatus.ACTIVE).count();
        int instances = (int) state.containerInstances.values().stream().filter(i -> i.clusterArn.equals(c.arn)).count();
        return new ClusterView(c, running, pending, services, withTags ? tags.of(c.arn) : null, instances);
    }
}
