package io.magecloudkit.sandbox;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.services.ecs.EcsClient;
import software.amazon.awssdk.services.ecs.model.ContainerDefinition;
import software.amazon.awssdk.services.ecs.model.PortMapping;
import software.amazon.awssdk.services.ecs.model.LoadBalancer;
import software.amazon.awssdk.services.ecs.model.EcsException;
import software.amazon.awssdk.services.ecs.model.HealthCheck;
import software.amazon.awssdk.services.ecs.model.Task;
import software.amazon.awssdk.services.sts.model.StsException;

/** Every fault kind, configured through the admin API, the faults file or the façade. */
class FaultInjectionTest {
    SandboxFixture f;

    @AfterEach
    void stop() {
        if (f != null) {
            f.close();
        }
    }

    @Test
    void throttling_errors_and_unavailability_perOperation() {
        f = SandboxFixture.builder().maxAttempts(1).start();
        f.admin("PUT", "faults", """
                requests:
                  - service: ecs
                    operation: ListClusters
                    throttleRate: 1.0
                  - service: ecs
                    operation: ListTaskDefinitions
                    errorRate: 1.0
                  - service: sts
                    operation: GetCallerIdentity
                    unavailableRate: 1.0
                """);
        EcsClient ecs = f.session().ecs();
        EcsException throttled = assertThrows(EcsException.class, ecs::listClusters);
        assertEquals("ThrottlingException", throttled.awsErrorDetails().errorCode());
        assertTrue(throttled.isThrottlingException());
        EcsException failed = assertThrows(EcsException.class, ecs::listTaskDefinitions);
        assertEquals(500, failed.statusCode());
        assertEquals("ServerException", failed.awsErrorDetails().errorCode());
        StsException unavailable = assertThrows(StsException.class, () -> f.session().sts().getCallerIdentity());
        assertEquals(503, unavailable.statusCode());
        // Other operations are untouched.
        ecs.createCluster(r -> r.clusterName("ok"));
        assertEquals(3, f.admin("GET", "faults", null).path("requests").size());
    }

    @Test
    void partialRate_isDeterministicAndTheSdkRetriesThrough() {
        f = SandboxFixture.start();
        f.admin("PUT", "faults", "{\"seed\": 7, \"requests\": [{\"operation\": \"DescribeClusters\", \"throttleRate\": 0.5}]}");
        // With the SDK's standard retries (3 attempts) most calls get through a 50% throttle.
        int ok = 0;
        for (int i = 0; i < 4; i++) {
            try {
                f.session().ecs().describeClusters();
                ok++;
            } catch (EcsException e) {
                assertEquals("ThrottlingException", e.awsErrorDetails().errorCode());
            }
        }
        assertTrue(ok >= 2, "calls that got through: " + ok);
    }

    @Test
    void latency_delaysTheAnswer() {
        f = SandboxFixture.start();
        f.admin("PUT", "faults", "{\"requests\": [{\"operation\": \"GetCallerIdentity\", \"latencyMs\": 300}]}");
        long start = System.nanoTime();
        f.session().sts().getCallerIdentity();
        assertTrue((System.nanoTime() - start) / 1_000_000 >= 300);
    }

    @Test
    void droppedConnection_isAnIoErrorThatTheSdkRetries() {
        AtomicInteger attempts = new AtomicInteger();
        ExecutionInterceptor counter = new ExecutionInterceptor() {
            @Override
            public void beforeTransmission(Context.BeforeTransmission context, ExecutionAttributes attributes) {
                attempts.incrementAndGet();
            }
        };
        f = SandboxFixture.builder().interceptors(List.of(counter)).start();
        f.admin("PUT", "faults", "{\"requests\": [{\"operation\": \"ListClusters\", \"dropRate\": 1.0}]}");
        SdkClientException e = assertThrows(SdkClientException.class, () -> f.session().ecs().listClusters());
        Throwable root = e;
        while (root.getCause() != null && !(root instanceof IOException)) {
            root = root.getCause();
        }
        assertInstanceOf(IOException.class, root, e.toString());
        assertEquals(3, attempts.get(), "the SDK retried the dropped connection");
    }

