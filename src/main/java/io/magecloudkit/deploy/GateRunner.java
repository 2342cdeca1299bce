package io.magecloudkit.deploy;

import io.magecloudkit.EventSink;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.function.BooleanSupplier;

/**
 * The gate's loop: look, judge, print what changed, ask the smoke check when only new tasks serve,
 * wait by {@link PollSchedule}; until a verdict, the timeout, or a cancellation (SIGTERM).
 */
final class GateRunner {
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

    Outcome run(String deploymentId, String taskDefinition) {
        Instant start = clock.now();
        int passes = 0;
        int failures = 0;
        String lastAnswer = null;
        int looks = 0;
        Observation last = null;
        while (true) {
            if (cancelled.getAsBoolean()) {
                return new Outcome(null, last, Duration.between(start, clock.now()), looks);
            }
            Duration elapsed = Duration.between(start, clock.now());
            Observation.SmokeView smokeView = smoke == null || (passes == 0 && failures == 0) ? null
                    : new Observation.SmokeView(passes, failures, lastAnswer);
            ServiceObserver.Look look = observer.look(deploymentId, taskDefinition, smokeView, clock.now());
            looks++;
            last = look.observation();
            if (look.note() != null) {
                log.note(look.note());
            }
            Verdict verdict = HealthGate.judge(settings, deploymentId, taskDefinition, last, elapsed);
            log.show(last, deploymentId, look.newEvents(), verdict);
            if (verdict.outcome() == Verdict.Outcome.WAIT && smoke != null && passes < settings.smokePasses()
                    && HealthGate.smokeDue(settings, deploymentId, last)) {
                SmokeCheck.Answer answer;
                try {
                    answer = smoke.ask();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return new Outcome(null, last, Duration.between(start, clock.now()), looks);
                }
                if (answer.passed()) {
                    passes++;
                    failures = 0;
                } else {
                    passes = 0;
                    failures++;
                }
                lastAnswer = answer.words();
                log.smoke(passes, settings.smokePasses(), answer);
                last = last.withSmoke(new Observation.SmokeView(passes, failures, lastAnswer));
                verdict = HealthGate.judge(settings, deploymentId, taskDefinition, last, elapsed);
            }
            onLook.run();
            if (verdict.done()) {
                return new Outcome(verdict, last, Duration.between(start, clock.now()), looks);
            }
            try {
                pause(PollSchedule.interval(elapsed));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return new Outcome(null, last, Duration.between(start, clock.now()), looks);
            }
        }
    }


    /** Waits in steps of at most a second, so a cancellation (SIGTERM) is seen within one. */
    private void pause(Duration d) throws InterruptedException {
        Duration left = d;
        while (!left.isZero() && !left.isNegative() && !cancelled.getAsBoolean()) {
            Duration step = left.compareTo(Duration.ofSeconds(1)) > 0 ? Duration.ofSeconds(1) : left;
            clock.sleep(step);
            left = left.minus(step);
        }
    }
}
