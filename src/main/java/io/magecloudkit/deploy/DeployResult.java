package io.magecloudkit.deploy;

import java.util.List;
import java.util.Map;

/** What a deploy (or rollback) did, per app; the CLI writes it as the JSON result. */
public record DeployResult(String environment, List<AppResult> apps) {

    public DeployResult {
        apps = List.copyOf(apps);
    }

    /** An app whose deploy stopped with an error before a verdict (e.g. its lease was held). */
    static AppResult failedBeforeGate(AppPlan plan, String message) {
        return new AppResult(plan.app(), plan.cluster(), plan.service(), "failed", message, null, null, false, null,
                plan.images(), plan.smokeUrl() == null ? "skipped" : plan.smokeUrl().toString(), null, List.of(), null,
                List.of(), null);
    }

    public boolean succeeded() {
        return apps.stream().allMatch(a -> "passed".equals(a.verdict()));
    }

    /**
     * One app.
     *
     * @param verdict              passed, failed or aborted
     * @param reason               the gate's reason
     * @param deploymentId         the ECS deployment this run watched
     * @param taskDefinition       the revision this run put into service
     * @param reusedTaskDefinition true when an identical newest revision was reused
     * @param previousTaskDefinition the revision in service before, the rollback target
     * @param smokeCheck           the URL asked, or "skipped"
     * @param evidence             on failure: stopped tasks with exit codes, target problems, smoke answers
     * @param rollback             what happened after a failure; null when none was needed
     * @param deregistered         revisions deregistered after success
     * @param serviceState         when aborted: what the service was doing
     * @param release              the release phase's one-off tasks (command, exit code, output tail); empty when none ran
     * @param workers              the cron and consumer services this deploy created or updated; empty when none
     * @param cronPause            how the workers were paused around setup:upgrade; null when they were not
     */
    public record AppResult(String app, String cluster, String service, String verdict, String reason, String deploymentId,
            String taskDefinition, boolean reusedTaskDefinition, String previousTaskDefinition, Map<String, String> images,
            String smokeCheck, Timings timings, List<String> evidence, Rollback rollback, List<String> deregistered,
            String serviceState, List<OneOffTask.Result> release, List<WorkerResult> workers, CronPause.Report cronPause) {

        public AppResult {
            release = release == null ? List.of() : List.copyOf(release);
            workers = workers == null ? List.of() : List.copyOf(workers);
        }

        public AppResult(String app, String cluster, String service, String verdict, String reason, String deploymentId,
                String taskDefinition, boolean reusedTaskDefinition, String previousTaskDefinition, Map<String, String> images,
                String smokeCheck, Timings timings, List<String> evidence, Rollback rollback, List<String> deregistered,
                String serviceState, List<OneOffTask.Result> release) {
            this(app, cluster, service, verdict, reason, deploymentId, taskDefinition, reusedTaskDefinition,
                    previousTaskDefinition, images, smokeCheck, timings, evidence, rollback, deregistered, serviceState, release,
                    List.of(), null);
        }

        public AppResult(String app, String cluster, String service, String verdict, String reason, String deploymentId,
                String taskDefinition, boolean reusedTaskDefinition, String previousTaskDefinition, Map<String, String> images,
                String smokeCheck, Timings timings, List<String> evidence, Rollback rollback, List<String> deregistered,
                String serviceState) {
            this(app, cluster, service, verdict, reason, deploymentId, taskDefinition, reusedTaskDefinition,
                    previousTaskDefinition, images, smokeCheck, timings, evidence, rollback, deregistered, serviceState, List.of());
        }

        AppResult withRelease(List<OneOffTask.Result> tasks) {
            return new AppResult(app, cluster, service, verdict, reason, deploymentId, taskDefinition, reusedTaskDefinition,
                    previousTaskDefinition, images, smokeCheck, timings, evidence, rollback, deregistered, serviceState, tasks,
                    workers, cronPause);
        }

        AppResult withWorkers(List<WorkerResult> applied, CronPause.Report pause) {
            return new AppResult(app, cluster, service, verdict, reason, deploymentId, taskDefinition, reusedTaskDefinition,
                    previousTaskDefinition, images, smokeCheck, timings, evidence, rollback, deregistered, serviceState, release,
                    applied, pause);
        }
    }

    /**
     * A cron or consumer service after the deploy, with its own gate's verdict.
     *
     * @param action                 {@code created}, {@code updated}, {@code unchanged}, {@code not created} (off and
     *                               absent), {@code rolled back} (mck rollback), or {@code failed: <why>} (the call failed)
     * @param deploymentId           the ECS deployment its gate watched; null when there was none to watch
     * @param previousTaskDefinition the revision it ran before this deploy; null when this deploy created it
     * @param previousDesiredCount   its desired count before this deploy; null when this deploy created it
     * @param verdict                passed, failed, aborted, or "not gated" (no service, so nothing to watch)
     * @param reason                 its gate's reason
     * @param evidence               on failure: stopped tasks with exit codes, ECS's reason
     * @param rollback               how it was put back when the app's deploy failed; null when it was not
     */
    public record WorkerResult(String role, String service, String taskDefinition, boolean reusedTaskDefinition, String action,
            int desiredCount, String deploymentId, String previousTaskDefinition, Integer previousDesiredCount, String verdict,
            String reason, List<String> evidence, Rollback rollback) {

        public WorkerResult {
            evidence = evidence == null ? List.of() : List.copyOf(evidence);
        }

        /** Applied, not judged yet. */
        WorkerResult(String role, String service, String taskDefinition, boolean reusedTaskDefinition, String action,
                int desiredCount, String deploymentId, String previousTaskDefinition, Integer previousDesiredCount) {
            this(role, service, taskDefinition, reusedTaskDefinition, action, desiredCount, deploymentId, previousTaskDefinition,
                    previousDesiredCount, null, null, List.of(), null);
        }

        WorkerResult judged(String verdict, String reason, List<String> evidence) {
            return new WorkerResult(role, service, taskDefinition, reusedTaskDefinition, action, desiredCount, deploymentId,
                    previousTaskDefinition, previousDesiredCount, verdict, reason, evidence, rollback);
        }

        WorkerResult rolledBack(Rollback how) {
            return new WorkerResult(role, service, taskDefinition, reusedTaskDefinition, action, desiredCount, deploymentId,
                    previousTaskDefinition, previousDesiredCount, verdict, reason, evidence, how);
        }

        boolean passed() {
            return "passed".equals(verdict) || "not gated".equals(verdict);
        }
    }

    /** Seconds from the start of this app's deploy; the gate's share of it. */
    public record Timings(String startedAt, double gateSeconds, double totalSeconds) {
    }

    /**
     * @param how      "update to previous revision", "circuit breaker rollback", or "skipped (--no-rollback)"
     * @param verdict  passed, failed, aborted, or skipped
     */
    public record Rollback(String how, String deploymentId, String taskDefinition, String verdict, String reason,
            List<String> evidence) {
    }
}
