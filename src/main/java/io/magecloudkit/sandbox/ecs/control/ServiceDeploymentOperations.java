package io.magecloudkit.sandbox.ecs.control;

import io.magecloudkit.sandbox.SandboxError;
import io.magecloudkit.sandbox.ecs.EcsState;
import io.magecloudkit.sandbox.ecs.EcsState.Cluster;
import io.magecloudkit.sandbox.ecs.EcsState.Service;
import io.magecloudkit.sandbox.ecs.EcsState.ServiceDeploymentRecord;
import io.magecloudkit.sandbox.ecs.EcsState.ServiceRevision;
import io.magecloudkit.sandbox.ecs.EcsState.Task;
import io.magecloudkit.sandbox.ecs.EcsState.TaskDefinition;
import io.magecloudkit.sandbox.ecs.EcsState.TaskStatus;
import io.magecloudkit.sandbox.ecs.TaskDefinitionDocument;
import io.magecloudkit.sandbox.ecs.control.EcsRequests.ListServiceDeployments;
import io.magecloudkit.sandbox.ecs.control.EcsRequests.StopServiceDeployment;
import io.magecloudkit.sandbox.ecs.control.EcsResults.ContainerImage;
import io.magecloudkit.sandbox.ecs.control.EcsResults.Described;
import io.magecloudkit.sandbox.ecs.control.EcsResults.Failure;
import io.magecloudkit.sandbox.ecs.control.EcsResults.Page;
import io.magecloudkit.sandbox.ecs.control.EcsResults.RevisionCount;
import io.magecloudkit.sandbox.ecs.control.EcsResults.ServiceDeploymentPage;
import io.magecloudkit.sandbox.ecs.control.EcsResults.ServiceDeploymentView;
import io.magecloudkit.sandbox.ecs.control.EcsResults.ServiceRevisionView;
import io.magecloudkit.sandbox.ecs.sim.CircuitBreaker;
import io.magecloudkit.sandbox.ecs.sim.Deployments;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import java.util.function.LongSupplier;

/** ECS's record of service deployments: ListServiceDeployments, DescribeServiceDeployments, DescribeServiceRevisions, StopServiceDeployment. */
public final class ServiceDeploymentOperations {
    private final EcsState state;
    private final ClusterOperations clusters;
    private final ServiceOperations services;
    private final Deployments deployments;
    private final LongSupplier now;

    ServiceDeploymentOperations(EcsState state, ClusterOperations clusters, ServiceOperations services, Deployments deployments,
            LongSupplier now) {
        this.state = state;
        this.clusters = clusters;
        this.services = services;
        this.deployments = deployments;
        this.now = now;
    }

    /** Newest first. */
    public ServiceDeploymentPage list(ListServiceDeployments request) {
        Service service = services.require(clusters.require(request.cluster()), request.service());
        List<String> arns = new ArrayList<>();
        for (int i = service.serviceDeployments.size() - 1; i >= 0; i--) {
            ServiceDeploymentRecord r = service.serviceDeployments.get(i);
            if ((request.statuses().isEmpty() || request.statuses().contains(r.status))
                    && (request.createdAfter() == null || r.createdAt >= request.createdAfter())
                    && (request.createdBefore() == null || r.createdAt <= request.createdBefore())) {
                arns.add(r.arn);
            }
        }
        if (request.page().maxResults() != null && (request.page().maxResults() < 1 || request.page().maxResults() > 100)) {
            throw new SandboxError(400, "InvalidParameterException", "maxResults must be between 1 and 100.");
        }
        Page page = Pages.page(arns, request.page(), 20);
        return new ServiceDeploymentPage(page.items().stream().map(arn -> view(service, record(service, arn))).toList(), page.nextToken());
    }

    public Described<ServiceDeploymentView> describe(List<String> arns) {
        requireArns(arns, "serviceDeploymentArns");
        return describeEach(arns, arn -> {
            Service service = serviceOf(arn, "service-deployment/");
            ServiceDeploymentRecord r = service == null ? null : record(service, arn);
            return r == null ? null : view(service, r);
        });
    }

    public Described<ServiceRevisionView> describeRevisions(List<String> arns) {
        requireArns(arns, "serviceRevisionArns");
        return describeEach(arns, arn -> {
            Service service = serviceOf(arn, "service-revision/");
            ServiceRevision rev = service == null ? null
                    : service.serviceRevisions.stream().filter(r -> r.arn.equals(arn)).findFirst().orElse(null);
            if (rev == null) {
                return null;
            }
            TaskDefinition td = state.taskDefinitions.get(rev.taskDefinition);
            List<ContainerImage> images = td == null ? List.of() : TaskDefinitionDocument.containers(td.body).stream()
                    .map(c -> new ContainerImage(c.name(), c.image())).toList();
            return new ServiceRevisionView(service, rev, images);
        });
    }

