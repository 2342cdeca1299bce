package io.magecloudkit.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.magecloudkit.deploy.DeployScenario;
import io.magecloudkit.sandbox.ecs.CommandRule;
import io.magecloudkit.sandbox.faults.FaultConfig;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.ecs.model.ContainerDefinition;
import software.amazon.awssdk.services.ecs.model.LogConfiguration;

/** mck run end to end against the sandbox: the command's exit code and output, ECS failures, bad input. */
class RunCommandTest {
    @AutoClose
    static OneAppCli cli;
    static DeployScenario s;
    static String taskDefinition;

    @BeforeAll
    static void start(@TempDir Path tmp) throws Exception {
        cli = new OneAppCli(tmp);
        s = cli.s;
        // The service's current task definition, with a php-fpm container logging through awslogs.
        var ecs = s.f.session().ecs();
        taskDefinition = ecs.registerTaskDefinition(r -> r.family("shop-staging-magento").networkMode("awsvpc").containerDefinitions(
                ContainerDefinition.builder().name("php-fpm").image("registry.example/shop/php-fpm@" + DeployScenario.digest('r'))
                        .logConfiguration(LogConfiguration.builder().logDriver("awslogs").options(Map.of(
                                "awslogs-group", "/magecloudkit/shop/staging", "awslogs-region", "us-east-1",
                                "awslogs-stream-prefix", "magento", "awslogs-create-group", "true")).build()).build()))
                .taskDefinition().taskDefinitionArn();
        ecs.updateService(r -> r.cluster("shop-staging-app").service("shop-staging-magento").taskDefinition(taskDefinition));
    }

    static InProcessMck.Run mck(String... args) {
        return cli.mck("run", List.of(args));
    }

    static void commands(CommandRule... rules) {
        s.f.sandbox().faults(new FaultConfig(null, List.of(), List.of(), List.of(), List.of(rules)));
    }

    @Test
    void theCommandsExitCode_isMcksExitCode_andItsOutputIsInTheLog() {
        commands(new CommandRule(null, null, null, "indexer:reindex", 3, 2, List.of("Catalog Search index: failed", "SQLSTATE[HY000]")));
        InProcessMck.Run run = mck("--app", "magento", "--", "bin/magento", "indexer:reindex", "catalogsearch_fulltext");
        assertEquals(3, run.exit(), run.err());
        assertTrue(run.err().contains("| Catalog Search index: failed"), run.err());
        assertTrue(run.err().contains("| SQLSTATE[HY000]"), run.err());
        assertTrue(run.out().contains("magento: bin/magento indexer:reindex catalogsearch_fulltext exited 3"), run.out());

        commands(new CommandRule(null, null, null, "cache:flush", 0, 1, List.of("Flushed cache types:")));
        InProcessMck.Run ok = mck("--app", "magento", "--", "bin/magento", "cache:flush");
        assertEquals(0, ok.exit(), ok.err());
        assertTrue(ok.err().contains("| Flushed cache types:"), ok.err());
        // The one-off task ran the service's current task definition with the command as its override.
        var ecs = s.f.session().ecs();
        var arns = ecs.listTasks(r -> r.cluster("shop-staging-app").startedBy("mck")
                .desiredStatus(software.amazon.awssdk.services.ecs.model.DesiredStatus.STOPPED)).taskArns();
        var tasks = ecs.describeTasks(r -> r.cluster("shop-staging-app").tasks(arns)).tasks();
        assertTrue(tasks.stream().allMatch(t -> t.taskDefinitionArn().equals(taskDefinition)), tasks.toString());
        assertTrue(tasks.stream().anyMatch(t -> t.overrides().containerOverrides().get(0).command()
                .equals(List.of("bin/magento", "cache:flush"))), tasks.toString());
    }

    @Test
    void aTaskEcsCannotStart_exits1_withEcsReason() {
        // A log group that does not exist and may not be created: the container never starts, so there is no exit code.
        var ecs = s.f.session().ecs();
        String broken = ecs.registerTaskDefinition(r -> r.family("shop-staging-magento").networkMode("awsvpc").containerDefinitions(
                ContainerDefinition.builder().name("php-fpm").image("registry.example/shop/php-fpm@" + DeployScenario.digest('r'))
                        .logConfiguration(LogConfiguration.builder().logDriver("awslogs").options(Map.of(
                                "awslogs-group", "/nowhere", "awslogs-region", "us-east-1",
                                "awslogs-stream-prefix", "magento")).build()).build()))
                .taskDefinition().taskDefinitionArn();
        ecs.updateService(r -> r.cluster("shop-staging-app").service("shop-staging-magento").taskDefinition(broken));
        try {
            InProcessMck.Run run = mck("--app", "magento", "--", "bin/magento", "cache:flush");
            assertEquals(1, run.exit(), run.err());
            assertTrue(run.out().contains("magento: bin/magento cache:flush did not run to completion: CannotStartContainerError"), run.out());
        } finally {
            ecs.updateService(r -> r.cluster("shop-staging-app").service("shop-staging-magento").taskDefinition(taskDefinition));
        }
    }

    @Test
    void unknownApp_missingService_andNoCommand_exit2() {
        InProcessMck.Run unknown = mck("--app", "magneto", "--", "bin/magento", "cache:flush");
        assertEquals(2, unknown.exit(), unknown.err());
        assertTrue(unknown.err().contains("no app 'magneto' (did you mean 'magento'?)"), unknown.err());

        InProcessMck.Run missing = mck("--app", "magento", "--service", "nope", "--", "bin/magento", "cache:flush");
        assertEquals(2, missing.exit(), missing.err());
        assertTrue(missing.err().contains("service nope not found in cluster shop-staging-app"), missing.err());

        InProcessMck.Run none = mck("--app", "magento");
        assertEquals(2, none.exit(), none.err());
    }

    @Test
    void help_showsAnExample() {
        InProcessMck.Run help = mck("--help");
        assertEquals(0, help.exit(), help.err());
        assertTrue(help.out().contains("mck run --env staging --app magento -- bin/magento"), help.out());
    }
}
