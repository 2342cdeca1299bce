package io.magecloudkit.sandbox;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.cloudformation.model.StackStatus;
import software.amazon.awssdk.services.ecs.model.ContainerDefinition;
import software.amazon.awssdk.services.ssm.model.ParameterType;

/** With --state-dir the sandbox survives a restart without loss, and a kill never leaves a torn file. */
class PersistenceTest {
    @TempDir
    Path dir;

    @Test
    void restartOnTheSameStateDir_keepsEverything() throws Exception {
        String serviceArn;
        String tdArn;
        try (SandboxFixture f = SandboxFixture.builder().sandbox(c -> c.stateDir(dir).speed(0.001)).start()) {
            var ecs = f.session().ecs();
            ecs.createCluster(r -> r.clusterName("persist"));
            tdArn = ecs.registerTaskDefinition(r -> r.family("persist-web")
                    .containerDefinitions(ContainerDefinition.builder().name("web").image("web:1").build()))
                    .taskDefinition().taskDefinitionArn();
            serviceArn = ecs.createService(r -> r.cluster("persist").serviceName("web").taskDefinition(tdArn).desiredCount(2))
                    .service().serviceArn();
            f.advanceUntil(Duration.ofMinutes(1), () -> "COMPLETED".equals(ecs.describeServices(r -> r.cluster("persist")
                    .services("web")).services().get(0).deployments().get(0).rolloutStateAsString()));
            f.session().ssm().putParameter(r -> r.name("/persist/key").value("v").type(ParameterType.STRING));
            f.session().ecr().createRepository(r -> r.repositoryName("persist/web"));
            // Written after the mutating request itself, not only at shutdown.
            String onDisk = Files.readString(dir.resolve("sandbox-state.json"));
            assertTrue(onDisk.contains("persist/web"), "state written after CreateRepository");
        }
        assertFalse(Files.exists(dir.resolve("sandbox-state.json.tmp")));
        new ObjectMapper().readTree(dir.resolve("sandbox-state.json").toFile());

        try (SandboxFixture f = SandboxFixture.builder().sandbox(c -> c.stateDir(dir).speed(0.001)).start()) {
            var ecs = f.session().ecs();
            assertEquals("ACTIVE", ecs.describeClusters(r -> r.clusters("persist")).clusters().get(0).status());
            var service = ecs.describeServices(r -> r.cluster("persist").services("web")).services().get(0);
            assertEquals(serviceArn, service.serviceArn());
            assertEquals(2, service.runningCount());
            assertEquals("COMPLETED", service.deployments().get(0).rolloutStateAsString());
            assertTrue(service.events().stream().anyMatch(e -> e.message().endsWith("has reached a steady state.")));
            assertEquals(tdArn, ecs.describeTaskDefinition(r -> r.taskDefinition("persist-web")).taskDefinition().taskDefinitionArn());
            assertEquals(2, ecs.listTasks(r -> r.cluster("persist").serviceName("web")).taskArns().size());
            assertEquals("v", f.session().ssm().getParameter(r -> r.name("/persist/key")).parameter().value());
            assertEquals(1, f.session().ecr().describeRepositories(r -> r.repositoryNames("persist/web")).repositories().size());
            // The registry keeps counting revisions where it left off.
            String next = ecs.registerTaskDefinition(r -> r.family("persist-web")
                    .containerDefinitions(ContainerDefinition.builder().name("web").image("web:2").build())).taskDefinition().taskDefinitionArn();
            assertTrue(next.endsWith(":2"), next);
        }
    }

    @Test
    void aTornTemporaryFileFromAKill_isIgnored() throws Exception {
        try (SandboxFixture f = SandboxFixture.builder().sandbox(c -> c.stateDir(dir)).start()) {
            f.session().ecs().createCluster(r -> r.clusterName("survivor"));
        }
        // A kill in the middle of a write leaves at most a partial temporary file next to the last good snapshot.
        Files.writeString(dir.resolve("sandbox-state.json.tmp"), "{\"ecs\": {\"clusters\": {");
        try (SandboxFixture f = SandboxFixture.builder().sandbox(c -> c.stateDir(dir)).start()) {
            assertEquals(1, f.session().ecs().describeClusters(r -> r.clusters("survivor")).clusters().size());
        }
    }

    @Test
    void withoutStateDir_nothingSurvives() {
        try (SandboxFixture f = SandboxFixture.start()) {
            f.session().ecs().createCluster(r -> r.clusterName("ephemeral"));
        }
        try (SandboxFixture f = SandboxFixture.start()) {
            assertEquals("MISSING", f.session().ecs().describeClusters(r -> r.clusters("ephemeral")).failures().get(0).reason());
        }
    }

    @Test
    void stacksSurviveARestart() {
        String template = """
                Resources:
                  Cluster:
                    Type: AWS::ECS::Cluster
                    Properties:
                      ClusterName: from-stack
                Outputs:
                  ClusterArn:
                    Value: !GetAtt Cluster.Arn
                """;
        try (SandboxFixture f = SandboxFixture.builder().sandbox(c -> c.stateDir(dir).speed(0.001)).start()) {
            var cfn = f.session().cloudFormation();
            cfn.createStack(r -> r.stackName("persisted").templateBody(template));
            f.advanceUntil(Duration.ofMinutes(10), () -> cfn.describeStacks(r -> r.stackName("persisted")).stacks().get(0)
                    .stackStatus() == StackStatus.CREATE_COMPLETE);
        }
        try (SandboxFixture f = SandboxFixture.builder().sandbox(c -> c.stateDir(dir).speed(0.001)).start()) {
            var stack = f.session().cloudFormation().describeStacks(r -> r.stackName("persisted")).stacks().get(0);
            assertEquals(StackStatus.CREATE_COMPLETE, stack.stackStatus());
            assertEquals("arn:aws:ecs:us-east-1:000000000000:cluster/from-stack", stack.outputs().get(0).outputValue());
            assertEquals(1, f.session().ecs().describeClusters(r -> r.clusters("from-stack")).clusters().size());
        }
    }
}