    /** Each ARN found, or a MISSING failure for it. */
    private static <T> Described<T> describeEach(List<String> arns, Function<String, T> find) {
        List<T> found = new ArrayList<>();
        List<Failure> failures = new ArrayList<>();
        for (String arn : arns) {
            T item = find.apply(arn);
            if (item == null) {
                failures.add(new Failure(arn, "MISSING"));
            } else {
                found.add(item);
            }
        }
        return new Described<>(found, failures);
    }

    /**
     * ROLLBACK of an ongoing deployment returns the service to its last completed revision; a
     * deployment already stopping or rolling back carries on; a finished one cannot be stopped.
     */
    public String stop(StopServiceDeployment request) {
        String arn = request.serviceDeploymentArn();
        if (request.stopType() != null && !request.stopType().equals("ROLLBACK") && !request.stopType().equals("ABORT")) {
            throw new SandboxError(400, "InvalidParameterException",
                    "Invalid value '" + request.stopType() + "' for stopType: valid values are ABORT, ROLLBACK.");
        }
        Service service = arn == null ? null : serviceOf(arn, "service-deployment/");
        ServiceDeploymentRecord r = service == null ? null : record(service, arn);
        if (r == null) {
            throw new SandboxError(400, "ServiceDeploymentNotFoundException", "The service deployment does not exist.");
        }
        if ("ABORT".equals(request.stopType())) {
            throw new SandboxError(400, "InvalidParameterException",
                    "The ABORT stop type is not supported for services that use the rolling update (ECS) deployment controller.");
        }
        switch (r.status) {
            case PENDING, IN_PROGRESS -> {
                if (service.lastCompletedTaskDefinition == null) {
                    throw new SandboxError(400, "InvalidParameterException", "The service has no previous service revision to roll back to.");
                }
                deployments.rollBack(service, r, now.getAsLong());
            }
            case STOP_REQUESTED, ROLLBACK_REQUESTED, ROLLBACK_IN_PROGRESS -> {
                // Already on its way: ECS carries on with it.
            }
            default -> throw new SandboxError(400, "ConflictException",
                    "The service deployment is " + r.status + " and can no longer be stopped.");
        }
        return r.arn;
    }

    private ServiceDeploymentView view(Service service, ServiceDeploymentRecord r) {
        List<Task> tasks = state.tasksOf(service);
        List<RevisionCount> sources = new ArrayList<>();
        for (String source : r.sourceRevisionArns) {
            sources.add(count(service, source, tasks));
        }
        return new ServiceDeploymentView(service, r, sources, count(service, r.targetRevisionArn, tasks),
                CircuitBreaker.threshold(service.desiredCount));
    }

    /** The revision the service now runs asks for its desired count; any other for the tasks it still has. */
    private static RevisionCount count(Service service, String revisionArn, List<Task> tasks) {
        String td = service.serviceRevisions.stream().filter(r -> r.arn.equals(revisionArn)).map(r -> r.taskDefinition).findFirst().orElse(null);
        int running = 0;
        int pending = 0;
        for (Task t : tasks) {
            if (t.active() && t.taskDefinitionArn.equals(td)) {
                if (t.lastStatus == TaskStatus.RUNNING) {
                    running++;
                } else {
                    pending++;
                }
            }
        }
        int requested = td != null && td.equals(service.taskDefinition) ? service.desiredCount : running + pending;
        return new RevisionCount(revisionArn, requested, running, pending);
    }

    private static ServiceDeploymentRecord record(Service service, String arn) {
        return service.serviceDeployments.stream().filter(r -> r.arn.equals(arn)).findFirst().orElse(null);
    }

    /** The service an ARN of the form {@code ...:kind/cluster/service/id} belongs to; null when there is none. */
    private Service serviceOf(String arn, String kind) {
        int at = arn.indexOf(":" + kind);
        if (!arn.startsWith("arn:") || at < 0) {
            return null;
        }
        String[] path = arn.substring(at + kind.length() + 1).split("/");
        if (path.length != 3) {
            return null;
        }
        for (Cluster cluster : state.clusters.values()) {
            if (cluster.name.equals(path[0])) {
                return cluster.services.get(path[1]);
            }
        }
        return null;
    }

    private static void requireArns(List<String> arns, String member) {
        if (arns.isEmpty()) {
            throw new SandboxError(400, "InvalidParameterException", member + " cannot be empty.");
        }
        if (arns.size() > 20) {
            throw new SandboxError(400, "InvalidParameterException", member + " can have at most 20 items.");
        }
    }
}
