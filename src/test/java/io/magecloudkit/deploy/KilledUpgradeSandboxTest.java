package io.magecloudkit.deploy;

import static io.magecloudkit.deploy.ReleasePhaseSandboxTest.commands;
import static io.magecloudkit.deploy.ReleasePhaseSandboxTest.rule;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.magecloudkit.aws.SsmLease;
import io.magecloudkit.cli.SandboxTimeMain;
import io.magecloudkit.testing.MckProcess;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.ecs.model.DesiredStatus;
import software.amazon.awssdk.services.ecs.model.Task;

/**
 * A deploy killed (SIGKILL, no chance to clean up) while its setup:upgrade runs, then a rerun: the
 * killed run leaves maintenance mode on, its lease behind and its upgrade running in ECS; the rerun is
 * refused while that lease is valid, takes it over once it has expired, waits for the orphaned upgrade
 * and then disables maintenance mode on its way through.
 */
class KilledUpgradeSandboxTest {
    private static final String CLUSTER = "shop-staging-app";
    private static final String LEASE = "/magecloudkit/shop/staging/magento/deploy-lease";
    private static final String KILLED_BUILD = "jenkins-shop-deploy-41";

    @TempDir
    Path dir;

    @Test
    void killedDuringTheUpgrade_maintenanceStaysOn_thenARerunTakesTheExpiredLeaseOver_waitsForTheOrphan_disablesIt_andCompletes() throws Exception {
        String yaml = DeployScenario.yaml(DeployScenario.RELEASE_APP, "");
        // The sandbox's clock runs by itself here (20x): the killed mck, in its own JVM, waits in that time.
        try (DeployScenario s = new DeployScenario(yaml, 20)) {
            s.service("magento", "app", "nginx", 8080);
            String before = s.service("magento", "app").taskDefinition();
            Files.writeString(dir.resolve("magecloudkit.yml"), yaml);
            // 30 simulated minutes (90 s real): the upgrade outlives the kill and the refused rerun, and the
            // killed run's stopped tasks stay listed (ECS lists stopped tasks for an hour).
            commands(s, rule("setup:db:status", 2, 3, "Declarative Schema is not up to date"),
                    rule("setup:upgrade", 0, 1800, "Updating modules:"));

            Path err = dir.resolve("killed.err");
            // Its release phase polls in the sandbox's time, as the in-process rerun's does.
            Process killed = MckProcess.start(SandboxTimeMain.class.getName(), Map.of("AWS_ACCESS_KEY_ID", "test",
                    "AWS_SECRET_ACCESS_KEY", "test", "BUILD_TAG", KILLED_BUILD), dir, dir.resolve("killed.out"), err,
                    deployArgs(s, "killed.json"));
            try {
                long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
                while (upgrade(s).filter(t -> "RUNNING".equals(t.lastStatus())).isEmpty()) {
                    assertTrue(killed.isAlive() && System.nanoTime() < deadline,
                            "the deploy never started setup:upgrade: " + (Files.exists(err) ? Files.readString(err) : ""));
                    Thread.sleep(100);
                }
            } finally {
                killed.destroyForcibly(); // SIGKILL: no finally block, no shutdown hook runs
            }
            assertTrue(killed.waitFor(30, TimeUnit.SECONDS));
            assertEquals(137, killed.exitValue(), "killed by SIGKILL");

            // What the killed run left: maintenance enabled and never disabled, the upgrade still running in
            // ECS, the service untouched, its lease in SSM.
            assertEquals(List.of("setup:db:status", "maintenance:enable", "setup:upgrade --keep-generated"), started(s));
            assertEquals("RUNNING", upgrade(s).orElseThrow().lastStatus());
            assertEquals(before, s.service("magento", "app").taskDefinition());
            assertTrue(lease(s).orElseThrow().contains(KILLED_BUILD), lease(s).toString());
            // The flag is on storage every task sees: the release tasks mount var/ from EFS.
            var phpFpm = s.f.session().ecs().describeTaskDefinition(r -> r.taskDefinition(upgrade(s).orElseThrow().taskDefinitionArn()))
                    .taskDefinition().containerDefinitions().stream().filter(c -> c.name().equals("php-fpm")).findFirst().orElseThrow();
            assertTrue(phpFpm.mountPoints().stream().anyMatch(m -> m.sourceVolume().equals("var")
                    && m.containerPath().equals("/var/www/magento/var") && !Boolean.TRUE.equals(m.readOnly())), phpFpm.toString());

            // A rerun at once (real clock, as Jenkins would retry) is refused: the lease is still valid.
            MckProcess.Result refused = MckProcess.run(Map.of("AWS_ACCESS_KEY_ID", "test", "AWS_SECRET_ACCESS_KEY", "test",
                    "BUILD_TAG", "jenkins-shop-deploy-42"), dir, deployArgs(s, "refused.json"));
            assertEquals(1, refused.exitCode(), refused.stderr());
            assertTrue(refused.stderr().contains("another deploy of") && refused.stderr().contains(KILLED_BUILD), refused.stderr());
            assertEquals(3, started(s).size(), "the refused rerun started no task: " + started(s));
            assertEquals(before, s.service("magento", "app").taskDefinition());

            // The rerun, once the killed run's lease has expired by the sandbox's clock, while ECS still runs the
            // orphaned upgrade: it takes the lease over and waits for that upgrade (no second one beside it, no
            // maintenance:disable under it); by then the database is up to date.
            s.f.sandbox().advance(SsmLease.TTL);
            assertEquals("RUNNING", upgrade(s).orElseThrow().lastStatus());
            assertTrue(lease(s).orElseThrow().contains(KILLED_BUILD), "the killed run's lease is still there");
            commands(s, rule("setup:db:status", 0, 3, "All modules are up to date."), rule("setup:upgrade", 0, 1800, "Updating modules:"));
            s.log.clear();
            DeployResult.AppResult rerun = DeployerSandboxTest.deploy(s, 'c');
            assertEquals("passed", rerun.verdict(), String.join("\n", s.log));
            String log = String.join("\n", s.log);
            assertTrue(log.contains("an earlier run's bin/magento setup:upgrade --keep-generated still runs"), log);
            assertTrue(log.indexOf("| Updating modules:") < log.indexOf("running bin/magento setup:db:status"),
                    "the orphan's output streamed while waiting: " + log);
            assertEquals(List.of("setup:db:status", "maintenance:enable", "setup:upgrade --keep-generated",
                    "setup:db:status", "maintenance:disable"), started(s));
            List<Task> all = tasks(s);
            assertTrue(all.get(3).createdAt().isAfter(all.get(2).stoppedAt()), "status asked only after the orphaned upgrade stopped");
            assertEquals(0, rerun.release().get(0).exitCode(), "the orphan's exit code: " + rerun.release().get(0));
            OneOffTask.Result disable = rerun.release().get(rerun.release().size() - 1);
            assertEquals("bin/magento maintenance:disable", disable.command());
            assertEquals(0, disable.exitCode(), "the flag the killed run left is cleared");
            assertEquals(rerun.taskDefinition(), s.service("magento", "app").taskDefinition());
            assertEquals(Optional.empty(), lease(s), "the rerun released the lease it took over");
        }
    }

