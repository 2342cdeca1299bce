package io.magecloudkit.image;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.magecloudkit.MckException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The command lines and the rendered app Dockerfile of the docker / buildah builder. */
class CliBuildTest {
    private static final Path WORK = Path.of("/c");
    private static final Path SRC = Path.of("/src");
    private static final String TEMPLATE = "ARG BASE_IMAGE\nFROM ${BASE_IMAGE}\nCOPY pub/ {{appRoot}}/pub/\n{{environment}}\n";

    private static ImageLayout.ImageSpec spec(List<String> app, Map<String, String> env) {
        return new ImageLayout.ImageSpec("x:1", List.of(), app, null, null, null, null, List.of(), env);
    }

    private static CliBuildPlan plan(BuildRequest.BuilderKind kind, String image, List<String> app, String override, String template) {
        return CliBuildPlan.of(kind, image, spec(app, Map.of()), "/var/www/magento", "reg:5000/shop/" + image, "abc-123",
                override, template, SRC, CliBuildPlan.Paths.in(WORK, image));
    }

    @Test
    void docker_buildsTheBase_thenTheAppOnIt_thenPushes() {
        CliBuildPlan p = plan(BuildRequest.BuilderKind.DOCKER, "php-fpm", List.of("*"), null, TEMPLATE);
        assertEquals(List.of(
                List.of("docker", "build", "--file", "/c/php-fpm.Dockerfile", "--tag", "reg:5000/shop/php-fpm:abc-123-base",
                        "--build-arg", "SOURCE_DATE_EPOCH=0", "/c/base-php-fpm"),
                List.of("docker", "build", "--file", "/c/app-php-fpm.Dockerfile", "--tag", "reg:5000/shop/php-fpm:abc-123",
                        "--build-arg", "BASE_IMAGE=reg:5000/shop/php-fpm:abc-123-base", "--build-arg", "SOURCE_DATE_EPOCH=0", "/src"),
                List.of("docker", "push", "reg:5000/shop/php-fpm:abc-123")), p.commands());
        assertEquals("reg:5000/shop/php-fpm:abc-123-base", p.baseReference());
        assertEquals("ARG BASE_IMAGE\nFROM ${BASE_IMAGE}\nCOPY pub/ /var/www/magento/pub/\n", p.appDockerfile());
    }

    @Test
    void docker_readsTheIgnoreFileNextToTheDockerfile() {
        CliBuildPlan.Paths paths = CliBuildPlan.Paths.in(WORK, "nginx");
        assertEquals(Path.of("/c/app-nginx.Dockerfile.dockerignore"), paths.ignoreFile());
        assertEquals(paths.appDockerfile().getParent(), paths.ignoreFile().getParent());
        assertEquals(paths.appDockerfile().getFileName() + ".dockerignore", paths.ignoreFile().getFileName().toString());
    }

    @Test
    void buildah_cachesLayers_fixesTimestamps_passesTheIgnoreFile_andWritesTheDigestFile() {
        CliBuildPlan p = plan(BuildRequest.BuilderKind.BUILDAH, "nginx", List.of("pub"), null, TEMPLATE);
        assertEquals(List.of(
                List.of("buildah", "build", "--file", "/c/nginx.Dockerfile", "--tag", "reg:5000/shop/nginx:abc-123-base",
                        "--layers", "--timestamp", "0", "/c/base-nginx"),
                List.of("buildah", "build", "--file", "/c/app-nginx.Dockerfile", "--ignorefile", "/c/app-nginx.Dockerfile.dockerignore",
                        "--tag", "reg:5000/shop/nginx:abc-123", "--build-arg", "BASE_IMAGE=reg:5000/shop/nginx:abc-123-base",
                        "--layers", "--timestamp", "0", "/src"),
                List.of("buildah", "push", "--digestfile", "/c/nginx.digest", "reg:5000/shop/nginx:abc-123",
                        "docker://reg:5000/shop/nginx:abc-123")), p.commands());
    }

    @Test
    void aGivenBaseImage_skipsTheBaseBuild() {
        CliBuildPlan p = plan(BuildRequest.BuilderKind.DOCKER, "php-fpm", List.of("*"), "reg:5000/php-base@sha256:ab", TEMPLATE);
        assertEquals(2, p.commands().size());
        assertEquals(List.of("docker", "build", "--file", "/c/app-php-fpm.Dockerfile", "--tag", "reg:5000/shop/php-fpm:abc-123",
                "--build-arg", "BASE_IMAGE=reg:5000/php-base@sha256:ab", "--build-arg", "SOURCE_DATE_EPOCH=0", "/src"), p.commands().get(0));
        assertEquals("reg:5000/php-base@sha256:ab", p.baseReference());
    }

    @Test
    void anImageWithoutAppFiles_isItsBaseRetagged() {
        CliBuildPlan built = plan(BuildRequest.BuilderKind.BUILDAH, "blackfire", List.of(), null, null);
        assertNull(built.appDockerfile());
        assertEquals(List.of("buildah", "tag", "reg:5000/shop/blackfire:abc-123-base", "reg:5000/shop/blackfire:abc-123"),
                built.commands().get(1));
        assertEquals(3, built.commands().size());

        CliBuildPlan given = plan(BuildRequest.BuilderKind.DOCKER, "blackfire", List.of(), "blackfire/blackfire:2", null);
        assertEquals(List.of(
                List.of("docker", "pull", "blackfire/blackfire:2"),
                List.of("docker", "tag", "blackfire/blackfire:2", "reg:5000/shop/blackfire:abc-123"),
                List.of("docker", "push", "reg:5000/shop/blackfire:abc-123")), given.commands());
    }

    @Test
    void anImageWithAppFilesButNoTemplate_isAUsageError() {
        MckException e = assertThrows(MckException.class,
                () -> plan(BuildRequest.BuilderKind.DOCKER, "cron", List.of("*"), null, null));
        assertEquals(MckException.Kind.USAGE, e.kind());
        assertTrue(e.getMessage().contains("app-cron.Dockerfile"), e.getMessage());
    }

    @Test
    void jib_hasNoCommandLines() {
        assertThrows(IllegalArgumentException.class, () -> plan(BuildRequest.BuilderKind.JIB, "nginx", List.of("pub"), null, TEMPLATE));
    }

    @Test
    void render_putsTheEnvironmentInOneSortedEnv_quotedAgainstExpansion() {
        String out = CliBuildPlan.render("FROM b\nCOPY x {{appRoot}}/x\n{{environment}}\n", "/var/www/magento/",
                Map.of("B_VAR", "has \"quotes\" and $HOME", "A_VAR", "back\\slash"));
        assertEquals("FROM b\nCOPY x /var/www/magento/x\nENV A_VAR=\"back\\\\slash\" \\\n    B_VAR=\"has \\\"quotes\\\" and \\$HOME\"\n", out);
    }

    @Test
    void render_refusesUnknownFields_andBadNames() {
        assertThrows(MckException.class, () -> CliBuildPlan.render("FROM b\nCOPY {{src}} /x\n", "/a", Map.of()));
        assertThrows(MckException.class, () -> CliBuildPlan.render("{{environment}}", "/a", Map.of("BAD-NAME", "1")));
        assertThrows(MckException.class, () -> CliBuildPlan.render("{{environment}}", "/a", Map.of("A", "two\nlines")));
        assertFalse(CliBuildPlan.render("FROM b\n{{environment}}\n", "/a", Map.of()).contains("ENV"));
    }
}
