package io.magecloudkit.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.magecloudkit.deploy.DeployScenario;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** mck deploy / rollback / status end to end against the sandbox (its clock sped up, the gate waiting in its time). */
class DeployCommandTest {
    @AutoClose
    static OneAppCli cli;
    static DeployScenario s;
    static Path dir;

    @BeforeAll
    static void start(@TempDir Path tmp) throws Exception {
        dir = tmp;
        cli = new OneAppCli(tmp);
        s = cli.s;
    }

    /** mck SUBCOMMAND ARGS... against the sandbox (see {@link OneAppCli#mck}). */
    static InProcessMck.Run mck(String... args) {
        return cli.mck(args[0], List.of(args).subList(1, args.length));
    }

    static String image(String container, char build) {
        return container + "=registry.example/shop/" + container + "@" + DeployScenario.digest(build);
    }

    static int revisions() {
        return s.f.session().ecs().listTaskDefinitions(r -> r.familyPrefix("shop-staging-magento")).taskDefinitionArns().size();
    }

    @Test
    void verifyOnly_namesAMissingImageDigest_exit2_andChangesNothing() throws Exception {
        String account = s.f.session().sts().getCallerIdentity().account();
        String repo = account + ".dkr.ecr.us-east-1.amazonaws.com/shop/verify-php-fpm";
        s.f.session().ecr().createRepository(r -> r.repositoryName("shop/verify-php-fpm"));
        int before = revisions();
        var service = s.service("magento", "app");
        long lastRequest = s.f.lastRequest();
        InProcessMck.Run run = mck("deploy", "--verify-only", "--app", "magento", "--image", image("nginx", 'e'),
                "--image", "php-fpm=" + repo + "@" + DeployScenario.digest('e'),
                "--target-group-arn", s.targetGroups.get("magento"), "--efs-file-system-id", "fs-0123456789abcdef0");
        assertEquals(2, run.exit(), run.out() + run.err());
        assertTrue(run.err().contains("image " + repo + "@" + DeployScenario.digest('e') + " does not exist in its registry"),
                run.err());
        assertTrue(run.err().contains("not checked: registry registry.example is not this environment's images.registry"), run.err());
        assertEquals(before, revisions(), "no task definition registered");
        assertEquals(service.deployments(), s.service("magento", "app").deployments(), "the service untouched");
        assertEquals(List.of(), s.f.writesSince(lastRequest), "no AWS write call in the sandbox's request log");
    }

    @Test
    void verifyOnly_aTaskTooLargeForItsInstanceType_exit2() throws Exception {
        Path big = dir.resolve("big.yml");
        Files.writeString(big, DeployScenario.yaml("apps:\n  magento:\n    desiredCount: 2\n    memory: 65536\n", ""));
        int before = revisions();
        long lastRequest = s.f.lastRequest();
        InProcessMck.Run run = mck("deploy", "--verify-only", "--config", big.toString(), "--app", "magento",
                "--image", image("nginx", 'f'), "--image", image("php-fpm", 'f'));
        assertEquals(2, run.exit(), run.out() + run.err());
        assertTrue(run.err().contains("cannot run a task of app 'magento'"), run.err());
        // Refused when the configuration loaded: not one AWS call, so certainly no write.
        assertEquals(lastRequest, s.f.lastRequest(), "no AWS call in the sandbox's request log");
        assertEquals(before, revisions());
    }

    @Test
    void deploy_passes_writesTheResult_andStatusShowsIt() throws Exception {
        Path result = dir.resolve("deploy.json");
        InProcessMck.Run run = mck("deploy", "--app", "magento", "--image", image("nginx", 'd'), "--image", image("php-fpm", 'd'),
                "--target-group-arn", s.targetGroups.get("magento"), "--smoke-url", s.smokeUrl().toString(),
                "--efs-file-system-id", "fs-0123456789abcdef0", "--result-file", result.toString());
        assertEquals(0, run.exit(), run.err());
        assertTrue(run.out().startsWith("magento: passed - deployment "), run.out());
        JsonNode json = new ObjectMapper().readTree(Files.readString(result));
        assertEquals("succeeded", json.path("status").asText());
        JsonNode app = json.path("result").path("apps").get(0);
        assertEquals("passed", app.path("verdict").asText());
        assertTrue(app.path("taskDefinition").asText().contains("shop-staging-magento:"));
        assertTrue(app.path("timings").path("gateSeconds").asDouble() > 0);
        assertEquals("registry.example/shop/php-fpm@" + DeployScenario.digest('d'), app.path("images").path("php-fpm").asText());

        InProcessMck.Run status = mck("status", "--app", "magento", "--target-group-arn", s.targetGroups.get("magento"));
        assertEquals(0, status.exit(), status.err());
        assertTrue(status.out().contains("revision  " + app.path("taskDefinition").asText().replaceAll(".*/", "")), status.out());
        assertTrue(status.out().contains("targets 2/2 healthy"), status.out());
        assertTrue(status.out().contains(" deploy "), status.out());
    }

    @Test
    void imageWithoutDigest_exits2_andRegistersNothing() {
        int before = revisions();
        InProcessMck.Run run = mck("deploy", "--app", "magento", "--image", "nginx=registry.example/shop/nginx:latest",
                "--image", image("php-fpm", 'e'), "--no-smoke-check");
        assertEquals(2, run.exit(), run.err());
        assertTrue(run.err().contains("--image nginx: image 'registry.example/shop/nginx:latest' has no digest"), run.err());
        assertEquals(before, revisions());
    }

