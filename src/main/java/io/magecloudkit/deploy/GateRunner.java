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

    private final ServiceObserver observer;
    private final GateSettings settings;
    private final SmokeCheck smoke;
    private final GateClock clock;
    private final BooleanSupplier cancelled;
    private final Runnable onLook;
    private final ProgressLog log;

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

    Outcome run(String deploymentId, String taskDefinition) {
        Instant start = clock.now();
        RolloutTimers timers = timers(taskDefinition);
        RolloutProgress progress = RolloutProgress.NONE;
        Smoke tally = new Smoke();
        int looks = 0;
        Observation last = null;
        try {
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
                Duration wait = PollSchedule.next(last, deploymentId, progress, timers, now, left);
                log.schedule(looks, look.changed(), PollSchedule.phase(last, deploymentId), wait);
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

    /** The rollout's timers; without them (an endpoint or a role that cannot read them) the schedule looks steadily. */
    private RolloutTimers timers(String taskDefinition) {
        try {
            return observer.timers(taskDefinition);
        } catch (MckException | software.amazon.awssdk.core.exception.SdkException e) {
            log.note("could not read the rollout's timers (" + io.magecloudkit.Messages.firstLine(e.getMessage())
                    + "): the gate looks at a steady pace");
            return RolloutTimers.UNKNOWN;
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
