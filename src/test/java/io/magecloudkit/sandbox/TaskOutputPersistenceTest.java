package io.magecloudkit.sandbox;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.ecs.model.ServiceDeploymentStatus;

/** With --state-dir, one-off tasks' overrides and log events, secrets and service deployment records survive a restart. */
class TaskOutputPersistenceTest {
    @TempDir
    Path dir;

    @Test
    void restart_keepsTaskOutputSecretsAndDeploymentRecords() {
        String taskArn;
        String secretArn;
        try (SandboxFixture f = SandboxFixture.builder().sandbox(c -> c.stateDir(dir)).start()) {
            f.admin("PUT", "faults", "commands: [{command: 'indexer:reindex', output: [reindexed]}]");
            var ecs = f.session().ecs();
            String td = OneOffTaskTest.magento(ecs);
            taskArn = ecs.runTask(r -> r.cluster("shop").taskDefinition(td).overrides(o -> o.containerOverrides(c -> c
                    .name("php-fpm").command("bin/magento", "indexer:reindex")))).tasks().get(0).taskArn();
            f.advanceUntil(Duration.ofMinutes(1), () -> "STOPPED".equals(OneOffTaskTest.describe(ecs, taskArn).lastStatus()));
            ecs.createService(r -> r.cluster("shop").serviceName("web").taskDefinition(td).desiredCount(1));
            f.advanceUntil(Duration.ofMinutes(1), () -> ecs.listServiceDeployments(r -> r.cluster("shop").service("web"))
                    .serviceDeployments().get(0).status() == ServiceDeploymentStatus.SUCCESSFUL);
            secretArn = f.session().secretsManager().createSecret(r -> r.name("shop/key").secretString("s")).arn();
        }
        try (SandboxFixture f = SandboxFixture.builder().sandbox(c -> c.stateDir(dir)).start()) {
            var ecs = f.session().ecs();
            var task = OneOffTaskTest.describe(ecs, taskArn);
            assertEquals(List.of("bin/magento", "indexer:reindex"), task.overrides().containerOverrides().get(0).command());
            assertEquals(0, OneOffTaskTest.container(task, "php-fpm").exitCode());
            String stream = "release/php-fpm/" + taskArn.substring(taskArn.lastIndexOf('/') + 1);
            assertEquals(List.of("reindexed"), f.session().logs().getLogEvents(r -> r.logGroupName("/mck/shop").logStreamName(stream))
                    .events().stream().map(e -> e.message()).toList());
            assertEquals(ServiceDeploymentStatus.SUCCESSFUL, ecs.listServiceDeployments(r -> r.cluster("shop").service("web"))
                    .serviceDeployments().get(0).status());
            assertEquals(secretArn, f.session().secretsManager().describeSecret(r -> r.secretId("shop/key")).arn());
        }
    }
}
