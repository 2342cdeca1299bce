package io.magecloudkit.image;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

class CliBuildTest {
    @Test
    void docker_buildsWithTheBaseAsBuildArg_thenPushes() {
        List<List<String>> cmds = CliBuild.commands(BuildRequest.BuilderKind.DOCKER, "/c/nginx.Dockerfile",
                "reg:5000/shop/nginx:abc-123", "nginx:1.27-alpine", Path.of("/src"), Path.of("/c/context-nginx"), Path.of("/c/d"));
        assertEquals(List.of(
                List.of("docker", "build", "--file", "/c/nginx.Dockerfile", "--tag", "reg:5000/shop/nginx:abc-123",
                        "--build-arg", "BASE_IMAGE=nginx:1.27-alpine", "--build-context", "mck=/c/context-nginx", "/src"),
                List.of("docker", "push", "reg:5000/shop/nginx:abc-123")), cmds);
    }

    @Test
    void buildah_fixesTimestamps_andWritesTheDigestFile() {
        List<List<String>> cmds = CliBuild.commands(BuildRequest.BuilderKind.BUILDAH, "/c/php-fpm.Dockerfile",
                "reg/php-fpm:t", "php:8.2-fpm", Path.of("/src"), Path.of("/c/ctx"), Path.of("/c/php-fpm.digest"));
        assertEquals(List.of("buildah", "bud", "--file", "/c/php-fpm.Dockerfile", "--tag", "reg/php-fpm:t",
                "--build-arg", "BASE_IMAGE=php:8.2-fpm", "--build-context", "mck=/c/ctx", "--timestamp", "0", "/src"), cmds.get(0));
        assertEquals(List.of("buildah", "push", "--digestfile", "/c/php-fpm.digest", "reg/php-fpm:t", "docker://reg/php-fpm:t"),
                cmds.get(1));
    }
}
