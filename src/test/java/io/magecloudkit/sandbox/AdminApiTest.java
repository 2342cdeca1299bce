package io.magecloudkit.sandbox;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import org.junit.jupiter.api.Test;

/** The admin API under /_sandbox/: health, clock, reset, and its errors. */
class AdminApiTest {
    @Test
    void clockAdvance_movesSimulatedTime() {
        try (SandboxFixture f = SandboxFixture.builder().sandbox(c -> c.speed(0.001)).start()) {
            Instant before = Instant.parse(f.admin("GET", "health", null).path("time").asText());
            Instant after = Instant.parse(f.admin("POST", "clock/advance", "{\"seconds\": 3600}").path("time").asText());
            assertTrue(after.isAfter(before.plusSeconds(3599)), before + " -> " + after);
            assertEquals(400, f.adminRaw("POST", "clock/advance", "{\"seconds\": -1}").statusCode());
        }
    }

    @org.junit.jupiter.params.ParameterizedTest
    @org.junit.jupiter.params.provider.ValueSource(strings = {"1e300", "9223372036854775807", "300000000000"})
    void clockAdvancePastWhatTheClockCanHold_isRefusedAndTheClockKeepsWorking(String seconds) {
        try (SandboxFixture f = SandboxFixture.builder().sandbox(c -> c.speed(0.001)).start()) {
            Instant before = Instant.parse(f.admin("GET", "health", null).path("time").asText());
            var refused = f.adminRaw("POST", "clock/advance", "{\"seconds\": " + seconds + "}");
            assertEquals(400, refused.statusCode(), refused.body());
            assertTrue(refused.body().contains("cannot advance the clock by") && refused.body().contains("9999-12-31T23:59:59Z"), refused.body());
            Instant after = Instant.parse(f.admin("POST", "clock/advance", "{\"seconds\": 60}").path("time").asText());
            assertTrue(after.isAfter(before.plusSeconds(59)) && after.isBefore(before.plusSeconds(3600)), before + " -> " + after);
            assertTrue(f.session().ecs().listTaskDefinitions().taskDefinitionArns().isEmpty(), "the simulations still tick");
        }
    }

    @Test
    void reset_dropsAllState() {
        try (SandboxFixture f = SandboxFixture.start()) {
            f.session().ecs().createCluster(r -> r.clusterName("gone-soon"));
            f.admin("POST", "reset", "");
            assertEquals("MISSING", f.session().ecs().describeClusters(r -> r.clusters("gone-soon")).failures().get(0).reason());
        }
    }

    @Test
    void unknownAdminPath_is404() {
        try (SandboxFixture f = SandboxFixture.start()) {
            assertEquals(404, f.adminRaw("GET", "nope", null).statusCode());
        }
    }
}
