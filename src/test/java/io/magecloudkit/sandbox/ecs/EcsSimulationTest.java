package io.magecloudkit.sandbox.ecs;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.magecloudkit.sandbox.SandboxClock;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** The scheduler's rules, without HTTP. */
class EcsSimulationTest {
    static final ObjectMapper JSON = new ObjectMapper();

    final SandboxClock clock = new SandboxClock(0.000001, Instant.parse("2026-01-01T00:00:00Z"));
    final EcsState state = new EcsState();
    final EcsSimulation sim = new EcsSimulation(state, "us-east-1", "000000000000", (family, images) -> TaskFault.NONE, arn -> null);
    final EcsApi api = new EcsApi(sim, clock);

    @Test
    void circuitBreakerThreshold_isHalfTheDesiredCount_between3And200() {
        assertEquals(3, EcsSimulation.circuitBreakerThreshold(1));
        assertEquals(3, EcsSimulation.circuitBreakerThreshold(6));
        assertEquals(4, EcsSimulation.circuitBreakerThreshold(7));
        assertEquals(50, EcsSimulation.circuitBreakerThreshold(100));
        assertEquals(200, EcsSimulation.circuitBreakerThreshold(1000));
    }

    private void advance(int seconds) {
        clock.advance(Duration.ofSeconds(seconds));
        sim.tick(clock.now());
    }

    private ObjectNode request(String json) {
        try {
            return (ObjectNode) JSON.readTree(json);
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    private long active(String deploymentId) {
        return state.tasks.values().stream().filter(t -> t.active() && deploymentId.equals(t.deploymentId)).count();
    }

    @Test
    void maximumPercent100_stopsBeforeItStarts() {
        sim.tick(clock.now());
        api.createCluster("c", JSON.createArrayNode());
        api.registerTaskDefinition(request("{\"family\":\"f\",\"containerDefinitions\":[{\"name\":\"a\",\"image\":\"a:1\"}]}"), 0);
        EcsState.Service s = api.createService(request("{\"cluster\":\"c\",\"serviceName\":\"s\",\"taskDefinition\":\"f\","
                + "\"desiredCount\":4,\"deploymentConfiguration\":{\"minimumHealthyPercent\":50,\"maximumPercent\":100}}"));
        advance(10);
        String first = s.deployments.get(0).id;
        assertEquals(4, active(first));
        assertEquals("COMPLETED", s.deployments.get(0).rolloutState);

        api.registerTaskDefinition(request("{\"family\":\"f\",\"containerDefinitions\":[{\"name\":\"a\",\"image\":\"a:2\"}]}"), 0);
        api.updateService(request("{\"cluster\":\"c\",\"service\":\"s\",\"taskDefinition\":\"f\"}"));
        String second = s.deployments.get(0).id;
        advance(1);
        // At most 4 tasks at any time and at least 2 healthy: two old ones stop, two new ones start.
        assertEquals(2, active(first));
        assertEquals(2, active(second));
        advance(5);
        // The new ones run; the last two old ones make room for the rest.
        advance(10);
        assertEquals(0, active(first));
        assertEquals(4, active(second));
        assertEquals("COMPLETED", s.deployments.get(0).rolloutState);
        assertEquals(1, s.deployments.size());
    }
}
