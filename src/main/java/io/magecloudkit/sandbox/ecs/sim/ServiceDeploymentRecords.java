package io.magecloudkit.sandbox.ecs.sim;

import io.magecloudkit.sandbox.ecs.EcsIds;
import io.magecloudkit.sandbox.ecs.EcsState.Deployment;
import io.magecloudkit.sandbox.ecs.EcsState.Service;
import io.magecloudkit.sandbox.ecs.EcsState.ServiceDeploymentRecord;
import io.magecloudkit.sandbox.ecs.EcsState.ServiceDeploymentStatus;
import io.magecloudkit.sandbox.ecs.EcsState.ServiceRevision;
import java.util.ArrayList;
import java.util.UUID;

/**
 * ECS's own record of each service deployment, kept in step with the deployments array: a
 * new revision and record per deployment (PENDING, then IN_PROGRESS on the next step),
 * SUCCESSFUL when it completes, STOPPED when a newer deployment supersedes it or the circuit
 * breaker fails it without rollback, and ROLLBACK_REQUESTED → ROLLBACK_IN_PROGRESS →
 * ROLLBACK_SUCCESSFUL / ROLLBACK_FAILED while a rollback (the breaker's or
 * StopServiceDeployment's) returns the service to its source revision.
 */
public final class ServiceDeploymentRecords {
    private final EcsIds ids;

    ServiceDeploymentRecords(EcsIds ids) {
        this.ids = ids;
    }

    /** A deployment of the service's current configuration started: a new revision, and a new record superseding ongoing ones. */
    void started(Service service, Deployment d, long t) {
        for (ServiceDeploymentRecord old : service.serviceDeployments) {
            if (old.status.ongoing()) {
                old.status = ServiceDeploymentStatus.STOPPED;
                old.statusReason = "Service deployment stopped: superseded by a newer service deployment.";
                old.stoppedAt = t;
                old.finishedAt = t;
                old.updatedAt = t;
            }
        }
        String path = clusterName(service) + "/" + service.name + "/";
        ServiceRevision rev = new ServiceRevision();
        rev.arn = ids.arn("service-revision/" + path + d.id.substring(d.id.indexOf('/') + 1));
        rev.taskDefinition = d.taskDefinition;
        rev.launchType = d.launchType;
        rev.capacityProviderStrategy = new ArrayList<>(d.capacityProviderStrategy);
        rev.platformVersion = d.platformVersion;
        rev.platformFamily = d.platformFamily;
        rev.loadBalancers = service.loadBalancers;
        rev.networkConfiguration = service.networkConfiguration;
        rev.createdAt = t;
        service.serviceRevisions.add(rev);
        ServiceDeploymentRecord r = new ServiceDeploymentRecord();
        r.arn = ids.arn("service-deployment/" + path + UUID.randomUUID().toString().replace("-", "").substring(0, 21));
        r.createdAt = t;
        r.updatedAt = t;
        r.targetRevisionArn = rev.arn;
        r.deploymentId = d.id;
        for (Deployment other : service.deployments) {
            String source = other == d ? null : revisionOf(service, other.id);
            if (source != null && !r.sourceRevisionArns.contains(source)) {
                r.sourceRevisionArns.add(source);
            }
        }
        r.minimumHealthyPercent = service.minimumHealthyPercent;
        r.maximumPercent = service.maximumPercent;
        r.circuitBreakerEnable = service.circuitBreakerEnable;
        r.circuitBreakerRollback = service.circuitBreakerRollback;
        service.serviceDeployments.add(r);
    }

    /** One scheduler step: requested states move on to the ones the work is done in. */
    void step(Service service, long t) {
        for (ServiceDeploymentRecord r : service.serviceDeployments) {
            if (r.status == ServiceDeploymentStatus.PENDING) {
                r.status = ServiceDeploymentStatus.IN_PROGRESS;
                r.startedAt = t;
                r.updatedAt = t;
            } else if (r.status == ServiceDeploymentStatus.ROLLBACK_REQUESTED) {
                r.status = ServiceDeploymentStatus.ROLLBACK_IN_PROGRESS;
                r.updatedAt = t;
            }
        }
    }

