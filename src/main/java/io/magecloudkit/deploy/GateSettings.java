package io.magecloudkit.deploy;

import java.time.Duration;

/**
 * What the health gate demands.
 *
 * @param stoppedTaskThreshold new tasks failing to start that fail the gate (counted, not a percentage)
 * @param timeout              the longest the gate waits
 * @param checkTargets         whether the app has a target group whose health counts
 * @param smokePasses          consecutive passing smoke answers needed; 0 when the smoke check is off
 * @param smokeFailLimit       consecutive failing smoke answers, once only new tasks serve, that fail the gate
 */
public record GateSettings(int stoppedTaskThreshold, Duration timeout, boolean checkTargets, int smokePasses,
        int smokeFailLimit) {

    public boolean smokeCheck() {
        return smokePasses > 0;
    }
}
