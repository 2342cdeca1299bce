package io.magecloudkit.deploy;

import io.magecloudkit.EventSink;
import io.magecloudkit.MckException;
import java.time.Duration;
import java.time.Instant;
import java.util.function.BooleanSupplier;

/**
 * The gate's loop: look, judge, print what changed, wait as {@link PollSchedule} says from the rollout's
 * timers; while it waits and only new tasks serve, ask the smoke check once a second until it has
 * its passes. Until a verdict, the timeout, or a cancellation (SIGTERM).
 */
final class GateRunner {
    /** The smoke check asks at most this often. */
    static final Duration SMOKE_EVERY = Duration.ofSeconds(1);
    /**
     * How far ECS's clock (the deployment's creation time in UpdateService's answer) may be from this machine's
     * for the gate to time its looks by ECS's timestamps. Real endpoints are within a second or so; a sandbox
     * whose clock runs faster than this machine's is not.
     */
    static final Duration CLOCK_TOLERANCE = Duration.ofSeconds(10);

    private final ServiceObserver observer;
    private final GateSettings settings;
    private final SmokeCheck smoke;
    private final GateClock clock;
    private final BooleanSupplier cancelled;
    private final Runnable onLook;
    private final ProgressLog log;
    /** Set when ECS's clock and this machine's disagree: no timer can be trusted, the gate looks at a steady pace. */
    private boolean steady;

    /**
     * @param smoke  null when the smoke check is off
     * @param onLook runs after every look (renews the deploy lease)
     */
    GateRunner(ServiceObserver observer, GateSettings settings, SmokeCheck smoke, GateClock clock, BooleanSupplier cancelled,
            Runnable onLook, EventSink events, String prefix) {
        this.observer = observer;
        this.settings = settings;
        this.smoke = smoke;
        this.clock = clock;
        this.cancelled = cancelled;
        this.onLook = onLook;
        this.log = new ProgressLog(events, prefix);
    }

    /** How a gate ended. {@code verdict} is null when it was cancelled. */
    record Outcome(Verdict verdict, Observation last, Duration took, int looks) {
        boolean passed() {
            return verdict != null && verdict.outcome() == Verdict.Outcome.PASS;
        }
    }

    /** One gate run's smoke-check tally. */
    private static final class Smoke {
        int passes;
        int failures;
        String lastAnswer;
        Instant askedAt;

        Observation.SmokeView view() {
            return passes == 0 && failures == 0 ? null : new Observation.SmokeView(passes, failures, lastAnswer);
        }
    }

    /** Watches a deployment whose creation time is not at hand: the first look comes at once. */
    Outcome run(String deploymentId, String taskDefinition) {
        return run(deploymentId, taskDefinition, null);
    }

