package io.magecloudkit.image;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.magecloudkit.MckException;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The pure decisions of a build, as tables: target, ECR prefix, base-image precedence, tag verdict. */
class BuildDecisionsTest {
    static final Path OUT = Path.of("/out");

    /** flags (registry, type, --output given), configuration (type, url, path) -> the target, or the error. */
    @ParameterizedTest(name = "{0} {1} {2} / {3} {4} {5} -> {6}")
    @CsvSource(nullValues = "-", delimiter = '|', textBlock = """
            -                         | -   | false | -   | -                    | -        | tar /out
            -                         | -   | true  | tar | -                    | cfg/imgs | tar /out
            -                         | -   | false | tar | -                    | /cfg     | tar /cfg
            -                         | -   | false | tar | -                    | -        | tar /out
            -                         | -   | false | oci | 127.0.0.1:5000/acme  | -        | OCI 127.0.0.1:5000 acme
            -                         | -   | false | ecr | -                    | -        | ECR  -
            -                         | -   | false | ecr | ecr/shop             | -        | ECR  shop
            reg.example:5000/a/b      | -   | false | ecr | -                    | -        | OCI reg.example:5000 a/b
            reg.example               | oci | false | -   | -                    | -        | OCI reg.example -
            -                         | ecr | false | oci | 127.0.0.1:5000/acme  | -        | ECR  -
            ecr                       | ecr | false | -   | -                    | -        | ECR  -
            ecr/shop/web              | ecr | false | -   | -                    | -        | ECR  shop/web
            1.dkr.ecr.x.amazonaws.com/shop | ecr | false | - | -               | -        | ECR 1.dkr.ecr.x.amazonaws.com shop
            -                         | tar | false | ecr | -                    | -        | tar /out
            reg.example               | tar | false | -   | -                    | -        | error: --registry-type tar takes no --registry
            -                         | oci | false | -   | -                    | -        | error: --registry-type oci needs --registry
            reg.example:99999         | -   | false | -   | -                    | -        | error: port 99999
            ecr/Shop                  | ecr | false | -   | -                    | -        | error: is not a repository path
            """)
    void target(String registry, String type, boolean outputGiven, String cfgType, String cfgUrl, String cfgPath, String expected) {
        if (expected.startsWith("error: ")) {
            MckException e = assertThrows(MckException.class,
                    () -> ImageBuilder.target(registry, type, OUT, outputGiven, cfgType, cfgUrl, cfgPath));
            assertEquals(MckException.Kind.USAGE, e.kind());
            assertTrue(e.getMessage().contains(expected.substring(7)), e.getMessage());
            return;
        }
        Target t = ImageBuilder.target(registry, type, OUT, outputGiven, cfgType, cfgUrl, cfgPath);
        String[] want = expected.split(" +");
        if (want[0].equals("tar")) {
            assertEquals(new Target.TarDirectory(Path.of(want[1])), t);
        } else {
            Target.RegistryType kind = Target.RegistryType.valueOf(want[0]);
            String host = want.length == 3 ? want[1] : "";
            String prefix = want[want.length - 1].equals("-") ? "" : want[want.length - 1];
            assertEquals(new Target.Registry(host, prefix, kind), t);
        }
    }

    /** Layout default, images.base, --base-image -> the base of php-fpm. */
    @ParameterizedTest
    @CsvSource(nullValues = "-", textBlock = """
            php:layout, -,          -,         php:layout
            php:layout, php:config, -,         php:config
            php:layout, -,          php:flag,  php:flag
            php:layout, php:config, php:flag,  php:flag
            """)
    void baseImagePrecedence(String layout, String configured, String flag, String expected) {
        Map<String, String> cfg = configured == null ? Map.of("nginx", "nginx:cfg") : Map.of("php-fpm", configured, "nginx", "nginx:cfg");
        Map<String, String> flags = flag == null ? Map.of() : Map.of("php-fpm", flag);
        Map<String, String> overrides = ImageBuilder.baseImageOverrides(cfg, flags);
        assertEquals(expected, BaseImages.of("php-fpm", layout, overrides));
        assertEquals("nginx:cfg", BaseImages.of("nginx", "nginx:layout", overrides), "other images keep theirs");
    }

