package io.magecloudkit.demo;

import io.magecloudkit.deploy.GateClock;
import java.time.Duration;
import java.time.Instant;
import java.util.function.DoubleSupplier;
import java.util.function.Supplier;

/**
 * The engine's waits in the sandbox's time: the gate and the release phase poll at their
 * production cadence (2 s, 5 s, ...) of simulated time, so a deploy that the sandbox plays 40
 * times faster is also watched 40 times faster, and the rehearsal keeps AWS's proportions. The
 * speed is read at each wait: the sandbox's clock may change speed between phases.
 */
public final class RehearsalClock implements GateClock {
    private final Supplier<Instant> simulatedNow;
    private final DoubleSupplier speed;

    public RehearsalClock(Supplier<Instant> simulatedNow, DoubleSupplier speed) {
        this.simulatedNow = simulatedNow;
        this.speed = speed;
    }

    @Override
    public Instant now() {
        return simulatedNow.get();
    }

    @Override
    public void sleep(Duration d) throws InterruptedException {
        Thread.sleep(Math.max(1, (long) (d.toMillis() / speed.getAsDouble())));
    }

    /** A real-time duration this clock's polls take for {@code simulated}. */
    public Duration real(Duration simulated) {
        return Duration.ofMillis(Math.max(1, (long) (simulated.toMillis() / speed.getAsDouble())));
    }
}
