package io.magecloudkit.deploy;

import io.magecloudkit.EventSink;
import io.magecloudkit.deploy.ReleaseDecision.Maintenance;
import io.magecloudkit.deploy.ReleaseDecision.Step;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Magento's release phase, between registering the task definition and updating the service:
 * {@code setup:db:status} decides whether {@code setup:upgrade} runs, with maintenance mode around it
 * as configured. Maintenance mode is disabled on every path, and also when a previous run that was
 * killed may have left it enabled, once that run's upgrade (if ECS still runs it) has finished.
 * The app's cron and consumers are paused for setup:upgrade and resumed after it on every path
 * ({@link CronPause}).
 */
final class ReleasePhase {
    static final String CONTAINER = "php-fpm";
    static final List<String> STATUS = List.of("bin/magento", "setup:db:status");
    static final List<String> UPGRADE = List.of("bin/magento", "setup:upgrade", "--keep-generated");
    static final List<String> ENABLE = List.of("bin/magento", "maintenance:enable");
    static final List<String> DISABLE = List.of("bin/magento", "maintenance:disable");
    private static final Duration TIMEOUT = Duration.ofHours(1);

    /** @param failure why the deploy must stop before the service changes; null when it may go on */
    record Outcome(String failure, List<OneOffTask.Result> tasks) {
    }

    private final OneOffTask runner;
    private final Maintenance maintenance;
    private final EventSink events;
    private final String prefix;
    private final CronPause cron;

    ReleasePhase(OneOffTask runner, Maintenance maintenance, EventSink events, String prefix) {
        this(runner, maintenance, events, prefix, null);
    }

    /** @param cron pauses the app's cron and consumers around setup:upgrade; null when it has none */
    ReleasePhase(OneOffTask runner, Maintenance maintenance, EventSink events, String prefix, CronPause cron) {
        this.runner = runner;
        this.maintenance = maintenance;
        this.events = events;
        this.prefix = prefix;
        this.cron = cron;
    }

    Outcome run(String taskDefinition) {
        List<OneOffTask.Result> tasks = new ArrayList<>();
        // A killed run's upgrade that ECS still runs: a second upgrade beside it, or disabling maintenance
        // under it, would be worse than waiting. If it outlives this run, maintenance stays as it set it.
        var earlier = runner.awaitEarlier(taskDefinition, CONTAINER, UPGRADE, TIMEOUT);
        earlier.ifPresent(e -> tasks.add(e.result()));
        if (earlier.isPresent() && earlier.get().stillRunning()) {
            String failure = "an earlier run's setup:upgrade still runs (" + earlier.get().result().taskArn() + "): "
                    + earlier.get().result().stoppedReason();
            events.warn(prefix + "release phase stopped: " + failure + "; the service is left as it was");
            return new Outcome(failure, tasks);
        }
        String failure = null;
        try {
            OneOffTask.Result status = run(tasks, taskDefinition, STATUS);
            Step step = ReleaseDecision.afterStatus(status.exitCode());
            if (step == Step.STOP) {
                failure = status.exitCode() == null ? "setup:db:status could not run: " + status.stoppedReason()
                        : "setup:db:status exited " + status.exitCode();
                return new Outcome(failure, tasks);
            }
            if (step == Step.UPGRADE && cron != null) {
                failure = cron.pause();
                if (failure != null) {
                    return new Outcome(failure, tasks);
                }
            }
            if (ReleaseDecision.enableMaintenance(maintenance, step)) {
                OneOffTask.Result enable = run(tasks, taskDefinition, ENABLE);
                if (!Integer.valueOf(0).equals(enable.exitCode())) {
                    failure = "maintenance:enable failed: " + describe(enable);
                    return new Outcome(failure, tasks);
                }
            }
            if (step == Step.UPGRADE) {
                OneOffTask.Result upgrade = run(tasks, taskDefinition, UPGRADE);
                if (!Integer.valueOf(0).equals(upgrade.exitCode())) {
                    failure = "setup:upgrade failed: " + describe(upgrade);
                    return new Outcome(failure, tasks);
                }
            } else {
                events.info(prefix + "database is up to date: no setup:upgrade needed");
            }
            return new Outcome(null, tasks);
        } finally {
            if (ReleaseDecision.disableAtEnd(maintenance)) {
                disable(tasks, taskDefinition);
            }
            if (cron != null) {
                resume();
            }
            if (failure != null) {
                events.warn(prefix + "release phase failed: " + failure + "; the service is left as it was");
            }
        }
    }

    /** Runs even when the upgrade failed; a failure to disable is reported, never hidden. */
    private void disable(List<OneOffTask.Result> tasks, String taskDefinition) {
        try {
            OneOffTask.Result r = runner.uncancellable().run(taskDefinition, CONTAINER, DISABLE, TIMEOUT);
            tasks.add(r);
            if (!Integer.valueOf(0).equals(r.exitCode())) {
                events.warn(prefix + "maintenance:disable failed (" + describe(r) + "): run mck run -- bin/magento maintenance:disable");
            }
        } catch (RuntimeException e) {
            events.warn(prefix + "maintenance:disable could not run (" + io.magecloudkit.Messages.firstLine(e.getMessage())
                    + "): run mck run -- bin/magento maintenance:disable");
        }
    }

    /** Runs after maintenance:disable, whatever happened before; a failure is reported, never hidden. */
    private void resume() {
        try {
            cron.resume();
        } catch (RuntimeException e) {
            events.warn(prefix + "cron could not be resumed (" + io.magecloudkit.Messages.firstLine(e.getMessage())
                    + "): the next mck deploy restores it");
        }
    }

    private OneOffTask.Result run(List<OneOffTask.Result> tasks, String taskDefinition, List<String> command) {
        OneOffTask.Result r = runner.run(taskDefinition, CONTAINER, command, TIMEOUT);
        tasks.add(r);
        return r;
    }

    private static String describe(OneOffTask.Result r) {
        return r.exitCode() == null ? "not run: " + r.stoppedReason() : "exit " + r.exitCode();
    }
}
