package io.magecloudkit.deploy;

import io.magecloudkit.EventSink;
import io.magecloudkit.MckException;
import io.magecloudkit.aws.AwsSession;
import io.magecloudkit.aws.SsmLease;
import io.magecloudkit.deploy.DeployResult.AppResult;
import io.magecloudkit.deploy.DeployResult.Rollback;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.BooleanSupplier;
import software.amazon.awssdk.services.ecs.model.Deployment;
import software.amazon.awssdk.services.ecs.model.Service;

/**
 * One app's deploy or rollback, after its plan passed: lease → task definition → service update →
 * gate → (rollback → gate) → history → prune.
 */
final class AppDeployment {
    /** The SSM parameter (under the app's prefix) holding the cron counts to restore while cron is paused. */
    static final String CRON_PAUSED = "cron-paused";
    private final AwsSession aws;
    private final AppPlan plan;
    private final EventSink events;
    private final String prefix;
    private final GateClock clock;
    private final BooleanSupplier cancelled;
    private final String actor;

    AppDeployment(AwsSession aws, AppPlan plan, EventSink events, boolean prefixed, GateClock clock, BooleanSupplier cancelled,
            String actor) {
        this.aws = aws;
        this.plan = plan;
        this.events = events;
        this.prefix = prefixed ? "[" + plan.app() + "] " : "";
        this.clock = clock;
        this.cancelled = cancelled;
        this.actor = actor;
    }

