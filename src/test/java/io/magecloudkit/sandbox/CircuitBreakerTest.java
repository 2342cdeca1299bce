package io.magecloudkit.sandbox;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.magecloudkit.sandbox.faults.FaultConfig;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.ecs.EcsClient;
import software.amazon.awssdk.services.ecs.model.ContainerDefinition;
import software.amazon.awssdk.services.ecs.model.Deployment;
import software.amazon.awssdk.services.ecs.model.DesiredStatus;
import software.amazon.awssdk.services.ecs.model.Service;
import software.amazon.awssdk.services.ecs.model.Task;

/** A deployment whose tasks crash is marked FAILED by the circuit breaker and rolled back to the last completed one. */
class CircuitBreakerTest {
    static SandboxFixture f;
    static EcsClient ecs;

    @BeforeAll
    static void start() {
        f = SandboxFixture.builder().sandbox(c -> c.speed(0.001)).start();
        ecs = f.session().ecs();
        f.sandbox().faults(new FaultConfig(null, List.of(),
                List.of(new FaultConfig.TaskFaultRule("web:crash", null, true, 3, false, null)), List.of()));
        ecs.createCluster(r -> r.clusterName("cb"));
    }

    @AfterAll
    static void stop() {
        f.close();
    }

    static String register(String image) {
        return ecs.registerTaskDefinition(r -> r.family("cb-web")
                .containerDefinitions(ContainerDefinition.builder().name("web").image(image).build()))
                .taskDefinition().taskDefinitionArn();
    }

    static Service service(String name) {
        return ecs.describeServices(r -> r.cluster("cb").services(name)).services().get(0);
    }

    @Test
    void crashingDeployment_failsAndRollsBack() {
        String good = register("web:1");
        ecs.createService(r -> r.cluster("cb").serviceName("rollback").taskDefinition(good).desiredCount(2)
                .deploymentConfiguration(c -> c.deploymentCircuitBreaker(b -> b.enable(true).rollback(true))));
        f.advanceUntil(Duration.ofMinutes(2), () -> "COMPLETED".equals(service("rollback").deployments().get(0).rolloutStateAsString()));
        String goodDeployment = service("rollback").deployments().get(0).id();

        String bad = register("web:crash");
        ecs.updateService(r -> r.cluster("cb").service("rollback").taskDefinition(bad));
        f.advanceUntil(Duration.ofMinutes(5), () -> service("rollback").deployments().stream()
                .anyMatch(d -> "FAILED".equals(d.rolloutStateAsString())));
        Service s = service("rollback");
        Deployment failed = s.deployments().stream().filter(d -> "FAILED".equals(d.rolloutStateAsString())).findFirst().orElseThrow();
        assertEquals(bad, failed.taskDefinition());
        assertEquals("ACTIVE", failed.status());
        // AWS: threshold = 0.5 x desired count, at least 3 (and at most 200).
        assertEquals(3, failed.failedTasks());
        assertEquals("ECS deployment circuit breaker: tasks failed to start.", failed.rolloutStateReason());
        Deployment rollback = s.deployments().get(0);
        assertEquals("PRIMARY", rollback.status());
        assertEquals(good, rollback.taskDefinition());
        assertEquals("ECS deployment circuit breaker: rolling back to deploymentId " + goodDeployment + ".", rollback.rolloutStateReason());
        assertEquals(good, s.taskDefinition());
        assertTrue(s.events().stream().anyMatch(e -> e.message().equals(
                "(service rollback) (deployment " + failed.id() + ") deployment failed: tasks failed to start.")));

        List<String> stopped = ecs.listTasks(r -> r.cluster("cb").serviceName("rollback").desiredStatus(DesiredStatus.STOPPED)).taskArns();
        Task crashed = ecs.describeTasks(r -> r.cluster("cb").tasks(stopped)).tasks().stream()
                .filter(t -> t.taskDefinitionArn().equals(bad)).findFirst().orElseThrow();
        assertEquals("Essential container in task exited", crashed.stoppedReason());
        assertEquals("EssentialContainerExited", crashed.stopCodeAsString());
        f.advanceUntil(Duration.ofSeconds(10), () -> "STOPPED".equals(
                ecs.describeTasks(r -> r.cluster("cb").tasks(crashed.taskArn())).tasks().get(0).lastStatus()));
        assertEquals(3, ecs.describeTasks(r -> r.cluster("cb").tasks(crashed.taskArn())).tasks().get(0).containers().get(0).exitCode());

        f.advanceUntil(Duration.ofMinutes(2), () -> service("rollback").deployments().size() == 1
                && "COMPLETED".equals(service("rollback").deployments().get(0).rolloutStateAsString()));
        assertEquals(2, service("rollback").runningCount());
        assertEquals(good, service("rollback").deployments().get(0).taskDefinition());
    }

    @Test
    void withoutRollback_theFailedDeploymentStops() {
        String good = register("web:1");
        ecs.createService(r -> r.cluster("cb").serviceName("norollback").taskDefinition(good).desiredCount(2)
                .deploymentConfiguration(c -> c.deploymentCircuitBreaker(b -> b.enable(true).rollback(false))));
        f.advanceUntil(Duration.ofMinutes(2), () -> "COMPLETED".equals(service("norollback").deployments().get(0).rolloutStateAsString()));
        String bad = register("web:crash");
        ecs.updateService(r -> r.cluster("cb").service("norollback").taskDefinition(bad));
        f.advanceUntil(Duration.ofMinutes(5), () -> "FAILED".equals(service("norollback").deployments().get(0).rolloutStateAsString()));
        // A task placed just before the breaker tripped still plays out (and crashes); after that, nothing is launched.
        f.advanceUntil(Duration.ofMinutes(1), () -> service("norollback").deployments().get(0).pendingCount() == 0);
        int failedTasks = service("norollback").deployments().get(0).failedTasks();
        f.sandbox().advance(Duration.ofMinutes(2));
        Service s = service("norollback");
        assertEquals("PRIMARY", s.deployments().get(0).status());
        assertEquals(failedTasks, s.deployments().get(0).failedTasks(), "no new tasks are launched for a failed deployment");
        assertEquals(2, s.runningCount(), "the old tasks keep serving");
    }
}
