package io.magecloudkit.sandbox.ecs.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The deployment circuit breaker's threshold, min(max(3, ceil(desired / 2)), 200), and when it trips. */
class CircuitBreakerThresholdTest {

    @ParameterizedTest(name = "desired {0}: threshold {1}")
    @CsvSource({"0, 3", "1, 3", "6, 3", "7, 4", "8, 4", "100, 50", "399, 200", "400, 200", "1000, 200"})
    void threshold(int desired, int expected) {
        assertEquals(expected, CircuitBreaker.threshold(desired));
    }

    @ParameterizedTest(name = "enabled {0}, in progress {1}, failed {2} of desired {3}: trips {4}")
    @CsvSource({
            "true,  true,  3, 2,  true",
            "true,  true,  2, 2,  false",
            "true,  true,  4, 8,  true",
            "true,  true,  3, 8,  false",
            "false, true,  9, 2,  false",
            "true,  false, 9, 2,  false",
    })
    void trips(boolean enabled, boolean inProgress, int failed, int desired, boolean expected) {
        assertEquals(expected, CircuitBreaker.trips(enabled, inProgress, failed, desired));
    }
}