    void taskFailed(Service service, Deployment d) {
        ServiceDeploymentRecord r = driving(service, d.id);
        if (r != null) {
            r.failureCount = d.failedTasks;
        }
    }

    /** The circuit breaker failed deployment {@code d}: its record stops, or fails its rollback, unless a rollback follows. */
    void breakerTripped(Service service, Deployment d, long t) {
        for (ServiceDeploymentRecord r : service.serviceDeployments) {
            if (d.id.equals(r.rollbackDeploymentId) && r.status.ongoing()) {
                finish(r, ServiceDeploymentStatus.ROLLBACK_FAILED, "Service deployment rollback failed: tasks failed to start.", t);
            } else if (d.id.equals(r.deploymentId) && r.status.ongoing()) {
                r.circuitBreakerTriggered = true;
                finish(r, ServiceDeploymentStatus.STOPPED, "ECS deployment circuit breaker: tasks failed to start.", t);
                r.stoppedAt = t;
            }
        }
    }

    /** A rollback deployment started for the record of deployment {@code failedId}; null when there is none ongoing. */
    ServiceDeploymentRecord rollingBack(Service service, String failedId, Deployment rollback, String reason, boolean requested, long t) {
        ServiceDeploymentRecord r = driving(service, failedId);
        if (r == null) {
            return null;
        }
        r.status = requested ? ServiceDeploymentStatus.ROLLBACK_REQUESTED : ServiceDeploymentStatus.ROLLBACK_IN_PROGRESS;
        r.statusReason = reason;
        r.rollbackDeploymentId = rollback.id;
        r.rollbackReason = reason;
        r.rollbackStartedAt = t;
        r.rollbackRevisionArn = revisionOf(service, service.lastCompletedDeploymentId);
        r.updatedAt = t;
        if (!requested) {
            r.circuitBreakerTriggered = true;
        }
        return r;
    }

    /** The deployment reached its desired state: what it drove succeeded. */
    void completed(Service service, Deployment d, long t) {
        for (ServiceDeploymentRecord r : service.serviceDeployments) {
            if (!r.status.ongoing()) {
                continue;
            }
            if (d.id.equals(r.rollbackDeploymentId)) {
                finish(r, ServiceDeploymentStatus.ROLLBACK_SUCCESSFUL, "Service deployment rolled back successfully.", t);
            } else if (d.id.equals(r.deploymentId)) {
                finish(r, ServiceDeploymentStatus.SUCCESSFUL, null, t);
            }
        }
    }

    /** The service revision a deployments-array entry rolls out; null when unknown. */
    static String revisionOf(Service service, String deploymentId) {
        if (deploymentId == null) {
            return null;
        }
        for (ServiceDeploymentRecord r : service.serviceDeployments) {
            if (deploymentId.equals(r.deploymentId)) {
                return r.targetRevisionArn;
            }
            if (deploymentId.equals(r.rollbackDeploymentId)) {
                return r.rollbackRevisionArn;
            }
        }
        return null;
    }

    /** The ongoing record whose target deployment is {@code deploymentId}. */
    private static ServiceDeploymentRecord driving(Service service, String deploymentId) {
        for (ServiceDeploymentRecord r : service.serviceDeployments) {
            if (deploymentId.equals(r.deploymentId) && r.status.ongoing()) {
                return r;
            }
        }
        return null;
    }

    private static void finish(ServiceDeploymentRecord r, ServiceDeploymentStatus status, String reason, long t) {
        r.status = status;
        r.statusReason = reason;
        r.finishedAt = t;
        r.updatedAt = t;
    }

    private static String clusterName(Service service) {
        return service.clusterArn.substring(service.clusterArn.indexOf('/') + 1);
    }
}