    /**
     * @param createdAt when ECS created the deployment (UpdateService's answer); null when unknown: the first
     *                  look comes at once
     */
    Outcome run(String deploymentId, String taskDefinition, Instant createdAt) {
        Instant start = clock.now();
        RolloutProgress progress = RolloutProgress.NONE;
        Smoke tally = new Smoke();
        int looks = 0;
        Observation last = null;
        try {
            if (createdAt != null && Duration.between(createdAt, start).abs().compareTo(CLOCK_TOLERANCE) > 0) {
                steady = true;
                log.debug("ECS's clock is " + Durations.words(Duration.between(start, createdAt).abs()) + " off this machine's:"
                        + " the gate cannot time its looks by its timestamps and looks at a steady pace");
            }
            // UpdateService's answer showed the deployment: nothing can have started (or failed) before the launch time.
            Duration first = PollSchedule.first(createdAt, timers(taskDefinition, PollSchedule.Need.LAUNCH), start,
                    settings.timeout());
            if (!first.isZero()) {
                log.firstLook(first);
                if (!sleep(start.plus(first))) {
                    return new Outcome(null, null, Duration.between(start, clock.now()), 0);
                }
            }
            while (true) {
                if (cancelled.getAsBoolean()) {
                    return new Outcome(null, last, Duration.between(start, clock.now()), looks);
                }
                Instant now = clock.now();
                ServiceObserver.Look look = observer.look(deploymentId, taskDefinition, tally.view(), now);
                looks++;
                if (look.changed()) {
                    progress = progress.next(last, look.observation(), deploymentId,
                            look.newestEventAt() != null && look.newestEventAt().isBefore(now) ? look.newestEventAt() : now);
                }
                last = look.observation();
                if (look.note() != null) {
                    log.note(look.note());
                }
                Verdict verdict = HealthGate.judge(settings, deploymentId, taskDefinition, last, Duration.between(start, now));
                log.show(last, deploymentId, look.newEvents(), verdict);
                onLook.run();
                Duration left = settings.timeout().minus(Duration.between(start, now));
                PollSchedule.Phase phase = PollSchedule.phase(last, deploymentId);
                RolloutTimers timers = verdict.done() ? null : timers(taskDefinition, PollSchedule.needs(phase));
                Duration wait = verdict.done() ? Duration.ZERO
                        : PollSchedule.next(last, deploymentId, progress, timers, stopsLeft(last), now, left);
                log.schedule(looks, look.changed(), phase, wait);
                // The smoke check is asked while the gate waits for its next look, as soon as it is due.
                Instant lookAgain = now.plus(wait);
                while (!verdict.done()) {
                    if (smokeDue(tally, deploymentId, last)) {
                        last = ask(tally, last);
                        verdict = HealthGate.judge(settings, deploymentId, taskDefinition, last, Duration.between(start, clock.now()));
                        if (verdict.done()) {
                            break;
                        }
                    }
                    Duration remaining = Duration.between(clock.now(), lookAgain);
                    if (remaining.isZero() || remaining.isNegative() || cancelled.getAsBoolean()) {
                        break;
                    }
                    clock.sleep(remaining.compareTo(SMOKE_EVERY) > 0 ? SMOKE_EVERY : remaining);
                }
                if (verdict.done()) {
                    return new Outcome(verdict, last, Duration.between(start, clock.now()), looks);
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Outcome(null, last, Duration.between(start, clock.now()), looks);
        }
    }

    /** Sleeps until {@code until} in steps a cancellation can cut short; false when cancelled. */
    private boolean sleep(Instant until) throws InterruptedException {
        while (true) {
            if (cancelled.getAsBoolean()) {
                return false;
            }
            Duration remaining = Duration.between(clock.now(), until);
            if (remaining.isZero() || remaining.isNegative()) {
                return true;
            }
            clock.sleep(remaining.compareTo(SMOKE_EVERY) > 0 ? SMOKE_EVERY : remaining);
        }
    }

    /** New tasks that may still stop (failing) unseen: the next look then fails the gate with no more than the threshold. */
    private int stopsLeft(Observation o) {
        long failed = o.stoppedNewTasks().stream().filter(t -> HealthGate.FAILURE_STOP_CODES.contains(t.stopCode())).count();
        return (int) Math.max(0, settings.stoppedTaskThreshold() - failed);
    }

    /** The rollout's timers; without them (an endpoint or a role that cannot read them) the schedule looks steadily. */
    private RolloutTimers timers(String taskDefinition, PollSchedule.Need need) {
        if (steady) {
            return RolloutTimers.UNKNOWN;
        }
        try {
            return observer.timers(taskDefinition, need);
        } catch (MckException | software.amazon.awssdk.core.exception.SdkException e) {
            log.note("could not read the rollout's timers (" + io.magecloudkit.Messages.firstLine(e.getMessage())
                    + "): the gate looks at a steady pace");
            return observer.unreadable();
        }
    }

    private boolean smokeDue(Smoke tally, String deploymentId, Observation o) {
        return smoke != null && tally.passes < settings.smokePasses() && HealthGate.smokeDue(settings, deploymentId, o)
                && (tally.askedAt == null || !clock.now().isBefore(tally.askedAt.plus(SMOKE_EVERY)));
    }

    private Observation ask(Smoke tally, Observation o) throws InterruptedException {
        tally.askedAt = clock.now();
        SmokeCheck.Answer answer = smoke.ask();
        if (answer.passed()) {
            tally.passes++;
            tally.failures = 0;
        } else {
            tally.passes = 0;
            tally.failures++;
        }
        tally.lastAnswer = answer.words();
        log.smoke(tally.passes, settings.smokePasses(), answer);
        return o.withSmoke(tally.view());
    }
}