    @Test
    void unknownApp_missingService_andTaskTooLarge_exit2() throws Exception {
        InProcessMck.Run unknown = mck("deploy", "--app", "magneto", "--image", image("nginx", 'e'), "--no-smoke-check");
        assertEquals(2, unknown.exit(), unknown.err());
        assertTrue(unknown.err().contains("no app 'magneto' (did you mean 'magento'?)"), unknown.err());

        int before = revisions();
        InProcessMck.Run missing = mck("deploy", "--app", "magento", "--service", "nope", "--image", image("nginx", 'e'),
                "--image", image("php-fpm", 'e'), "--no-smoke-check");
        assertEquals(2, missing.exit(), missing.err());
        assertTrue(missing.err().contains("service nope not found in cluster shop-staging-app"), missing.err());
        assertEquals(before, revisions());

        // A task no instance of its cluster can hold: refused when the configuration is read.
        Path huge = dir.resolve("huge.yml");
        Files.writeString(huge, DeployScenario.yaml(DeployScenario.ONE_APP.replace("    desiredCount: 2\n",
                "    desiredCount: 2\n    cpu: 8192\n    memory: 16384\n"), ""));
        InProcessMck.Run tooLarge = mck("deploy", "--app", "magento", "--image", image("nginx", 'e'), "--image", image("php-fpm", 'e'),
                "--no-smoke-check", "--config", huge.toString());
        assertEquals(2, tooLarge.exit(), tooLarge.err());
        assertTrue(tooLarge.err().contains("c6i.large cannot run a task of app 'magento'"), tooLarge.err());
        assertEquals(before, revisions());
    }

    @Test
    void unknownEnvironment_exit2_andRegistersNothing() {
        int before = revisions();
        InProcessMck.Run run = InProcessMck.execute(List.of("deploy", "--app", "magento", "--image", image("nginx", 'e'),
                "--image", image("php-fpm", 'e'), "--no-smoke-check", "--config", dir.resolve("magecloudkit.yml").toString(),
                "--env", "stagign", "--endpoint-url", s.f.endpoint().toString()));
        assertEquals(2, run.exit(), run.err());
        assertTrue(run.err().contains("no environment 'stagign' (did you mean 'staging'?)") && run.err().lines().count() == 1, run.err());
        assertEquals(before, revisions());
    }

    @Test
    void noImages_exit2() {
        InProcessMck.Run run = mck("deploy", "--app", "magento", "--no-smoke-check");
        assertEquals(2, run.exit());
        assertTrue(run.err().contains("no images"), run.err());
    }

    @Test
    void sigterm_stopsWaiting_saysTheServiceState_andWritesTheResult() throws Exception {
        s.smokeStatus.set(503);
        try {
            Path result = dir.resolve("sigterm.json");
            Path err = dir.resolve("sigterm.err");
            List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString()));
            command.addAll(io.magecloudkit.testing.MckProcess.JVM_OPTIONS);
            command.addAll(List.of("-cp", System.getProperty("java.class.path"), SandboxTimeMain.class.getName(), "deploy", "--app", "magento",
                    "--image", image("nginx", 'f'), "--image", image("php-fpm", 'f'), "--smoke-url", s.smokeUrl().toString(),
                    "--result-file", result.toString(), "--config", cli.config.toString(),
                    "--env", "staging", "--endpoint-url", s.f.endpoint().toString()));
            ProcessBuilder pb = new ProcessBuilder(command).redirectError(err.toFile())
                    .redirectOutput(dir.resolve("sigterm.out").toFile());
            pb.environment().put("AWS_ACCESS_KEY_ID", "test");
            pb.environment().put("AWS_SECRET_ACCESS_KEY", "test");
            pb.environment().put("AWS_EC2_METADATA_DISABLED", "true");
            pb.environment().put("BUILD_TAG", "jenkins-shop-sigterm-1");
            Process p = pb.start();
            long deadline = System.nanoTime() + java.util.concurrent.TimeUnit.SECONDS.toNanos(60);
            while (!Files.exists(err) || !Files.readString(err).contains("smoke check: 503")) {
                assertTrue(p.isAlive() && System.nanoTime() < deadline, "the gate never asked the smoke check: "
                        + (Files.exists(err) ? Files.readString(err) : ""));
                Thread.sleep(100);
            }
            p.destroy(); // SIGTERM, as Jenkins sends when a step is aborted
            assertTrue(p.waitFor(30, java.util.concurrent.TimeUnit.SECONDS));
            String log = Files.readString(err);
            assertTrue(log.contains("stopped waiting (cancelled); service shop-staging-magento: PRIMARY deployment"), log);
            JsonNode app = new ObjectMapper().readTree(Files.readString(result)).path("result").path("apps").get(0);
            assertEquals("aborted", app.path("verdict").asText());
            assertTrue(app.path("serviceState").asText().contains("run mck deploy again"), app.toString());
        } finally {
            s.smokeStatus.set(200);
        }
        InProcessMck.Run rerun = mck("deploy", "--app", "magento", "--image", image("nginx", 'f'), "--image", image("php-fpm", 'f'),
                "--smoke-url", s.smokeUrl().toString());
        assertEquals(0, rerun.exit(), "the lease was released: " + rerun.err());
        assertTrue(rerun.err().contains("watching it, no new rollout") || rerun.err().contains("reused"), rerun.err());
    }
}