    /**
     * Deploys the plan's task definition, or with {@code targetRevision} puts an existing revision back
     * (a rollback through the same gate).
     */
    AppResult run(String targetRevision) {
        Instant start = clock.now();
        String kind = targetRevision == null ? "deploy" : "rollback";
        try (SsmLease lease = lease()) {
            DeployHistory history = new DeployHistory(aws, plan.parameterPrefix() + "deploy-history");
            CronPause cron = new CronPause(aws, plan.cluster(), plan.workers().stream().map(WorkerTaskDefinitions.Worker::service)
                    .toList(), plan.parameterPrefix() + CRON_PAUSED, clock, cancelled, events, prefix, actor);
            TaskDefinitions taskDefinitions = new TaskDefinitions(aws);
            ServiceObserver observer = new ServiceObserver(aws, plan.cluster(), plan.service(), plan.targetGroupArn());
            Service existing = plan.creation() == null ? observer.describe() : observer.find();
            FirstService first = existing == null ? new FirstService(aws, plan, events, prefix) : null;
            Service before = first == null ? existing : first.intended();
            String taskDefinition;
            boolean reused = false;
            if (targetRevision == null) {
                TaskDefinitions.Registered registered = taskDefinitions.registerOrReuse(plan.taskDefinition());
                taskDefinition = registered.arn();
                reused = registered.reused();
                observer.know(registered.definition());
                events.info(prefix + (reused ? "task definition " + HealthGate.revision(taskDefinition)
                        + " is identical to the one wanted: reused" : "registered task definition " + HealthGate.revision(taskDefinition)));
            } else {
                taskDefinition = targetRevision;
            }
            ReleasePhase.Outcome release = targetRevision == null ? releasePhase(before, taskDefinition, cron) : null;
            if (release == null) {
                // The release phase restores cron a killed run left paused; without one, it is done here.
                cron.restoreLeftover();
            }
            if (release != null && release.failure() != null) {
                history.add(entry(kind, taskDefinition, imagesOf(observer, taskDefinition), "failed", release.failure()));
                return DeployResult.failedBeforeGate(plan, release.failure()).withRelease(release.tasks())
                        .withWorkers(List.of(), cron.report());
            }
            List<DeployHistory.Entry> past = history.read();
            String previous = previousRevision(before, taskDefinition, past);
            Deployment started;
            if (first == null) {
                observer.skipExistingEvents();
                started = startOrJoin(before, taskDefinition);
            } else {
                started = Deployment.builder().id(first.create(taskDefinition)).build();
            }
            String deploymentId = started.id();
            Instant gateStart = clock.now();
            GateRunner.Outcome outcome = gate(observer, lease).run(deploymentId, taskDefinition, started.createdAt());
            double gateSeconds = seconds(gateStart);
            var images = imagesOf(observer, taskDefinition);
            if (outcome.verdict() == null) {
                String state = serviceState(observer);
                events.warn(prefix + "stopped waiting (cancelled); " + state);
                history.add(entry(kind, taskDefinition, images, "aborted", "cancelled while the gate waited"));
                return released(release, cron, List.of(), new AppResult(plan.app(), plan.cluster(), plan.service(), "aborted", "cancelled while the gate waited",
                        deploymentId, taskDefinition, reused, previous, images, smokeWords(),
                        new DeployResult.Timings(start.toString(), gateSeconds, seconds(start)), List.of(), null, List.of(), state));
            }
            Verdict verdict = outcome.verdict();
            if (verdict.outcome() == Verdict.Outcome.PASS) {
                events.info(prefix + "passed: " + verdict.reason());
                WorkerRollout workerRollout = workerRollout(before, lease);
                List<DeployResult.WorkerResult> workers = targetRevision == null ? workerRollout.deploy(plan.workers())
                        : workerRollout.moveTo(recordedWorkers(past, taskDefinition));
                DeployResult.WorkerResult stopped = workers.stream().filter(w -> !w.passed()).findFirst().orElse(null);
                if (stopped != null) {
                    return workersFailed(stopped, workers, workerRollout, first, observer, lease, history, kind, deploymentId,
                            taskDefinition, reused, previous, images, release, cron,
                            new DeployResult.Timings(start.toString(), gateSeconds, seconds(start)));
                }
                history.add(entry(kind, taskDefinition, images, "passed", verdict.reason(), workerRevisions(workers)));
                Set<String> protect = new LinkedHashSet<>();
                protect.add(taskDefinition);
                if (previous != null) {
                    protect.add(previous);
                }
                List<String> gone = taskDefinitions.prune(DeployNames.familyOf(taskDefinition), plan.deployment().revisionsToKeep(), protect);
                if (!gone.isEmpty()) {
                    events.info(prefix + "deregistered " + gone.size() + " old revisions: "
                            + String.join(", ", gone.stream().map(HealthGate::revision).toList()));
                }
                return released(release, cron, workers, new AppResult(plan.app(), plan.cluster(), plan.service(), "passed", verdict.reason(), deploymentId,
                        taskDefinition, reused, previous, images, smokeWords(),
                        new DeployResult.Timings(start.toString(), gateSeconds, seconds(start)), List.of(), null, gone, null));
            }
            events.warn(prefix + "failed: " + verdict.reason());
            verdict.evidence().forEach(e -> events.warn(prefix + "  " + e));
            history.add(entry(kind, taskDefinition, images, "failed", verdict.reason()));
            Rollback rollback = first != null ? firstDeployFailed(observer)
                    : plan.rollbackOnFailure() ? rollBack(observer, lease, history, deploymentId, taskDefinition, previous)
                    : new Rollback("skipped (--no-rollback)", null, null, "skipped", "the failed deployment is left as it is",
                            List.of());
            if (first == null && !plan.rollbackOnFailure()) {
                events.warn(prefix + "--no-rollback: leaving " + plan.service() + " as it is; " + serviceState(observer));
            }
            return released(release, cron, List.of(), new AppResult(plan.app(), plan.cluster(), plan.service(), "failed", verdict.reason(), deploymentId,
                    taskDefinition, reused, previous, images, smokeWords(),
                    new DeployResult.Timings(start.toString(), gateSeconds, seconds(start)), verdict.evidence(), rollback,
                    List.of(), null));
        }
    }

