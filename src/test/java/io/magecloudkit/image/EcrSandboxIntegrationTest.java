package io.magecloudkit.image;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.magecloudkit.EventSink;
import io.magecloudkit.sandbox.SandboxFixture;
import java.nio.file.Path;
import java.util.List;
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
        try (EcrSandbox ecrSandbox = EcrSandbox.start(work)) {
            DockerRegistryServer registry = ecrSandbox.registry;
            SandboxFixture f = ecrSandbox.f;
            String password = ecrSandbox.password;
            BuildRequest request = ecrSandbox.build("shop");
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
