package io.magecloudkit.image;

import io.magecloudkit.aws.AwsSettings;
import io.magecloudkit.sandbox.SandboxFixture;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * ECR with real parts: Debian's docker-registry stands in for the account's ECR registry (htpasswd user
 * AWS), and a sandbox whose GetAuthorizationToken hands out that registry's password, so a build logs in
 * with an ECR token as it would on AWS. The nginx and php-fpm base images are seeded in the registry.
 */
public final class EcrSandbox implements AutoCloseable {
    public final DockerRegistryServer registry;
    public final SandboxFixture f;
    /** The registry's password, which every ECR token carries: it must never reach a log. */
    public final String password;
    private final Map<String, String> bases;
    private final Path work;

    private EcrSandbox(DockerRegistryServer registry, SandboxFixture f, String password, Map<String, String> bases, Path work) {
        this.registry = registry;
        this.f = f;
        this.password = password;
        this.bases = bases;
        this.work = work;
    }

    /** Starts registry and sandbox with their files under {@code work}; skips the test when docker-registry is missing. */
    public static EcrSandbox start(Path work) throws Exception {
        DockerRegistryServer.requireInstalled();
        String password = "sandbox-ecr-" + Long.toHexString(System.nanoTime());
        DockerRegistryServer registry = DockerRegistryServer.start(work.resolve("registry"), "AWS", password);
        SandboxFixture f = null;
        try {
            f = SandboxFixture.builder().sandbox(c -> c.registryEndpoint("http://" + registry.host()).registryPassword(password)).start();
            Map<String, String> bases = Map.of(
                    "nginx", BaseImageSeeder.seed(registry, "AWS", password, "base/nginx:1", "n", work),
                    "php-fpm", BaseImageSeeder.seed(registry, "AWS", password, "base/php:1", "p", work));
            return new EcrSandbox(registry, f, password, bases, work);
        } catch (Exception e) {
            if (f != null) {
                f.close();
            }
            registry.close();
            throw e;
        }
    }

    /** A Jib build of nginx and php-fpm from a small Magento tree into the ECR repositories {@code <prefix>/<image>}. */
    public BuildRequest build(String repositoryPrefix) {
        AwsSettings aws = AwsSettings.builder().region("us-east-1").endpoint(f.endpoint()).environment(Map.of()).build();
        return new BuildRequest(MagentoFixture.small(work.resolve("shop")), List.of("nginx", "php-fpm"), "0badc0ffee00",
                new Target.Registry("", repositoryPrefix, Target.RegistryType.ECR), bases, BuildRequest.BuilderKind.JIB,
                work.resolve("cache"), MagentoFixture.testLayout(), Map.of(), aws);
    }

    @Override
    public void close() throws InterruptedException {
        try {
            f.close();
        } finally {
            registry.close();
        }
    }
}