    /**
     * A worker failed its gate (or was cancelled) after the web service passed. The app's build is one unit:
     * the deploy fails, and the web service and the workers go back to what they ran, through the gate.
     */
    private AppResult workersFailed(DeployResult.WorkerResult stopped, List<DeployResult.WorkerResult> workers,
            WorkerRollout workerRollout, FirstService first, ServiceObserver observer, SsmLease lease, DeployHistory history,
            String kind, String deploymentId, String taskDefinition, boolean reused, String previous,
            java.util.Map<String, String> images, ReleasePhase.Outcome release, CronPause cron,
            DeployResult.Timings timings) {
        String what = stopped.role() + " service " + stopped.service();
        if ("aborted".equals(stopped.verdict())) {
            history.add(entry(kind, taskDefinition, images, "aborted", "cancelled while " + what + "'s gate waited",
                    workerRevisions(workers)));
            return released(release, cron, workers, new AppResult(plan.app(), plan.cluster(), plan.service(), "aborted",
                    "cancelled while " + what + "'s gate waited", deploymentId, taskDefinition, reused, previous, images,
                    smokeWords(), timings, List.of(), null, List.of(), serviceState(observer)));
        }
        String reason = what + " failed its gate: " + stopped.reason();
        events.warn(prefix + "failed: " + reason);
        List<String> evidence = stopped.evidence().stream().map(e -> stopped.service() + ": " + e).toList();
        history.add(entry(kind, taskDefinition, images, "failed", reason, workerRevisions(workers)));
        Rollback rollback;
        List<DeployResult.WorkerResult> after = workers;
        if (first != null) {
            rollback = firstDeployFailed(observer);
        } else if (!plan.rollbackOnFailure()) {
            rollback = new Rollback("skipped (--no-rollback)", null, null, "skipped", "the web service and the workers are left as"
                    + " they are", List.of());
            events.warn(prefix + "--no-rollback: leaving " + plan.service() + " and its workers as they are");
        } else {
            // The web deployment succeeded: ECS's record is finished, so the way back is an update, not StopServiceDeployment.
            rollback = rollBack(observer, lease, history, null, taskDefinition, previous);
            after = workerRollout.rollBack(workers);
        }
        return released(release, cron, after, new AppResult(plan.app(), plan.cluster(), plan.service(), "failed", reason,
                deploymentId, taskDefinition, reused, previous, images, smokeWords(), timings, evidence, rollback, List.of(), null));
    }

    private WorkerRollout workerRollout(Service web, SsmLease lease) {
        return new WorkerRollout(aws, new WorkerServices(aws, plan.cluster(), web, events, prefix), plan.cluster(), plan.gate(),
                clock, cancelled, lease::renew, events, prefix);
    }

    /** The worker revisions recorded with the revision a rollback returns to; none (said in the log) when unknown. */
    private java.util.Map<String, String> recordedWorkers(List<DeployHistory.Entry> past, String revision) {
        return DeployHistory.workersOf(past, revision).orElseGet(() -> {
            events.warn(prefix + "the deploy history records no cron or consumer revisions with " + HealthGate.revision(revision)
                    + ": the worker services are left as they are");
            return java.util.Map.of();
        });
    }

    /** Each worker service and the revision it runs now ({@code family:revision}), for the history. */
    private static java.util.Map<String, String> workerRevisions(List<DeployResult.WorkerResult> workers) {
        java.util.Map<String, String> out = new java.util.TreeMap<>();
        workers.stream().filter(w -> w.taskDefinition() != null).forEach(w -> out.put(w.service(), HealthGate.revision(w.taskDefinition())));
        return out.isEmpty() ? null : out;
    }

    private static AppResult released(ReleasePhase.Outcome release, CronPause cron, List<DeployResult.WorkerResult> workers,
            AppResult result) {
        return (release == null ? result : result.withRelease(release.tasks())).withWorkers(workers, cron.report());
    }

    /** The release phase when the app has it on and a php-fpm container to run it in; null otherwise. */
    private ReleasePhase.Outcome releasePhase(Service service, String taskDefinition, CronPause cron) {
        boolean phpFpm = plan.taskDefinition() != null && java.util.stream.StreamSupport.stream(
                plan.taskDefinition().path("containerDefinitions").spliterator(), false)
                .anyMatch(c -> ReleasePhase.CONTAINER.equals(c.path("name").asText()));
        if (!plan.deployment().release() || !phpFpm) {
            return null;
        }
        OneOffTask runner = new OneOffTask(aws, plan.cluster(), service, clock, cancelled, events, prefix);
        return new ReleasePhase(runner, ReleaseDecision.Maintenance.parse(plan.deployment().maintenance()), events, prefix, cron)
                .run(taskDefinition);
    }

