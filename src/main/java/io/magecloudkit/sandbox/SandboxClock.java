package io.magecloudkit.sandbox;

import java.time.Duration;
import java.time.Instant;

/**
 * The sandbox's notion of time. Simulated time runs {@code speed} times faster than the
 * wall clock and can be pushed forward at once with {@link #advance}, so a scenario that
 * takes ten minutes on AWS (health-check grace periods, circuit breakers, stack
 * creation) takes well under a second in a test without any sleep.
 */
public final class SandboxClock {
    private double speed;
    private long startNanos;
    private Instant startInstant;
    private long advancedMillis;

    public SandboxClock(double speed) {
        this(speed, Instant.now());
    }

    public SandboxClock(double speed, Instant start) {
        if (!(speed > 0) || Double.isInfinite(speed)) {
            throw new IllegalArgumentException("speed must be a positive number, got " + speed);
        }
        this.speed = speed;
        this.startNanos = System.nanoTime();
        this.startInstant = start;
    }

    public synchronized double speed() {
        return speed;
    }

    /**
     * Runs simulated time at another speed from now on; time already passed stays as it was (a
     * rehearsal can play a 15-minute stack create faster than the deploy it then watches).
     */
    public synchronized void speed(double newSpeed) {
        if (!(newSpeed > 0) || Double.isInfinite(newSpeed)) {
            throw new IllegalArgumentException("speed must be a positive number, got " + newSpeed);
        }
        Instant now = now();
        startNanos = System.nanoTime();
        startInstant = now;
        advancedMillis = 0;
        speed = newSpeed;
    }

    public synchronized Instant now() {
        long realMillis = (System.nanoTime() - startNanos) / 1_000_000L;
        return startInstant.plusMillis((long) (realMillis * speed) + advancedMillis);
    }

    /**
     * Moves simulated time forward at once; simulations catch up on their next tick.
     *
     * @throws IllegalArgumentException when {@code by} is negative or would take the clock past {@link #LATEST}
     */
    public synchronized void advance(Duration by) {
        if (by.isNegative()) {
            throw new IllegalArgumentException("time only moves forward: " + by);
        }
        try {
            long total = Math.addExact(advancedMillis, by.toMillis());
            if (now().plusMillis(by.toMillis()).isAfter(LATEST)) {
                throw new ArithmeticException();
            }
            advancedMillis = total;
        } catch (ArithmeticException | java.time.DateTimeException e) {
            throw new IllegalArgumentException("cannot advance the clock by " + by.toSeconds() + " s: it would pass " + LATEST
                    + ", the latest time the sandbox keeps", e);
        }
    }

    /** The latest simulated time: timestamps stay four-digit years, as AWS renders them, and fit the saved epoch milliseconds. */
    public static final Instant LATEST = Instant.parse("9999-12-31T23:59:59Z");
}
