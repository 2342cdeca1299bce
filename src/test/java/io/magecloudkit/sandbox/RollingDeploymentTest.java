package io.magecloudkit.sandbox;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.ecs.EcsClient;
import software.amazon.awssdk.services.ecs.model.ContainerDefinition;
import software.amazon.awssdk.services.ecs.model.PortMapping;
import software.amazon.awssdk.services.ecs.model.LoadBalancer;
import software.amazon.awssdk.services.ecs.model.Deployment;
import software.amazon.awssdk.services.ecs.model.DesiredStatus;
import software.amazon.awssdk.services.ecs.model.Service;
import software.amazon.awssdk.services.ecs.model.ServiceEvent;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.TargetHealthDescription;

/**
 * The rolling update AWS documents for desiredCount 4, minimumHealthyPercent 50,
 * maximumPercent 200: two old tasks stop at once, four new ones start, and the last two
 * old ones stop once the new ones pass their load-balancer health checks.
 */
class RollingDeploymentTest {
    static SandboxFixture f;
    static EcsClient ecs;
    static String tgArn;

    @BeforeAll
    static void start() {
        // Almost frozen wall-clock time: every step below is driven by advance(), so the counts are exact.
        f = SandboxFixture.builder().sandbox(c -> c.speed(0.001)).start();
        ecs = f.session().ecs();
        tgArn = f.sandbox().provisioner().create("app", "WebTargetGroup", "AWS::ElasticLoadBalancingV2::TargetGroup",
                Map.of("Name", "web", "Port", 80, "Protocol", "HTTP", "TargetType", "ip",
                        "HealthCheckIntervalSeconds", 10, "HealthyThresholdCount", 2,
                        "TargetGroupAttributes", List.of(Map.of("Key", "deregistration_delay.timeout_seconds", "Value", "20"))))
                .physicalId();
    }

    @AfterAll
    static void stop() {
        f.close();
    }

    static Service service() {
        return ecs.describeServices(r -> r.cluster("roll").services("web")).services().get(0);
    }

    static Deployment deployment(Service s, String status) {
        return s.deployments().stream().filter(d -> d.status().equals(status)).findFirst().orElseThrow();
    }

    static String register(String image) {
        return ecs.registerTaskDefinition(r -> r.family("web").networkMode("awsvpc")
                .containerDefinitions(ContainerDefinition.builder().name("web").image(image).portMappings(PortMapping.builder().containerPort(80).build()).build()))
                .taskDefinition().taskDefinitionArn();
    }

    static boolean hasEvent(Service s, String text) {
        return s.events().stream().map(ServiceEvent::message).anyMatch(m -> m.contains(text));
    }

    @Test
    void rollingUpdateOfFourTasks() {
        ecs.createCluster(r -> r.clusterName("roll"));
        String v1 = register("web:1");
        ecs.createService(r -> r.cluster("roll").serviceName("web").taskDefinition(v1).desiredCount(4)
                .deploymentConfiguration(c -> c.minimumHealthyPercent(50).maximumPercent(200))
                .loadBalancers(LoadBalancer.builder().targetGroupArn(tgArn).containerName("web").containerPort(80).build()));
        f.advanceUntil(Duration.ofMinutes(3), () -> hasEvent(service(), "has reached a steady state."));
        Service steady = service();
        assertEquals(4, steady.runningCount());
        assertEquals("COMPLETED", steady.deployments().get(0).rolloutStateAsString());
        assertEquals(4, healthy().size());

        String v2 = register("web:2");
        Service updating = ecs.updateService(r -> r.cluster("roll").service("web").taskDefinition(v2)).service();
        assertEquals(2, updating.deployments().size());
        assertEquals("IN_PROGRESS", deployment(updating, "PRIMARY").rolloutStateAsString());
        assertEquals(v1, deployment(updating, "ACTIVE").taskDefinition());

        // Step 1: the scheduler may go down to 50% healthy (2 tasks) and up to 200% (8 tasks):
        // it stops two old tasks and starts four new ones in the same step.
        f.sandbox().advance(Duration.ofSeconds(1));
        Service step1 = service();
        Deployment primary = deployment(step1, "PRIMARY");
        Deployment old = deployment(step1, "ACTIVE");
        assertEquals(4, primary.pendingCount());
        assertEquals(0, primary.runningCount());
        assertEquals(2, old.runningCount());
        assertEquals(2, step1.runningCount());
        assertEquals(4, step1.pendingCount());
        assertTrue(hasEvent(step1, "has stopped 2 running tasks:"));
        assertTrue(hasEvent(step1, "has started 4 tasks:"));
        List<String> draining = ecs.listTasks(r -> r.cluster("roll").serviceName("web").desiredStatus(DesiredStatus.STOPPED)).taskArns();
        assertEquals(2, draining.size());
        var stoppedTask = ecs.describeTasks(r -> r.cluster("roll").tasks(draining.get(0))).tasks().get(0);
        assertEquals("Scaling activity initiated by (deployment " + primary.id() + ")", stoppedTask.stoppedReason());
        assertEquals("DEACTIVATING", stoppedTask.lastStatus());
        assertEquals(2, targets("draining").size());

        // Step 2: the new tasks run and register as 'initial' targets; the old ones keep serving.
        f.advanceUntil(Duration.ofSeconds(30), () -> deployment(service(), "PRIMARY").runningCount() == 4);
        assertEquals(4, targets("initial").size());
        assertEquals(2, deployment(service(), "ACTIVE").runningCount());

        // Step 3: once the new targets are healthy, the remaining old tasks stop.
        f.advanceUntil(Duration.ofSeconds(60), () -> targets("healthy").size() == 4 && deployment(service(), "ACTIVE").runningCount() == 0);
        assertEquals(4, service().runningCount());

        // Step 4: when the old tasks have drained the deployment completes and the service is steady again.
        f.advanceUntil(Duration.ofMinutes(2), () -> service().deployments().size() == 1
                && "COMPLETED".equals(service().deployments().get(0).rolloutStateAsString()));
        Service done = service();
        Deployment completed = done.deployments().get(0);
        assertEquals(v2, completed.taskDefinition());
        assertEquals("ECS deployment " + completed.id() + " completed.", completed.rolloutStateReason());
        assertEquals(0, completed.failedTasks());
        assertTrue(hasEvent(done, "(service web) (deployment " + completed.id() + ") deployment completed."));
        assertEquals("(service web) has reached a steady state.", done.events().get(0).message());
        assertEquals(4, healthy().size());
        assertEquals(0, targets("draining").size());
    }

    static List<TargetHealthDescription> healthy() {
        return targets("healthy");
    }

    static List<TargetHealthDescription> targets(String state) {
        return f.session().elbv2().describeTargetHealth(r -> r.targetGroupArn(tgArn)).targetHealthDescriptions().stream()
                .filter(t -> t.targetHealth().stateAsString().equals(state)).toList();
    }
}
