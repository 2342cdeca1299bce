package io.magecloudkit.sandbox;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.ecs.EcsClient;
import software.amazon.awssdk.services.ecs.model.ConflictException;
import software.amazon.awssdk.services.ecs.model.ContainerDefinition;
import software.amazon.awssdk.services.ecs.model.ServiceDeployment;
import software.amazon.awssdk.services.ecs.model.ServiceDeploymentBrief;
import software.amazon.awssdk.services.ecs.model.ServiceDeploymentNotFoundException;
import software.amazon.awssdk.services.ecs.model.ServiceDeploymentStatus;
import software.amazon.awssdk.services.ecs.model.ServiceRevision;
import software.amazon.awssdk.services.ecs.model.StopServiceDeploymentStopType;

/**
 * ECS's own record of a service's deployments, read through the SDK v2 (whose parser refuses
 * a malformed answer) and checked by the fixture against the current botocore model's shapes of
 * these operations (the Debian model predates them).
 */
class ServiceDeploymentRecordTest {
    private static final String FAULTS = """
            tasks:
              - image: web:crash
                crashOnStart: true
                exitCode: 3
              - image: web:unhealthy
                failHealthCheck: true
            """;

    @Test
    void circuitBreakerRollback_isSeenThroughTheDeploymentRecord() {
        try (SandboxFixture f = SandboxFixture.builder().sandbox(c -> c.speed(0.001)).start()) {
            f.admin("PUT", "faults", FAULTS);
            EcsClient ecs = f.session().ecs();
            ecs.createCluster(r -> r.clusterName("shop"));
            String good = register(ecs, "web:1");
            ecs.createService(r -> r.cluster("shop").serviceName("web").taskDefinition(good).desiredCount(2)
                    .deploymentConfiguration(c -> c.deploymentCircuitBreaker(b -> b.enable(true).rollback(true))));
            ServiceDeploymentBrief first = list(ecs).get(0);
            assertEquals(ServiceDeploymentStatus.PENDING, first.status(), "created, not started until the scheduler's next step");
            f.advanceUntil(Duration.ofMinutes(2), () -> list(ecs).get(0).status() == ServiceDeploymentStatus.SUCCESSFUL);
            assertNotNull(list(ecs).get(0).finishedAt());

            String bad = register(ecs, "web:crash");
            ecs.updateService(r -> r.cluster("shop").service("web").taskDefinition(bad));
            f.advanceUntil(Duration.ofMinutes(5), () -> list(ecs).get(0).status() == ServiceDeploymentStatus.ROLLBACK_SUCCESSFUL);

            List<ServiceDeploymentBrief> briefs = list(ecs);
            assertEquals(2, briefs.size(), "newest first: " + briefs);
            assertEquals(List.of(briefs.get(0).serviceDeploymentArn()), ecs.listServiceDeployments(r -> r.cluster("shop").service("web")
                    .createdAt(c -> c.after(first.createdAt().plusMillis(1)))).serviceDeployments().stream()
                    .map(ServiceDeploymentBrief::serviceDeploymentArn).toList());
            ServiceDeployment failed = ecs.describeServiceDeployments(r -> r.serviceDeploymentArns(briefs.get(0).serviceDeploymentArn()))
                    .serviceDeployments().get(0);
            assertEquals("TRIGGERED", failed.deploymentCircuitBreaker().statusAsString());
            assertEquals(3, failed.deploymentCircuitBreaker().failureCount());
            assertEquals(3, failed.deploymentCircuitBreaker().threshold());
            assertEquals(first.targetServiceRevisionArn(), failed.rollback().serviceRevisionArn(), "back to the source revision");
            assertEquals(List.of(first.targetServiceRevisionArn()), failed.sourceServiceRevisions().stream().map(s -> s.arn()).toList());
            assertNotNull(failed.rollback().startedAt());
            assertNotNull(failed.finishedAt());

            List<ServiceRevision> revisions = ecs.describeServiceRevisions(r -> r.serviceRevisionArns(
                    failed.targetServiceRevision().arn(), failed.rollback().serviceRevisionArn())).serviceRevisions();
            assertEquals(List.of(bad, good), revisions.stream().map(ServiceRevision::taskDefinition).toList());
            assertEquals("web:crash", revisions.get(0).containerImages().get(0).image());
            // The array says the same: the service runs the good definition again.
            assertEquals(good, ecs.describeServices(r -> r.cluster("shop").services("web")).services().get(0).taskDefinition());

            // A finished deployment cannot be stopped; an unknown one is not found.
            assertThrows(ConflictException.class, () -> ecs.stopServiceDeployment(r -> r
                    .serviceDeploymentArn(failed.serviceDeploymentArn()).stopType(StopServiceDeploymentStopType.ROLLBACK)));
            assertThrows(ServiceDeploymentNotFoundException.class, () -> ecs.stopServiceDeployment(r -> r
                    .serviceDeploymentArn(failed.serviceDeploymentArn() + "x")));
            var missing = ecs.describeServiceDeployments(r -> r.serviceDeploymentArns(failed.serviceDeploymentArn() + "x"));
            assertEquals("MISSING", missing.failures().get(0).reason());
            assertTrue(f.validator().validatedOperations().containsKey("ecs:DescribeServiceDeployments"),
                    "checked against the model extract: " + f.validator().validatedOperations());
        }
    }

