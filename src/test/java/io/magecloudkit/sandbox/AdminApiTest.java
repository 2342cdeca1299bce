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
    void requestLog_namesEachSignedRequest_andWhetherItWrites() {
        try (SandboxFixture f = SandboxFixture.start()) {
            long before = f.lastRequest();
            f.session().ecs().createCluster(r -> r.clusterName("logged"));
            f.session().ecs().describeClusters(r -> r.clusters("logged"));
            f.session().ssm().putParameter(r -> r.name("/logged").value("v").type("SecureString"));
            var requests = f.admin("GET", "requests?after=" + before, null).path("requests");
            assertEquals(3, requests.size(), requests.toString());
            assertEquals("ecs CreateCluster true", line(requests.get(0)));
            assertEquals("ecs DescribeClusters false", line(requests.get(1)));
            assertEquals("ssm PutParameter true", line(requests.get(2)));
            assertEquals(java.util.List.of("ecs CreateCluster", "ssm PutParameter"), f.writesSince(before));
            assertEquals(requests.get(2).path("sequence").asLong(), f.lastRequest());
            assertTrue(!requests.toString().contains("\"v\""), "no request content is kept");
            assertEquals(400, f.adminRaw("GET", "requests?after=x", null).statusCode());
        }
    }

    private static String line(com.fasterxml.jackson.databind.JsonNode r) {
        return r.path("service").asText() + " " + r.path("operation").asText() + " " + r.path("write").asBoolean();
    }

    @Test
    void unknownAdminPath_is404() {
        try (SandboxFixture f = SandboxFixture.start()) {
            assertEquals(404, f.adminRaw("GET", "nope", null).statusCode());
        }
    }
}