    @Test
    void faultsFile_isReadAtStart(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir) throws IOException {
        java.nio.file.Path file = dir.resolve("faults.yml");
        java.nio.file.Files.writeString(file, "requests:\n  - operation: GetCallerIdentity\n    throttleRate: 1\n");
        f = SandboxFixture.builder().maxAttempts(1).sandbox(c -> c.faultsFile(file)).start();
        StsException e = assertThrows(StsException.class, () -> f.session().sts().getCallerIdentity());
        assertEquals("Throttling", e.awsErrorDetails().errorCode());
    }

    @Test
    void badFaultsDocument_isRefusedWithTheReason() {
        f = SandboxFixture.start();
        var r = f.adminRaw("PUT", "faults", "requests:\n  - throttleRate: 2\n");
        assertEquals(400, r.statusCode());
        assertTrue(r.body().contains("rates must be between 0 and 1"), r.body());
        var unknown = f.adminRaw("PUT", "faults", "request: []\n");
        assertEquals(400, unknown.statusCode());
        assertTrue(unknown.body().contains("request"), unknown.body());
    }

    // ---- task faults ---------------------------------------------------------------------------

    private Task runOne(String family, String image, HealthCheck check) {
        EcsClient ecs = f.session().ecs();
        ecs.createCluster(r -> r.clusterName("faults"));
        ContainerDefinition.Builder def = ContainerDefinition.builder().name("app").image(image);
        if (check != null) {
            def.healthCheck(check);
        }
        String td = ecs.registerTaskDefinition(r -> r.family(family).containerDefinitions(def.build())).taskDefinition().taskDefinitionArn();
        return ecs.runTask(r -> r.cluster("faults").taskDefinition(td)).tasks().get(0);
    }

    private Task describe(String arn) {
        return f.session().ecs().describeTasks(r -> r.cluster("faults").tasks(arn)).tasks().get(0);
    }

    @Test
    void crashOnStart_byImage() {
        f = SandboxFixture.builder().sandbox(c -> c.speed(0.001)).start();
        f.admin("PUT", "faults", "{\"tasks\": [{\"image\": \"app:broken\", \"crashOnStart\": true, \"exitCode\": 137}]}");
        Task task = runOne("crashy", "app:broken", null);
        f.advanceUntil(Duration.ofSeconds(30), () -> "STOPPED".equals(describe(task.taskArn()).lastStatus()));
        Task stopped = describe(task.taskArn());
        assertEquals("Essential container in task exited", stopped.stoppedReason());
        assertEquals(137, stopped.containers().get(0).exitCode());
        Task healthy = runOne("fine", "app:good", null);
        f.advanceUntil(Duration.ofSeconds(30), () -> "RUNNING".equals(describe(healthy.taskArn()).lastStatus()));
    }

    @Test
    void crashOnStart_ofOneService_leavesOneOffTasksOfTheSameImageRunning() {
        f = SandboxFixture.builder().sandbox(c -> c.speed(0.001)).start();
        f.admin("PUT", "faults", "{\"tasks\": [{\"image\": \"app:broken\", \"service\": \"web\", \"crashOnStart\": true}]}");
        Task oneOff = runOne("crashy", "app:broken", null);
        EcsClient ecs = f.session().ecs();
        ecs.createService(r -> r.cluster("faults").serviceName("web").taskDefinition(oneOff.taskDefinitionArn()).desiredCount(1));
        f.advanceUntil(Duration.ofSeconds(30), () -> "RUNNING".equals(describe(oneOff.taskArn()).lastStatus()));
        f.advanceUntil(Duration.ofSeconds(60), () -> !ecs.listTasks(r -> r.cluster("faults").serviceName("web")
                .desiredStatus(software.amazon.awssdk.services.ecs.model.DesiredStatus.STOPPED)).taskArns().isEmpty());
        String crashed = ecs.listTasks(r -> r.cluster("faults").serviceName("web")
                .desiredStatus(software.amazon.awssdk.services.ecs.model.DesiredStatus.STOPPED)).taskArns().get(0);
        assertEquals("Essential container in task exited", describe(crashed).stoppedReason());
        assertEquals("RUNNING", describe(oneOff.taskArn()).lastStatus(), "the one-off task of the same image is not the service's");
    }