    /** Starts the deployment, or joins it when the service already has it (a rerun after a kill). */
    private Deployment startOrJoin(Service before, String taskDefinition) {
        Deployment primary = before.deployments().stream().filter(d -> "PRIMARY".equals(d.status())).findFirst().orElse(null);
        if (primary != null && taskDefinition.equals(primary.taskDefinition()) && !"FAILED".equals(primary.rolloutStateAsString())) {
            events.info(prefix + plan.service() + " already runs deployment " + primary.id() + " of "
                    + HealthGate.revision(taskDefinition) + " (" + primary.rolloutStateAsString() + "): watching it, no new rollout");
            // Joined under way: its creation time says nothing of how far it got, so the gate looks at once.
            return Deployment.builder().id(primary.id()).build();
        }
        return update(taskDefinition, "deployment");
    }

    /** Updates the service to the revision; returns the PRIMARY deployment UpdateService answered with. */
    private Deployment update(String taskDefinition, String what) {
        var d = plan.deployment();
        Service updated = aws.call("update service " + plan.service(), () -> aws.ecs().updateService(r -> {
            r.cluster(plan.cluster()).service(plan.service()).taskDefinition(taskDefinition)
                    .deploymentConfiguration(c -> c.minimumHealthyPercent(d.minimumHealthyPercent())
                            .maximumPercent(d.maximumPercent())
                            .deploymentCircuitBreaker(b -> b.enable(true).rollback(true)));
            if (plan.targetGroupArn() != null) {
                r.healthCheckGracePeriodSeconds(d.healthCheckGracePeriodSeconds());
            }
        })).service();
        Deployment primary = updated.deployments().stream().filter(x -> "PRIMARY".equals(x.status())).findFirst()
                .orElseThrow(() -> new IllegalStateException("UpdateService answered without a PRIMARY deployment"));
        events.info(prefix + "updated " + plan.service() + " to " + HealthGate.revision(taskDefinition) + ": " + what + " "
                + primary.id());
        return primary;
    }

    private Rollback rollBack(ServiceObserver observer, SsmLease lease, DeployHistory history, String failedDeployment,
            String failedRevision, String previous) {
        Service now = observer.describe();
        Deployment primary = now.deployments().stream().filter(d -> "PRIMARY".equals(d.status())).findFirst().orElse(null);
        String how;
        String deploymentId;
        String revision;
        Instant createdAt = null;
        if (primary != null && !primary.id().equals(failedDeployment) && !failedRevision.equals(primary.taskDefinition())) {
            how = "circuit breaker rollback";
            deploymentId = primary.id();
            revision = primary.taskDefinition();
            events.warn(prefix + "ECS is already rolling back (" + primary.rolloutStateReason() + "): watching deployment "
                    + deploymentId + " of " + HealthGate.revision(revision));
        } else {
            NativeRollback.Started ecsRollback = failedDeployment == null ? null
                    : NativeRollback.start(aws, observer, failedDeployment, failedRevision);
            if (ecsRollback != null) {
                how = NativeRollback.HOW;
                revision = ecsRollback.taskDefinition();
                deploymentId = ecsRollback.deploymentId();
                events.warn(prefix + "stopped deployment " + failedDeployment + " with ROLLBACK: ECS returns to "
                        + HealthGate.revision(revision) + " in deployment " + deploymentId);
            } else if (previous == null) {
                events.warn(prefix + "no previous revision to roll back to");
                return new Rollback("none", null, null, "failed", "no previous revision known", List.of());
            } else {
                how = "update to previous revision";
                revision = previous;
                events.warn(prefix + "rolling back to " + HealthGate.revision(previous));
                Deployment rollback = update(previous, "rollback");
                deploymentId = rollback.id();
                createdAt = rollback.createdAt();
            }
        }
        GateRunner.Outcome back = gate(observer, lease).run(deploymentId, revision, createdAt);
        var images = imagesOf(observer, revision);
        if (back.verdict() == null) {
            history.add(entry("rollback", revision, images, "aborted", "cancelled while the gate waited"));
            return new Rollback(how, deploymentId, revision, "aborted", "cancelled; " + serviceState(observer), List.of());
        }
        String verdict = back.passed() ? "passed" : "failed";
        if (back.passed()) {
            events.warn(prefix + "rolled back: " + back.verdict().reason());
        } else {
            events.warn(prefix + "rollback failed too: " + back.verdict().reason());
        }
        history.add(entry("rollback", revision, images, verdict, back.verdict().reason()));
        return new Rollback(how, deploymentId, revision, verdict, back.verdict().reason(), back.verdict().evidence());
    }

