package io.magecloudkit.sandbox.ecs;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.magecloudkit.sandbox.SandboxClock;
import io.magecloudkit.sandbox.ecs.LaunchTimings;
import io.magecloudkit.sandbox.ecs.control.EcsControlPlane;
import io.magecloudkit.sandbox.ecs.control.EcsRequests;
import io.magecloudkit.sandbox.ecs.sim.EcsScheduler;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The scheduler's rules through the typed control plane, without HTTP. */
class EcsSchedulerTest {
    static final ObjectMapper JSON = new ObjectMapper();

    final SandboxClock clock = new SandboxClock(0.000001, Instant.parse("2026-01-01T00:00:00Z"));
    final EcsState state = new EcsState();
    final EcsIds ids = new EcsIds(state, "us-east-1", "000000000000");
    final EcsScheduler scheduler = new EcsScheduler(state, ids, (family, images, service) -> TaskFault.NONE, arn -> null);
    final EcsControlPlane ecs = new EcsControlPlane(state, ids, scheduler, clock);

    private void advance(int seconds) {
        clock.advance(Duration.ofSeconds(seconds));
        scheduler.tick(clock.now());
    }

    private void register(String image) {
        ObjectNode definition = JSON.createObjectNode();
        definition.putArray("containerDefinitions").addObject().put("name", "a").put("image", image);
        ecs.taskDefinitions().register(new EcsRequests.RegisterTaskDefinition("f", definition, List.of()));
    }

    /** Provisioning, image pull and container start at the default launch timings. */
    static final int LAUNCH_SECONDS = LaunchTimings.DEFAULT_PROVISIONING_SECONDS + LaunchTimings.DEFAULT_PULL_SECONDS
            + LaunchTimings.DEFAULT_START_SECONDS;

    private long active(String deploymentId) {
        return state.tasks.values().stream().filter(t -> t.active() && deploymentId.equals(t.deploymentId)).count();
    }

    @Test
    void maximumPercent100_stopsBeforeItStarts() {
        scheduler.tick(clock.now());
        ecs.clusters().create(new EcsRequests.CreateCluster("c", List.of()));
        register("a:1");
        EcsState.Service s = ecs.services().create(new EcsRequests.CreateService("c", "s", "f", 4, null,
                new EcsRequests.DeploymentConfiguration(50, 100, null), null, List.of(), null, List.of())).service();
        // The four tasks are placed a second apart.
        advance(LAUNCH_SECONDS + 4);
        String first = s.deployments.get(0).id;
        assertEquals(4, active(first));
        assertEquals(EcsState.RolloutState.COMPLETED, s.deployments.get(0).rolloutState);

        register("a:2");
        ecs.services().update(new EcsRequests.UpdateService("c", "s", "f", null, false, null, null, null, null));
        String second = s.deployments.get(0).id;
        advance(1);
        // At most 4 tasks at any time and at least 2 healthy: two old ones stop, two new ones start.
        assertEquals(2, active(first));
        assertEquals(2, active(second));
        advance(LAUNCH_SECONDS);
        // The new ones run; the last two old ones make room for the rest.
        advance(LAUNCH_SECONDS + 5);
        assertEquals(0, active(first));
        assertEquals(4, active(second));
        assertEquals(EcsState.RolloutState.COMPLETED, s.deployments.get(0).rolloutState);
        assertEquals(1, s.deployments.size());
    }

    @Test
    void snapshot_writesStatusesAsAwsStrings_andReadsThemBack() throws Exception {
        scheduler.tick(clock.now());
        ecs.clusters().create(new EcsRequests.CreateCluster("c", List.of()));
        register("a:1");
        ecs.services().create(new EcsRequests.CreateService("c", "s", "f", 1, null, null, null, List.of(), null, List.of()));
        advance(LAUNCH_SECONDS + 1);
        String snapshot = JSON.writeValueAsString(state);
        var tree = JSON.readTree(snapshot);
        var task = tree.path("tasks").elements().next();
        assertEquals("RUNNING", task.path("lastStatus").asText());
        assertEquals("RUNNING", task.path("desiredStatus").asText());
        var service = tree.path("clusters").path("c").path("services").path("s");
        assertEquals("ACTIVE", service.path("status").asText());
        assertEquals("PRIMARY", service.path("deployments").get(0).path("status").asText());
        assertEquals("COMPLETED", service.path("deployments").get(0).path("rolloutState").asText());

        EcsState restored = JSON.readValue(snapshot, EcsState.class);
        assertEquals(EcsState.TaskStatus.RUNNING, restored.tasks.values().iterator().next().lastStatus);
        assertEquals(EcsState.RolloutState.COMPLETED, restored.clusters.get("c").services.get("s").deployments.get(0).rolloutState);
    }
}
