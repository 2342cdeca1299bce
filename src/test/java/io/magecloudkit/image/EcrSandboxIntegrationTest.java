package io.magecloudkit.image;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.magecloudkit.EventSink;
import io.magecloudkit.aws.AwsSettings;
import io.magecloudkit.sandbox.SandboxFixture;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.ecr.model.ImageDetail;
import software.amazon.awssdk.services.ecr.model.Repository;

/**
 * The whole ECR path with real parts: the sandbox answers GetAuthorizationToken with a token
 * whose password is the htpasswd password of Debian's docker-registry, which stands in for the
 * account's ECR registry; the builder logs in with it, creates the repositories and pushes.
 */
class EcrSandboxIntegrationTest {
    @TempDir
    Path work;

    @Test
    void ecrTokenFromTheSandbox_opensTheRegistry_andTheImagesShowInEcr() throws Exception {
        DockerRegistryServer.requireInstalled();
        String password = "sandbox-ecr-" + Long.toHexString(System.nanoTime());
        try (DockerRegistryServer registry = DockerRegistryServer.start(work.resolve("registry"), "AWS", password);
             SandboxFixture f = SandboxFixture.builder()
                     .sandbox(c -> c.registryEndpoint("http://" + registry.host()).registryPassword(password)).start()) {
            Map<String, String> bases = Map.of(
                    "nginx", BaseImageSeeder.seed(registry, "AWS", password, "base/nginx:1", "n", work),
                    "php-fpm", BaseImageSeeder.seed(registry, "AWS", password, "base/php:1", "p", work));
            Path source = MagentoFixture.small(work.resolve("shop"));
            AwsSettings aws = AwsSettings.builder().region("us-east-1").endpoint(f.endpoint()).environment(Map.of()).build();
            BuildRequest request = new BuildRequest(source, List.of("nginx", "php-fpm"), "0badc0ffee00",
                    new Target.Registry("", "shop", Target.RegistryType.ECR), bases, BuildRequest.BuilderKind.JIB,
                    work.resolve("cache"), MagentoFixture.testLayout(), Map.of(), aws);
            List<String> log = new CopyOnWriteArrayList<>();

            BuildResult result = new ImageBuilder().build(request, (level, message) -> log.add(message));

            var ecr = f.session().ecr();
            for (BuildResult.ImageResult image : result.images()) {
                String name = "shop/" + image.name();
                assertEquals(image.digest(), registry.tagDigest(name, result.tag()).orElseThrow());
                Repository repo = ecr.describeRepositories(r -> r.repositoryNames(name)).repositories().get(0);
                assertTrue(repo.imageScanningConfiguration().scanOnPush(), name);
                assertEquals("IMMUTABLE", repo.imageTagMutabilityAsString());
                ImageDetail detail = ecr.describeImages(r -> r.repositoryName(name)).imageDetails().stream()
                        .filter(d -> d.imageTags().contains(result.tag())).findFirst().orElseThrow();
                assertEquals(image.digest(), detail.imageDigest());
            }
            assertTrue(log.stream().noneMatch(l -> l.contains(password)), "the ECR token never reaches the log");

            BuildResult again = new ImageBuilder().build(request, EventSink.NONE);
            assertEquals(result.images().stream().map(BuildResult.ImageResult::digest).toList(),
                    again.images().stream().map(BuildResult.ImageResult::digest).toList());
            assertTrue(again.images().stream().allMatch(i -> i.bytesPushed() == 0), again.toString());
        }
    }
}