    private String[] deployArgs(DeployScenario s, String resultFile) {
        return new String[] {"deploy", "--config", dir.resolve("magecloudkit.yml").toString(), "--env", "staging",
            "--endpoint-url", s.f.endpoint().toString(), "--app", "magento",
            "--image", "nginx=registry.example/shop/nginx@" + DeployScenario.digest('c'),
            "--image", "php-fpm=registry.example/shop/php-fpm@" + DeployScenario.digest('c'),
            "--target-group-arn", s.targetGroups.get("magento"), "--smoke-url", s.smokeUrl().toString(),
            "--efs-file-system-id", "fs-0123456789abcdef0", "--efs-access-point-id", "fsap-0123456789abcdef0",
            "--efs-var-access-point-id", "fsap-0fedcba9876543210", "--result-file", dir.resolve(resultFile).toString()};
    }

    /** The commands of every one-off task mck started, running or stopped, in the order they were created. */
    private static List<String> started(DeployScenario s) {
        return tasks(s).stream().map(t -> String.join(" ", t.overrides().containerOverrides().get(0).command())
                .replace("bin/magento ", "")).toList();
    }

    private static Optional<Task> upgrade(DeployScenario s) {
        return tasks(s).stream().filter(t -> t.overrides().containerOverrides().get(0).command().contains("setup:upgrade")).findFirst();
    }

    private static List<Task> tasks(DeployScenario s) {
        var ecs = s.f.session().ecs();
        List<String> arns = new ArrayList<>();
        for (DesiredStatus status : List.of(DesiredStatus.RUNNING, DesiredStatus.STOPPED)) {
            arns.addAll(ecs.listTasks(r -> r.cluster(CLUSTER).startedBy("mck").desiredStatus(status)).taskArns());
        }
        if (arns.isEmpty()) {
            return List.of();
        }
        return ecs.describeTasks(r -> r.cluster(CLUSTER).tasks(arns)).tasks().stream()
                .sorted(Comparator.comparing(Task::createdAt)).toList();
    }

    private static Optional<String> lease(DeployScenario s) {
        try {
            return Optional.of(s.f.session().ssm().getParameter(r -> r.name(LEASE)).parameter().value());
        } catch (software.amazon.awssdk.services.ssm.model.ParameterNotFoundException e) {
            return Optional.empty();
        }
    }
}