    @Test
    void stopServiceDeployment_rollsTheServiceBackToItsSourceRevision() {
        try (SandboxFixture f = SandboxFixture.builder().sandbox(c -> c.speed(0.001)).start()) {
            f.admin("PUT", "faults", FAULTS);
            EcsClient ecs = f.session().ecs();
            ecs.createCluster(r -> r.clusterName("shop"));
            String good = register(ecs, "web:1");
            ecs.createService(r -> r.cluster("shop").serviceName("web").taskDefinition(good).desiredCount(1));
            f.advanceUntil(Duration.ofMinutes(2), () -> list(ecs).get(0).status() == ServiceDeploymentStatus.SUCCESSFUL);

            String sick = register(ecs, "web:unhealthy");
            ecs.updateService(r -> r.cluster("shop").service("web").taskDefinition(sick));
            f.sandbox().advance(Duration.ofSeconds(90));
            ServiceDeploymentBrief ongoing = list(ecs).get(0);
            assertEquals(ServiceDeploymentStatus.IN_PROGRESS, ongoing.status(), "no circuit breaker: it would go on failing");

            assertEquals(ongoing.serviceDeploymentArn(), ecs.stopServiceDeployment(r -> r
                    .serviceDeploymentArn(ongoing.serviceDeploymentArn()).stopType(StopServiceDeploymentStopType.ROLLBACK))
                    .serviceDeploymentArn());
            assertEquals(ServiceDeploymentStatus.ROLLBACK_REQUESTED, list(ecs).get(0).status());
            assertEquals(good, ecs.describeServices(r -> r.cluster("shop").services("web")).services().get(0).taskDefinition());
            f.advanceUntil(Duration.ofSeconds(5), () -> list(ecs).get(0).status() == ServiceDeploymentStatus.ROLLBACK_IN_PROGRESS);
            f.advanceUntil(Duration.ofMinutes(5), () -> list(ecs).get(0).status() == ServiceDeploymentStatus.ROLLBACK_SUCCESSFUL);
            assertEquals(2, list(ecs).size(), "the rollback is part of the stopped deployment, not a new one");
            assertEquals(List.of(ongoing.serviceDeploymentArn()), ecs.listServiceDeployments(r -> r.cluster("shop").service("web")
                    .status(ServiceDeploymentStatus.ROLLBACK_SUCCESSFUL)).serviceDeployments().stream()
                    .map(ServiceDeploymentBrief::serviceDeploymentArn).toList());
        }
    }

    private static List<ServiceDeploymentBrief> list(EcsClient ecs) {
        return ecs.listServiceDeployments(r -> r.cluster("shop").service("web")).serviceDeployments();
    }

    private static String register(EcsClient ecs, String image) {
        return ecs.registerTaskDefinition(r -> r.family("web").containerDefinitions(ContainerDefinition.builder().name("web")
                .image(image).memory(128).healthCheck(h -> h.command("CMD-SHELL", "true").interval(10).retries(2)).build()))
                .taskDefinition().taskDefinitionArn();
    }
}
