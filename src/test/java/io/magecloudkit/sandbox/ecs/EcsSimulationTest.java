package io.magecloudkit.sandbox.ecs;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** The scheduler's pure rules, without HTTP. */
class EcsSimulationTest {
    @Test
    void circuitBreakerThreshold_isHalfTheDesiredCount_between3And200() {
        assertEquals(3, EcsSimulation.circuitBreakerThreshold(1));
        assertEquals(3, EcsSimulation.circuitBreakerThreshold(6));
        assertEquals(4, EcsSimulation.circuitBreakerThreshold(7));
        assertEquals(50, EcsSimulation.circuitBreakerThreshold(100));
        assertEquals(200, EcsSimulation.circuitBreakerThreshold(1000));
    }
}
