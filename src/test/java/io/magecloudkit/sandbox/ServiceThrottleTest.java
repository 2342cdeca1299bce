package io.magecloudkit.sandbox;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.ecs.EcsClient;
import software.amazon.awssdk.services.ecs.model.ContainerDefinition;
import software.amazon.awssdk.services.ecs.model.DesiredStatus;
import software.amazon.awssdk.services.ecs.model.Task;

/** A service whose tasks keep failing to start is relaunched with growing delays, and says so in ECS's words. */
class ServiceThrottleTest {

    @Test
    void tasksThatKeepFailingToStart_areRetriedWithGrowingDelays() {
        try (SandboxFixture f = SandboxFixture.builder().sandbox(c -> c.speed(0.001)).start()) {
            EcsClient ecs = f.session().ecs();
            f.admin("PUT", "faults", "{\"tasks\": [{\"image\": \"web:crash\", \"crashOnStart\": true}]}");
            ecs.createCluster(r -> r.clusterName("t"));
            String td = ecs.registerTaskDefinition(r -> r.family("crash").containerDefinitions(
                    ContainerDefinition.builder().name("web").image("web:crash").memory(256).build())).taskDefinition().taskDefinitionArn();
            ecs.createService(r -> r.cluster("t").serviceName("crash").taskDefinition(td).desiredCount(1));
            f.advanceUntil(Duration.ofMinutes(15), () -> stopped(ecs).size() >= 6);

            List<Instant> launches = stopped(ecs).stream().map(Task::createdAt).sorted().toList();
            List<Long> gaps = new ArrayList<>();
            for (int i = 1; i < launches.size(); i++) {
                gaps.add(Duration.between(launches.get(i - 1), launches.get(i)).toSeconds());
            }
            // The first failures are relaunched at once (a launch takes 25 s to fail); then 10 s, 20 s, 40 s more each time.
            assertEquals(List.of(25L, 25L, 35L, 45L, 65L), gaps.subList(0, 5), gaps.toString());
            assertTrue(ecs.describeServices(r -> r.cluster("t").services("crash")).services().get(0).events().stream()
                    .anyMatch(e -> e.message().equals("(service crash) is unable to consistently start tasks successfully.")));
        }
    }

    private static List<Task> stopped(EcsClient ecs) {
        List<String> arns = ecs.listTasks(r -> r.cluster("t").serviceName("crash").desiredStatus(DesiredStatus.STOPPED)).taskArns();
        if (arns.isEmpty()) {
            return List.of();
        }
        return ecs.describeTasks(r -> r.cluster("t").tasks(arns)).tasks().stream().sorted(Comparator.comparing(Task::createdAt)).toList();
    }
}
