package io.magecloudkit.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.magecloudkit.deploy.DeployScenario;
import io.magecloudkit.image.BaseImageSeeder;
import io.magecloudkit.image.DockerRegistryServer;
import io.magecloudkit.testing.FreePort;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * mck deploy --verify-only against the sandbox and Debian's docker-registry (htpasswd auth): images of
 * the environment's OCI registry are checked by manifest, every problem named at once, and the sandbox's
 * request log shows no write call.
 */
class PreflightRegistryTest {
    static final String PASSWORD = "preflight-registry-pw-4c1d";
    static final String APP = """
            apps:
              magento:
                desiredCount: 2
                secrets:
                  DB_PASSWORD: ssm:/shop/staging/db-password
                  CRYPT_KEY: secretsmanager:shop/staging/keys:crypt_key
                deployment:
                  healthCheckGracePeriodSeconds: 0
                  release: false
            """;

    @TempDir
    static Path work;
    static DockerRegistryServer registry;
    static DeployScenario s;
    static String nginx;
    static String phpFpm;

    @BeforeAll
    static void start() throws Exception {
        DockerRegistryServer.requireInstalled();
        registry = DockerRegistryServer.start(work.resolve("registry"), "jenkins", PASSWORD);
        BaseImageSeeder.seed(registry, "jenkins", PASSWORD, "shop/nginx:1", "n", work);
        BaseImageSeeder.seed(registry, "jenkins", PASSWORD, "shop/php-fpm:1", "p", work);
        nginx = registry.host() + "/shop/nginx@" + registry.tagDigest("shop/nginx", "1").orElseThrow();
        phpFpm = registry.host() + "/shop/php-fpm@" + registry.tagDigest("shop/php-fpm", "1").orElseThrow();
        s = new DeployScenario(DeployScenario.yaml(APP, ""), 20);
        s.service("magento", "app", "nginx", 8080);
        var aws = s.f.session();
        aws.ssm().putParameter(r -> r.name("/shop/staging/db-password").value(PASSWORD + "-db").type("SecureString"));
        aws.secretsManager().createSecret(r -> r.name("shop/staging/keys").secretString("{\"crypt_key\":\"" + PASSWORD + "-key\"}"));
        write("oci.yml", registry.host() + "/shop", APP);
    }

    @AfterAll
    static void stop() throws Exception {
        if (s != null) {
            s.close();
        }
        if (registry != null) {
            registry.close();
        }
    }

    static Path write(String name, String registryUrl, String apps) throws Exception {
        String images = registryUrl == null ? "" : "images:\n  registry:\n    type: oci\n    url: " + registryUrl + "\n";
        Path file = work.resolve(name);
        Files.writeString(file, DeployScenario.yaml(images + apps, ""));
        return file;
    }

    record Run(int exit, String err, List<String> writes) {
    }

    /** One --verify-only run with this process environment; the writes are those the sandbox's request log shows. */
    static Run verify(Path config, Map<String, String> environment, String nginxImage, String phpFpmImage) {
        CommandLine cl = Main.commandLine();
        ((DeployCommand) cl.getSubcommands().get("deploy").getCommand()).environment = environment;
        StringWriter err = new StringWriter();
        cl.setErr(new PrintWriter(err, true));
        cl.setOut(new PrintWriter(new StringWriter(), true));
        long before = s.f.lastRequest();
        List<String> args = new ArrayList<>(List.of("deploy", "--verify-only", "--app", "magento",
                "--image", "nginx=" + nginxImage, "--image", "php-fpm=" + phpFpmImage,
                "--target-group-arn", s.targetGroups.get("magento"), "--efs-file-system-id", "fs-0123456789abcdef0",
                "--config", config.toString(), "--env", "staging", "--endpoint-url", s.f.endpoint().toString()));
        int exit = cl.execute(args.toArray(String[]::new));
        return new Run(exit, err.toString(), s.f.writesSince(before));
    }

    static Map<String, String> login(String password) {
        return Map.of("MCK_REGISTRY_USERNAME", "jenkins", "MCK_REGISTRY_PASSWORD", password,
                "DOCKER_CONFIG", work.resolve("no-docker-config").toString());
    }

    static String missing(String repository) {
        return registry.host() + "/shop/" + repository + "@" + DeployScenario.digest('9');
    }

    static void assertNoSecretShown(Run run) {
        assertFalse(run.err().contains(PASSWORD), "no password or secret value in the output: " + run.err());
    }

