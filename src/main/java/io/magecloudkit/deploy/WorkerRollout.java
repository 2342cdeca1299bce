package io.magecloudkit.deploy;

import io.magecloudkit.EventSink;
import io.magecloudkit.Messages;
import io.magecloudkit.aws.AwsSession;
import io.magecloudkit.deploy.DeployResult.Rollback;
import io.magecloudkit.deploy.DeployResult.WorkerResult;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;
import software.amazon.awssdk.services.ecs.model.Deployment;
import software.amazon.awssdk.services.ecs.model.Service;

/**
 * Gates an app's cron and consumer rollouts with the web service's gate minus what a worker lacks (no
 * target group, no smoke check): the deployment the deploy created PRIMARY and COMPLETED, failing fast
 * on FAILED, on more stopped new tasks than the threshold, on an essential container's non-zero exit
 * and on the timeout. Also puts workers back: to what they ran before a failed deploy, or to the
 * revisions recorded with the revision {@code mck rollback} returns to.
 */
final class WorkerRollout {
    private final AwsSession aws;
    private final WorkerServices services;
    private final String cluster;
    private final GateSettings settings;
    private final GateClock clock;
    private final BooleanSupplier cancelled;
    private final Runnable onLook;
    private final EventSink events;
    private final String prefix;

    /** @param web the web service's gate: its threshold and timeout apply; targets and smoke check do not */
    WorkerRollout(AwsSession aws, WorkerServices services, String cluster, GateSettings web, GateClock clock,
            BooleanSupplier cancelled, Runnable onLook, EventSink events, String prefix) {
        this.aws = aws;
        this.services = services;
        this.cluster = cluster;
        this.settings = settings(web);
        this.clock = clock;
        this.cancelled = cancelled;
        this.onLook = onLook;
        this.events = events;
        this.prefix = prefix;
    }

    /** A worker's gate: the web's threshold and timeout, no targets, no smoke check. */
    static GateSettings settings(GateSettings web) {
        return new GateSettings(web.stoppedTaskThreshold(), web.timeout(), false, 0, 0);
    }

    /**
     * Creates or updates every worker, then gates each rollout in turn (they roll out side by side in
     * ECS meanwhile, so a later gate mostly finds its rollout done). Every worker gets a verdict, also
     * after one failed: the result shows them all.
     */
    List<WorkerResult> deploy(List<WorkerTaskDefinitions.Worker> workers) {
        List<WorkerResult> applied = services.apply(workers);
        List<WorkerResult> judged = new ArrayList<>();
        for (WorkerResult w : applied) {
            judged.add(w.verdict() != null ? w : gate(w));
        }
        return judged;
    }

    /** mck rollback: moves each recorded worker service to its revision, keeping its desired count, through the gate. */
    List<WorkerResult> moveTo(Map<String, String> revisions) {
        List<WorkerResult> out = new ArrayList<>();
        revisions.forEach((service, revision) -> {
            String role = service.endsWith("-cron") ? "cron" : "consumer";
            try {
                Service now = services.find(service);
                if (now == null) {
                    events.warn(prefix + role + " service " + service + " does not exist: not moved");
                    out.add(new WorkerResult(role, service, null, false, "not found", 0, null, null, null)
                            .judged("not gated", "the service does not exist", List.of()));
                    return;
                }
                Moved moved = move(role, service, revision, null, now);
                out.add(new WorkerResult(role, service, moved.taskDefinition(), true, moved.deploymentId() == null
                        ? "unchanged" : "rolled back", now.desiredCount(), moved.deploymentId(), now.taskDefinition(),
                        now.desiredCount()).judged(moved.verdict(), moved.reason(), moved.evidence()));
            } catch (RuntimeException e) {
                String why = Messages.firstLine(e.getMessage());
                events.warn(prefix + role + " service " + service + " not moved: " + why);
                out.add(new WorkerResult(role, service, null, false, "failed: " + why, 0, null, null, null)
                        .judged("failed", role + " service " + service + " not moved: " + why, List.of()));
            }
        });
        return out;
    }

    /**
     * After the app's deploy failed: each worker this deploy changed goes back to the revision and count it
     * had, through the gate; one this deploy created is scaled to 0 (no earlier build of it exists, and it
     * must not run the failed build beside the web service's previous one).
     */
    List<WorkerResult> rollBack(List<WorkerResult> workers) {
        List<WorkerResult> out = new ArrayList<>();
        for (WorkerResult w : workers) {
            try {
                out.add(w.rolledBack(rollBack(w)));
            } catch (RuntimeException e) {
                String why = Messages.firstLine(e.getMessage());
                events.warn(prefix + w.role() + " service " + w.service() + " not rolled back: " + why);
                out.add(w.rolledBack(new Rollback("none", null, null, "failed", why, List.of())));
            }
        }
        return out;
    }