    /**
     * A failed first deploy has no revision to return to: the service is left as ECS leaves it (see
     * docs/deploy.md), so the next deploy's UpdateService replaces the failing revision with the count in place.
     */
    private Rollback firstDeployFailed(ServiceObserver observer) {
        String state = serviceState(observer);
        events.warn(prefix + "first deploy of " + plan.service() + ": no previous revision to roll back to; " + state);
        return new Rollback("none (first deploy)", null, null, "skipped",
                "no previous revision: the service was created by this deploy; " + state, List.of());
    }

    private GateRunner gate(ServiceObserver observer, SsmLease lease) {
        SmokeCheck smoke = plan.smokeUrl() == null ? null : new SmokeCheck(plan.smokeUrl(), plan.smokeStatus(), plan.smokeBody());
        return new GateRunner(observer, plan.gate(), smoke, clock, cancelled, lease::renew, events, prefix);
    }

    /**
     * One deploy per service at a time; the gate renews the lease on every look.
     *
     * @throws MckException (operation failed) when another live run holds it
     */
    private SsmLease lease() {
        String name = plan.parameterPrefix() + "deploy-lease";
        SsmLease.Attempt a = SsmLease.tryAcquire(aws, name, "deploy lease", actor, clock::now);
        if (a.taken()) {
            return a.lease();
        }
        throw new MckException(MckException.Kind.OPERATION_FAILED, a.lostRace()
                ? "another deploy of " + plan.what() + " took the expired lease " + name + " at the same moment; nothing was changed"
                : "another deploy of " + plan.what() + " is running (" + a.owner() + ", lease " + name + " valid until "
                        + a.until() + "); nothing was changed");
    }

    /** The rollback target: what ran before, else the newest revision that passed. */
    private static String previousRevision(Service before, String taskDefinition, List<DeployHistory.Entry> past) {
        if (!taskDefinition.equals(before.taskDefinition())) {
            return before.taskDefinition();
        }
        for (Deployment d : before.deployments()) {
            if (!taskDefinition.equals(d.taskDefinition())) {
                return d.taskDefinition();
            }
        }
        return DeployHistory.lastPassed(past, taskDefinition).orElse(null);
    }

    private String serviceState(ServiceObserver observer) {
        try {
            Service s = observer.describe();
            List<String> parts = new ArrayList<>();
            for (Deployment d : s.deployments()) {
                parts.add(d.status() + " deployment " + d.id() + " of " + HealthGate.revision(d.taskDefinition()) + " "
                        + d.rolloutStateAsString() + " (" + d.runningCount() + "/" + d.desiredCount() + " running)");
            }
            return "service " + plan.service() + ": " + String.join("; ", parts)
                    + "; ECS carries on (its circuit breaker rolls back a failing rollout); run mck deploy again to watch it";
        } catch (RuntimeException e) {
            return "service " + plan.service() + ": state unknown (" + io.magecloudkit.Messages.firstLine(e.getMessage()) + ")";
        }
    }

    /** The revision's images, from the task definition the observer already holds when it has it. */
    private java.util.Map<String, String> imagesOf(ServiceObserver observer, String revision) {
        java.util.Map<String, String> out = new java.util.LinkedHashMap<>();
        observer.taskDefinition(revision).containerDefinitions().forEach(c -> out.put(c.name(), c.image()));
        return out;
    }

    private DeployHistory.Entry entry(String kind, String revision, java.util.Map<String, String> images, String verdict,
            String reason) {
        return entry(kind, revision, images, verdict, reason, null);
    }

    private DeployHistory.Entry entry(String kind, String revision, java.util.Map<String, String> images, String verdict,
            String reason, java.util.Map<String, String> workers) {
        return new DeployHistory.Entry(clock.now().toString(), actor, kind, revision, images, verdict, reason, workers);
    }

    private String smokeWords() {
        return plan.smokeUrl() == null ? "skipped" : plan.smokeUrl().toString();
    }

    private double seconds(Instant from) {
        return Duration.between(from, clock.now()).toMillis() / 1000.0;
    }
}