    @Test
    void presentDigests_pass_withReadOnlyCalls() throws Exception {
        Run run = verify(work.resolve("oci.yml"), login(PASSWORD), nginx, phpFpm);
        assertEquals(0, run.exit(), run.err());
        assertTrue(run.err().contains("preflight: passed"), run.err());
        assertFalse(run.err().contains("not checked"), "both images were asked of the registry: " + run.err());
        assertEquals(List.of(), run.writes());
        assertNoSecretShown(run);
    }

    @Test
    void missingDigest_isNamed_exit2() throws Exception {
        Run run = verify(work.resolve("oci.yml"), login(PASSWORD), nginx, missing("php-fpm"));
        assertEquals(2, run.exit(), run.err());
        assertTrue(run.err().contains("app magento: image " + missing("php-fpm") + " does not exist in its registry"), run.err());
        assertFalse(run.err().contains("image " + nginx), "the present image is no problem: " + run.err());
        assertEquals(List.of(), run.writes());
        assertNoSecretShown(run);
    }

    @Test
    void wrongPassword_isNamed_exit3_andThePasswordNeverShown() throws Exception {
        Run run = verify(work.resolve("oci.yml"), login("not-the-" + PASSWORD), nginx, phpFpm);
        assertEquals(3, run.exit(), run.err());
        assertTrue(run.err().contains("image " + nginx + " could not be checked: registry " + registry.host()
                + " refused the credentials for user jenkins (HTTP 401)"), run.err());
        assertTrue(run.err().contains("image " + phpFpm + " could not be checked"), run.err());
        assertEquals(List.of(), run.writes());
        assertNoSecretShown(run);
    }

    @Test
    void unreachableRegistry_isNamed_exit3() throws Exception {
        String closed = FreePort.closedLoopbackEndpoint().getAuthority();
        Path config = write("closed.yml", closed + "/shop", APP);
        Run run = verify(config, login(PASSWORD), closed + "/shop/nginx@" + DeployScenario.digest('1'), phpFpm);
        assertEquals(3, run.exit(), run.err());
        assertTrue(run.err().contains("image " + closed + "/shop/nginx@" + DeployScenario.digest('1')
                + " could not be checked: cannot reach registry " + closed + ": connection refused"), run.err());
        // Not this environment's registry and no Docker-config login: not asked, only noted.
        assertTrue(run.err().contains("image " + phpFpm + " not checked: registry " + registry.host()
                + " is not this environment's images.registry"), run.err());
        assertEquals(List.of(), run.writes());
    }

    @Test
    void everyProblemAtOnce_missingDigestParameterAndJsonKey_exit2() throws Exception {
        Path config = write("broken.yml", registry.host() + "/shop", APP
                .replace("ssm:/shop/staging/db-password", "ssm:/shop/staging/no-such-parameter")
                .replace("shop/staging/keys:crypt_key", "shop/staging/keys:no_such_key"));
        Run run = verify(config, login(PASSWORD), missing("nginx"), phpFpm);
        assertEquals(2, run.exit(), run.err());
        for (String problem : List.of("image " + missing("nginx") + " does not exist in its registry",
                "secret php-fpm/DB_PASSWORD: SSM parameter /shop/staging/no-such-parameter does not exist",
                "has no JSON key no_such_key")) {
            assertTrue(run.err().contains("app magento: ") && run.err().contains(problem), problem + " in: " + run.err());
        }
        assertTrue(run.err().contains("preflight found 3 problems, nothing changed"), run.err());
        assertEquals(List.of(), run.writes());
        assertNoSecretShown(run);
    }

    @Test
    void aRegistryWithADockerConfigLogin_isChecked_evenWhenNotConfigured() throws Exception {
        Path dockerConfig = work.resolve("docker-config");
        Files.createDirectories(dockerConfig);
        String auth = Base64.getEncoder().encodeToString(("jenkins:" + PASSWORD).getBytes(StandardCharsets.UTF_8));
        Files.writeString(dockerConfig.resolve("config.json"),
                "{\"auths\":{\"" + registry.host() + "\":{\"auth\":\"" + auth + "\"}}}");
        Path config = write("unconfigured.yml", null, APP);
        Run run = verify(config, Map.of("DOCKER_CONFIG", dockerConfig.toString()), nginx, missing("php-fpm"));
        assertEquals(2, run.exit(), run.err());
        assertTrue(run.err().contains("image " + missing("php-fpm") + " does not exist in its registry"), run.err());
        assertEquals(List.of(), run.writes());
        assertNoSecretShown(run);
    }
}