    @Test
    void failHealthCheck_byFamily_stopsTheTaskAfterTheRetries() {
        f = SandboxFixture.builder().sandbox(c -> c.speed(0.001)).start();
        f.admin("PUT", "faults", "{\"tasks\": [{\"family\": \"sick\", \"failHealthCheck\": true}]}");
        HealthCheck check = HealthCheck.builder().command("CMD-SHELL", "curl -f localhost").interval(5).retries(3).startPeriod(10).build();
        Task task = runOne("sick", "app:1", check);
        f.advanceUntil(Duration.ofSeconds(30), () -> "RUNNING".equals(describe(task.taskArn()).lastStatus()));
        assertEquals("UNKNOWN", describe(task.taskArn()).healthStatusAsString());
        // Unhealthy after startPeriod + interval x retries = 25 s, then the task is stopped.
        f.advanceUntil(Duration.ofSeconds(40), () -> "STOPPED".equals(describe(task.taskArn()).lastStatus()));
        Task stopped = describe(task.taskArn());
        assertEquals("Task failed container health checks", stopped.stoppedReason());
        assertEquals("UNHEALTHY", stopped.healthStatusAsString());
        Task good = runOne("well", "app:1", check);
        f.advanceUntil(Duration.ofSeconds(60), () -> "HEALTHY".equals(describe(good.taskArn()).healthStatusAsString()));
    }

    @Test
    void unhealthyAfterSeconds_failsTheLoadBalancerCheckAndTheServiceReplacesTheTask() {
        f = SandboxFixture.builder().sandbox(c -> c.speed(0.001)).start();
        EcsClient ecs = f.session().ecs();
        String tg = f.sandbox().provisioner().create("s", "Tg", "AWS::ElasticLoadBalancingV2::TargetGroup",
                Map.of("Port", 80, "HealthCheckIntervalSeconds", 5, "HealthyThresholdCount", 2, "UnhealthyThresholdCount", 2,
                        "TargetGroupAttributes", List.of(Map.of("Key", "deregistration_delay.timeout_seconds", "Value", 5))))
                .physicalId();
        f.admin("PUT", "faults", "{\"tasks\": [{\"image\": \"web:leaky\", \"unhealthyAfterSeconds\": 60}]}");
        ecs.createCluster(r -> r.clusterName("faults"));
        String td = ecs.registerTaskDefinition(r -> r.family("leaky").containerDefinitions(
                ContainerDefinition.builder().name("web").image("web:leaky").portMappings(PortMapping.builder().containerPort(80).build()).build()))
                .taskDefinition().taskDefinitionArn();
        ecs.createService(r -> r.cluster("faults").serviceName("leaky").taskDefinition(td).desiredCount(1)
                .loadBalancers(LoadBalancer.builder().targetGroupArn(tg).containerName("web").containerPort(80).build()));
        f.advanceUntil(Duration.ofSeconds(60), () -> healthStates(tg).equals(List.of("healthy")));
        String first = ecs.listTasks(r -> r.cluster("faults").serviceName("leaky")).taskArns().get(0);
        f.advanceUntil(Duration.ofSeconds(90), () -> "STOPPED".equals(describe(first).desiredStatus()));
        Task stopped = describe(first);
        assertEquals("Task failed ELB health checks in (target-group " + tg + ")", stopped.stoppedReason());
        var events = ecs.describeServices(r -> r.cluster("faults").services("leaky")).services().get(0).events();
        assertTrue(events.stream().anyMatch(e -> e.message().contains("is unhealthy in (target-group " + tg + ")")));
        // The scheduler starts a replacement.
        f.advanceUntil(Duration.ofSeconds(30), () -> ecs.listTasks(r -> r.cluster("faults").serviceName("leaky")).taskArns().stream()
                .anyMatch(a -> !a.equals(first)));
    }

    private List<String> healthStates(String tg) {
        return f.session().elbv2().describeTargetHealth(r -> r.targetGroupArn(tg)).targetHealthDescriptions().stream()
                .map(d -> d.targetHealth().stateAsString()).toList();
    }

    @Test
    void faultsRoundTripThroughTheAdminApi() {
        f = SandboxFixture.start();
        f.admin("PUT", "faults", "{\"seed\": 3, \"tasks\": [{\"family\": \"x\", \"crashOnStart\": true, \"exitCode\": 2}]}");
        JsonNode back = f.admin("GET", "faults", null);
        assertEquals(3, back.path("seed").asInt());
        assertEquals(2, back.path("tasks").get(0).path("exitCode").asInt());
        assertEquals("ok", f.admin("GET", "health", null).path("status").asText());
    }
}