    /** What the registry holds, what this build gives -> push, nothing, or conflict. */
    @ParameterizedTest
    @CsvSource(nullValues = "-", textBlock = """
            -,         sha256:a, PUSH
            -,         -,        PUSH
            sha256:a,  sha256:a, UNCHANGED
            sha256:a,  sha256:b, CONFLICT
            sha256:a,  -,        CONFLICT
            """)
    void tagVerdict(String existing, String rebuilt, TagVerdict expected) {
        assertEquals(expected, TagVerdict.of(existing, rebuilt));
    }

    /** Containers the environment's apps run -> the images to build. */
    @ParameterizedTest
    @CsvSource(delimiter = '|', textBlock = """
            nginx php-fpm                          | nginx php-fpm
            php-fpm nginx blackfire                | blackfire nginx php-fpm
            nginx php-fpm nginx php-fpm cron       | nginx php-fpm
            wordpress-sidecar                      | ''
            """)
    void imagesFor(String containers, String expected) {
        assertEquals(expected.isEmpty() ? java.util.List.of() : java.util.List.of(expected.split(" ")),
                ImageBuilder.imagesFor(java.util.List.of(containers.split(" "))));
    }

    /** target loopback? (- = tar), base loopback? (- = tar) -> plain HTTP on, base gets its login, or refused. */
    @ParameterizedTest(name = "target {0}, base {1} -> {2}")
    @CsvSource(nullValues = "-", textBlock = """
            -,     -,     tls, login
            -,     true,  http, login
            -,     false, tls, login
            true,  -,     http, login
            true,  true,  http, login
            true,  false, http, anonymous
            false, -,     tls, login
            false, false, tls, login
            false, true,  refused, -
            """)
    void plainHttpPolicy(Boolean targetLoopback, Boolean baseLoopback, String transport, String baseLogin) {
        if (transport.equals("refused")) {
            MckException e = assertThrows(MckException.class, () -> PlainHttpPolicy.of(targetLoopback, baseLoopback, "127.0.0.1:5000/b:1"));
            assertEquals(MckException.Kind.USAGE, e.kind());
            assertTrue(e.getMessage().startsWith("base image 127.0.0.1:5000/b:1 is on a plain-HTTP loopback registry"), e.getMessage());
            return;
        }
        PlainHttpPolicy p = PlainHttpPolicy.of(targetLoopback, baseLoopback, "b");
        assertEquals(transport.equals("http"), p.plainHttp());
        assertEquals(baseLogin.equals("login"), p.baseCredentials());
    }

    @org.junit.jupiter.api.Test
    void aRemoteTarget_withALoopbackBase_isRefusedBeforeAnyRegistryIsAsked(@org.junit.jupiter.api.io.TempDir Path work) {
        Path source = MagentoFixture.small(work.resolve("shop"));
        BuildRequest request = new BuildRequest(source, java.util.List.of("nginx"), "abc",
                Target.Registry.parse("registry.example.invalid/shop", Target.RegistryType.OCI),
                Map.of("nginx", "127.0.0.1:5000/base/nginx:1"), BuildRequest.BuilderKind.JIB, work.resolve("cache"),
                MagentoFixture.testLayout(), Map.of(RegistryCredentials.USERNAME_ENV, "ci", RegistryCredentials.PASSWORD_ENV, "pw"), null);
        MckException e = assertThrows(MckException.class, () -> new ImageBuilder().build(request, io.magecloudkit.EventSink.NONE));
        assertEquals(MckException.Kind.USAGE, e.kind(), e.getMessage());
        assertTrue(e.getMessage().contains("plain-HTTP loopback registry but the target is remote"), e.getMessage());
    }
}
