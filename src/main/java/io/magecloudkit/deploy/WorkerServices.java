package io.magecloudkit.deploy;

import io.magecloudkit.EventSink;
import io.magecloudkit.Messages;
import io.magecloudkit.aws.AwsSession;
import io.magecloudkit.deploy.DeployResult.WorkerResult;
import java.util.ArrayList;
import java.util.List;
import software.amazon.awssdk.services.ecs.model.Deployment;
import software.amazon.awssdk.services.ecs.model.DeploymentConfiguration;
import software.amazon.awssdk.services.ecs.model.Service;

/**
 * Puts an app's cron and consumer services on the build that just passed the gate: registers (or
 * reuses) their task definitions and creates each missing service or updates it. A worker service
 * runs on the web service's cluster with its network configuration and launch type, no load
 * balancer, and deploys with minimumHealthyPercent 0 / maximumPercent 100, so an old and a new cron
 * never run side by side; the circuit breaker rolls back a cron that cannot start. Each result names
 * the deployment to gate ({@link WorkerRollout}) and what the service ran before, to go back to.
 */
final class WorkerServices {
    static final DeploymentConfiguration DEPLOYMENT = DeploymentConfiguration.builder().minimumHealthyPercent(0)
            .maximumPercent(100).deploymentCircuitBreaker(b -> b.enable(true).rollback(true)).build();
    private final AwsSession aws;
    private final String cluster;
    private final Service web;
    private final EventSink events;
    private final String prefix;

    WorkerServices(AwsSession aws, String cluster, Service web, EventSink events, String prefix) {
        this.aws = aws;
        this.cluster = cluster;
        this.web = web;
        this.events = events;
        this.prefix = prefix;
    }

    /** Applies every worker; a worker whose call fails is reported failed in its result and the log, the others still go on. */
    List<WorkerResult> apply(List<WorkerTaskDefinitions.Worker> workers) {
        List<WorkerResult> results = new ArrayList<>();
        for (WorkerTaskDefinitions.Worker w : workers) {
            try {
                results.add(apply(w));
            } catch (RuntimeException e) {
                String why = Messages.firstLine(e.getMessage());
                events.warn(prefix + w.role() + " service " + w.service() + " not updated: " + why);
                results.add(new WorkerResult(w.role(), w.service(), null, false, "failed: " + why, w.desiredCount(), null, null,
                        null).judged("failed", w.role() + " service " + w.service() + " not updated: " + why, List.of()));
            }
        }
        return results;
    }

    /** The service, or null when it does not exist (or is INACTIVE, deleted). */
    Service find(String service) {
        return aws.call("describe service " + service, () -> aws.ecs().describeServices(r -> r.cluster(cluster)
                .services(service))).services().stream().filter(s -> "ACTIVE".equals(s.status())).findFirst().orElse(null);
    }

    private WorkerResult apply(WorkerTaskDefinitions.Worker w) {
        Service existing = find(w.service());
        if (existing == null && w.desiredCount() == 0) {
            return new WorkerResult(w.role(), w.service(), null, false, "not created", 0, null, null, null)
                    .judged("not gated", "off and absent: nothing to run", List.of());
        }
        TaskDefinitions.Registered td = new TaskDefinitions(aws).registerOrReuse(w.taskDefinition());
        String revision = HealthGate.revision(td.arn());
        if (existing == null) {
            Service created = aws.call("create service " + w.service(), () -> aws.ecs().createService(r -> {
                r.cluster(cluster).serviceName(w.service()).taskDefinition(td.arn()).desiredCount(w.desiredCount())
                        .deploymentConfiguration(DEPLOYMENT);
                if (web.networkConfiguration() != null) {
                    r.networkConfiguration(web.networkConfiguration());
                }
                if (!web.capacityProviderStrategy().isEmpty()) {
                    r.capacityProviderStrategy(web.capacityProviderStrategy());
                } else if (web.launchType() != null) {
                    r.launchType(web.launchType());
                }
            })).service();
            events.info(prefix + "created " + w.role() + " service " + w.service() + " on " + revision + " (desired "
                    + w.desiredCount() + ")");
            return new WorkerResult(w.role(), w.service(), td.arn(), td.reused(), "created", w.desiredCount(), primaryId(created),
                    null, null);
        }
        if (td.arn().equals(existing.taskDefinition()) && existing.desiredCount() == w.desiredCount()) {
            events.info(prefix + w.role() + " service " + w.service() + " already runs " + revision + " (desired "
                    + w.desiredCount() + ")");
            // A run killed after updating it left that rollout to watch; a finished one needs no gate.
            Deployment primary = primary(existing);
            boolean done = primary == null || "COMPLETED".equals(primary.rolloutStateAsString());
            WorkerResult unchanged = new WorkerResult(w.role(), w.service(), td.arn(), td.reused(), "unchanged", w.desiredCount(),
                    done ? null : primary.id(), td.arn(), existing.desiredCount());
            return done ? unchanged.judged("passed", "already runs " + revision + (primary == null ? "" : " (deployment "
                    + primary.id() + " COMPLETED)"), List.of()) : unchanged;
        }
        Service updated = aws.call("update service " + w.service(), () -> aws.ecs().updateService(r -> r.cluster(cluster)
                .service(w.service()).taskDefinition(td.arn()).desiredCount(w.desiredCount()).deploymentConfiguration(DEPLOYMENT)))
                .service();
        String deployment = primaryId(updated);
        events.info(prefix + "updated " + w.role() + " service " + w.service() + " to " + revision + " (desired "
                + w.desiredCount() + "): deployment " + deployment);
        return new WorkerResult(w.role(), w.service(), td.arn(), td.reused(), "updated", w.desiredCount(), deployment,
                existing.taskDefinition(), existing.desiredCount());
    }

    static Deployment primary(Service s) {
        return s.deployments().stream().filter(d -> "PRIMARY".equals(d.status())).findFirst().orElse(null);
    }

    private static String primaryId(Service s) {
        Deployment primary = primary(s);
        if (primary == null) {
            throw new IllegalStateException("ECS answered without a PRIMARY deployment for " + s.serviceName());
        }
        return primary.id();
    }
}