    private Rollback rollBack(WorkerResult w) {
        if ("created".equals(w.action())) {
            aws.call("scale service " + w.service(), () -> aws.ecs().updateService(r -> r.cluster(cluster).service(w.service())
                    .desiredCount(0)));
            events.warn(prefix + w.role() + " service " + w.service() + " was created by this deploy: scaled to 0");
            return new Rollback("scaled to 0 (created by this deploy)", null, null, "passed",
                    "no earlier revision; the next deploy sets its count again", List.of());
        }
        if (w.previousTaskDefinition() == null || w.previousTaskDefinition().equals(w.taskDefinition())
                && w.previousDesiredCount() != null && w.previousDesiredCount() == w.desiredCount()) {
            return null;
        }
        Moved moved = move(w.role(), w.service(), w.previousTaskDefinition(), w.previousDesiredCount(), services.find(w.service()));
        return new Rollback(moved.how(), moved.deploymentId(), moved.taskDefinition(), moved.verdict(), moved.reason(),
                moved.evidence());
    }

    /** How a move to a revision ended. {@code deploymentId} is null when the service already ran it. */
    private record Moved(String how, String deploymentId, String taskDefinition, String verdict, String reason,
            List<String> evidence) {
    }

    /**
     * Puts the service on {@code revision} (and {@code desired}, when given) and gates the rollout; watches a
     * rollout ECS already makes to it (its circuit breaker's rollback) instead of starting another.
     */
    private Moved move(String role, String service, String revision, Integer desired, Service now) {
        String what = role + " service " + service;
        Deployment primary = WorkerServices.primary(now);
        String deploymentId;
        String how;
        boolean there = primary != null && sameRevision(revision, primary.taskDefinition())
                && (desired == null || desired == now.desiredCount());
        if (there && "COMPLETED".equals(primary.rolloutStateAsString())) {
            events.info(prefix + what + " already runs " + HealthGate.revision(primary.taskDefinition()));
            return new Moved("none (already there)", null, primary.taskDefinition(), "passed", "already runs "
                    + HealthGate.revision(primary.taskDefinition()), List.of());
        }
        if (there) {
            deploymentId = primary.id();
            how = "circuit breaker rollback";
            events.warn(prefix + what + ": ECS is already returning to " + HealthGate.revision(primary.taskDefinition())
                    + " in deployment " + deploymentId + ": watching it");
        } else {
            Service updated = aws.call("update service " + service, () -> aws.ecs().updateService(r -> {
                r.cluster(cluster).service(service).taskDefinition(revision).deploymentConfiguration(WorkerServices.DEPLOYMENT);
                if (desired != null) {
                    r.desiredCount(desired);
                }
            })).service();
            deploymentId = WorkerServices.primary(updated).id();
            how = "update to previous revision";
            events.warn(prefix + "moving " + what + " to " + HealthGate.revision(revision) + ": deployment " + deploymentId);
        }
        String arn = WorkerServices.primary(services.find(service)).taskDefinition();
        WorkerResult judged = gate(new WorkerResult(role, service, arn, true, how, now.desiredCount(), deploymentId, null, null));
        return new Moved(how, deploymentId, arn, judged.verdict(), judged.reason(), judged.evidence());
    }

    /** A recorded {@code family:revision} names the same revision as an ARN. */
    private static boolean sameRevision(String wanted, String arn) {
        return wanted.equals(arn) || HealthGate.revision(arn).equals(HealthGate.revision(wanted));
    }

    /** One worker's gate on the deployment it names; the verdict and its evidence go to the log and the result. */
    private WorkerResult gate(WorkerResult w) {
        String what = w.role() + " service " + w.service();
        ServiceObserver observer = new ServiceObserver(aws, cluster, w.service(), null);
        observer.skipExistingEvents();
        GateRunner.Outcome outcome = new GateRunner(observer, settings, null, clock, cancelled, onLook, events,
                prefix + "[" + w.service() + "] ").run(w.deploymentId(), w.taskDefinition());
        Verdict verdict = outcome.verdict();
        if (verdict == null) {
            events.warn(prefix + what + ": stopped waiting (cancelled); ECS carries on with deployment " + w.deploymentId());
            return w.judged("aborted", "cancelled while its gate waited", List.of());
        }
        if (outcome.passed()) {
            events.info(prefix + what + " passed: " + verdict.reason());
            return w.judged("passed", verdict.reason(), List.of());
        }
        events.warn(prefix + what + " failed: " + verdict.reason());
        verdict.evidence().forEach(e -> events.warn(prefix + "  " + e));
        return w.judged("failed", verdict.reason(), verdict.evidence());
    }
}
