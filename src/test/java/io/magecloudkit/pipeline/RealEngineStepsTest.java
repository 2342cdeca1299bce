package io.magecloudkit.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.magecloudkit.image.BaseImageSeeder;
import io.magecloudkit.image.DockerRegistryServer;
import io.magecloudkit.image.MagentoFixture;
import io.magecloudkit.sandbox.SandboxFixture;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * mckBuildImages with the real engine against the sandbox: AWS access from a Jenkins credentials
 * entry (the sandbox checks the signature, so the key reached mck), the ECR token from the sandbox
 * opening Debian's docker-registry, the images pushed, and neither the secret key nor the ECR
 * token in anything printed, returned or left in the workspace.
 */
class RealEngineStepsTest {
    @TempDir
    Path work;

    @Test
    void buildImages_withCredentialsFromJenkins_pushesThroughTheSandboxsEcr_andPrintsNoSecret() throws Exception {
        DockerRegistryServer.requireInstalled();
        String ecrPassword = "ecr-token-" + Long.toHexString(System.nanoTime());
        Path workspace = Files.createDirectories(work.resolve("workspace"));
        try (DockerRegistryServer registry = DockerRegistryServer.start(work.resolve("registry"), "AWS", ecrPassword);
             SandboxFixture sandbox = SandboxFixture.builder().sandbox(c -> c.accessKey(RealEngine.ACCESS_KEY)
                     .secretKey(RealEngine.SECRET_KEY).registryEndpoint("http://" + registry.host()).registryPassword(ecrPassword)).start()) {
            Map<String, Object> bases = new LinkedHashMap<>();
            bases.put("nginx", BaseImageSeeder.seed(registry, "AWS", ecrPassword, "base/nginx:1", "n", work));
            bases.put("php-fpm", BaseImageSeeder.seed(registry, "AWS", ecrPassword, "base/php:1", "p", work));
            MagentoFixture.small(workspace.resolve("shop"));
            PipelineHarness jenkins = RealEngine.agent(work, workspace)
                    .credentials("aws-sandbox", RealEngine.ACCESS_KEY, RealEngine.SECRET_KEY)
                    .credentials("aws-wrong", RealEngine.ACCESS_KEY, RealEngine.SECRET_KEY + "x");
            Map<String, Object> args = new LinkedHashMap<>();
            args.put("mck", RealEngine.launcher(work.resolve("bin")).toString());
            args.put("source", "shop");
            args.put("tag", "0badc0ffee00");
            args.put("registryType", "ecr");
            args.put("registry", "ecr/shop");
            args.put("images", List.of("nginx", "php-fpm"));
            args.put("baseImages", bases);
            args.put("cacheDir", work.resolve("cache").toString());
            args.put("region", "us-east-1");
            args.put("endpointUrl", sandbox.endpoint().toString());
            args.put("credentialsId", "aws-sandbox");

            Map<?, ?> built = (Map<?, ?>) jenkins.run("mckBuildImages", args);

            assertEquals(List.of("nginx", "php-fpm"), List.copyOf(built.keySet()));
            for (Object image : built.values()) {
                Map<?, ?> i = (Map<?, ?>) image;
                assertTrue(String.valueOf(i.get("reference")).matches(".*/shop/(nginx|php-fpm)@sha256:[0-9a-f]{64}"), i.toString());
                assertEquals("pushed", i.get("status"));
            }
            String everything = jenkins.unmasked() + built + RealEngine.resultFiles(workspace);
            assertFalse(everything.contains(RealEngine.SECRET_KEY), "the secret key was printed or kept");
            assertFalse(everything.contains(ecrPassword), "the ECR token was printed or kept");

            // Credentials the sandbox refuses: mck's own one-line reason, still no secret.
            args.put("credentialsId", "aws-wrong");
            String message = assertThrows(PipelineHarness.StepError.class, () -> jenkins.run("mckBuildImages", args)).getMessage();
            assertTrue(message.startsWith("mckBuildImages failed (exit 3): ") && !message.contains("\n"), message);
            assertFalse((jenkins.unmasked() + message + RealEngine.resultFiles(workspace)).contains(RealEngine.SECRET_KEY));
        }
    }
}
