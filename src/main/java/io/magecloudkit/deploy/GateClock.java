package io.magecloudkit.deploy;

import java.time.Duration;
import java.time.Instant;

/**
 * Time as the gate sees it. The system clock in production; tests give a clock that moves the
 * sandbox's simulated time instead of sleeping.
 */
public interface GateClock {
    Instant now();

    void sleep(Duration d) throws InterruptedException;

    GateClock SYSTEM = new GateClock() {
        @Override
        public Instant now() {
            return Instant.now();
        }

        @Override
        public void sleep(Duration d) throws InterruptedException {
            Thread.sleep(d.toMillis());
        }
    };
}
