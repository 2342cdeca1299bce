package io.magecloudkit.sandbox.ecs.sim;

import io.magecloudkit.sandbox.ecs.EcsIds;
import io.magecloudkit.sandbox.ecs.EcsState.Deployment;
import io.magecloudkit.sandbox.ecs.EcsState.DeploymentStatus;
import io.magecloudkit.sandbox.ecs.EcsState.RolloutState;
import io.magecloudkit.sandbox.ecs.EcsState.Service;
import io.magecloudkit.sandbox.ecs.EcsState.ServiceDeploymentRecord;

/** A service's deployments: a new primary per update, failures counted against it, the circuit breaker and its rollback. */
public final class Deployments {
    private final EcsIds ids;
    private final ServiceDeploymentRecords records;

    Deployments(EcsIds ids) {
        this.ids = ids;
        this.records = new ServiceDeploymentRecords(ids);
    }

    /** Starts a new PRIMARY deployment of the service's current task definition; the old primary becomes ACTIVE. */
    public Deployment start(Service service, long t, String reason) {
        Deployment d = launch(service, t, reason);
        records.started(service, d, t);
        return d;
    }

    /**
     * StopServiceDeployment with ROLLBACK: the service returns to the task definition of its last
     * completed deployment, as the record's rollback.
     */
    public void rollBack(Service service, ServiceDeploymentRecord record, long t) {
        String target = service.lastCompletedDeploymentId;
        service.taskDefinition = service.lastCompletedTaskDefinition;
        Deployment rollback = launch(service, t, "ECS deployment rollback: rolling back to deploymentId " + target + ".");
        records.rollingBack(service, record.deploymentId, rollback, "Service deployment rolled back because of a stop request.", true, t);
        ServiceEvents.add(service, t, "rolling back to deployment " + target + ".");
    }

    /** One scheduler step of the service's deployment records. */
    void step(Service service, long t) {
        records.step(service, t);
    }

    /** What ECS resolves a Fargate service's LATEST platform version to. */
    static final String LATEST_FARGATE_PLATFORM = "1.4.0";

    private Deployment launch(Service service, long t, String reason) {
        for (Deployment d : service.deployments) {
            if (d.status == DeploymentStatus.PRIMARY) {
                d.status = DeploymentStatus.ACTIVE;
                d.updatedAt = t;
            }
        }
        Deployment d = new Deployment();
        d.id = ids.deploymentId();
        d.status = DeploymentStatus.PRIMARY;
        d.taskDefinition = service.taskDefinition;
        d.desiredCount = service.desiredCount;
        d.createdAt = t;
        d.updatedAt = t;
        d.launchType = service.launchType;
        d.capacityProviderStrategy = new java.util.ArrayList<>(service.capacityProviderStrategy);
        // A deployment runs a resolved Fargate platform version, where the service may say LATEST.
        d.platformVersion = "LATEST".equals(service.platformVersion) ? LATEST_FARGATE_PLATFORM : service.platformVersion;
        d.platformFamily = service.platformFamily;
        d.rolloutState = RolloutState.IN_PROGRESS;
        d.rolloutStateReason = reason != null ? reason : "ECS deployment " + d.id + " in progress.";
        service.deployments.add(0, d);
        service.steady = false;
        service.startFailuresInARow = 0;
        service.launchNotBefore = 0;
        return d;
    }

    public static Deployment primary(Service service) {
        for (Deployment d : service.deployments) {
            if (d.status == DeploymentStatus.PRIMARY) {
                return d;
            }
        }
        return null;
    }

    /** A task of the deployment failed to start or its health checks: it counts, and may trip the circuit breaker. */
    void taskFailed(Service service, String deploymentId, long t) {
        Deployment primary = primary(service);
        if (primary == null || !primary.id.equals(deploymentId)) {
            return;
        }
        primary.failedTasks++;
        primary.updatedAt = t;
        records.taskFailed(service, primary);
        if (CircuitBreaker.trips(service.circuitBreakerEnable, primary.rolloutState == RolloutState.IN_PROGRESS,
                primary.failedTasks, service.desiredCount)) {
            tripCircuitBreaker(service, primary, t);
        }
    }

    private void tripCircuitBreaker(Service service, Deployment failed, long t) {
        failed.rolloutState = RolloutState.FAILED;
        failed.rolloutStateReason = "ECS deployment circuit breaker: tasks failed to start.";
        failed.updatedAt = t;
        ServiceEvents.add(service, t, "(deployment " + failed.id + ") deployment failed: tasks failed to start.");
        if (service.circuitBreakerRollback && service.lastCompletedTaskDefinition != null) {
            String target = service.lastCompletedDeploymentId;
            service.taskDefinition = service.lastCompletedTaskDefinition;
            Deployment rollback = launch(service, t, "ECS deployment circuit breaker: rolling back to deploymentId " + target + ".");
            ServiceEvents.add(service, t, "rolling back to deployment " + target + ".");
            if (records.rollingBack(service, failed.id, rollback,
                    "Service deployment rolled back because the circuit breaker threshold was exceeded.", false, t) != null) {
                return;
            }
        }
        records.breakerTripped(service, failed, t);
    }

    /** The primary deployment reached its desired count of healthy tasks with no other deployment left. */
    void complete(Service service, Deployment primary, long t) {
        primary.rolloutState = RolloutState.COMPLETED;
        primary.rolloutStateReason = "ECS deployment " + primary.id + " completed.";
        primary.updatedAt = t;
        service.lastCompletedTaskDefinition = primary.taskDefinition;
        service.lastCompletedDeploymentId = primary.id;
        ServiceEvents.add(service, t, "(deployment " + primary.id + ") deployment completed.");
        records.completed(service, primary, t);
        service.deployments.removeIf(d -> d != primary);
    }
}
