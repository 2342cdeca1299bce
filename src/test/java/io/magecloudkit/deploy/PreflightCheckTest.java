package io.magecloudkit.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.magecloudkit.deploy.PreflightCheck.ImageSeen;
import io.magecloudkit.deploy.PreflightCheck.ImageState;
import io.magecloudkit.deploy.PreflightCheck.LogGroup;
import io.magecloudkit.deploy.PreflightCheck.Needs;
import io.magecloudkit.deploy.PreflightCheck.Observed;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

/** The preflight's verdict over what was observed, case by case. */
class PreflightCheckTest {
    static final String IMAGE = "1.dkr.ecr.us-east-1.amazonaws.com/shop/php-fpm@sha256:" + "a".repeat(64);
    static final String PARAM = "arn:aws:ssm:us-east-1:1:parameter/shop/staging/db-password";
    static final String SECRET = "arn:aws:secretsmanager:us-east-1:1:secret:shop/keys-AbCdEf";

    static Needs needs(Map<String, String> secrets, String fit, boolean createGroup) {
        return new Needs("magento", List.of(IMAGE), secrets, List.of(new LogGroup("/shop/staging", createGroup)), fit);
    }

    static Observed seen(ImageState image, Set<String> params, Map<String, Set<String>> secrets, Set<String> groups) {
        String note = switch (image) {
            case UNCHECKED -> "no registry credentials";
            case INACCESSIBLE -> "registry r.example refused the credentials for user ci (HTTP 401)";
            default -> null;
        };
        return new Observed(Map.of(IMAGE, new ImageSeen(image, note)), params, secrets, groups);
    }

    static final Map<String, Set<String>> KEYS = Map.of(SECRET, Set.of("crypt_key"));

    static Stream<Arguments> cases() {
        Map<String, String> both = Map.of("DB_PASSWORD", PARAM, "CRYPT_KEY", SECRET + ":crypt_key::");
        return Stream.of(
            Arguments.of("all there", needs(both, null, false), seen(ImageState.FOUND, Set.of("/shop/staging/db-password"), KEYS,
                    Set.of("/shop/staging")), List.of(), List.of()),
            Arguments.of("image digest missing", needs(Map.of(), null, true), seen(ImageState.MISSING, Set.of(), Map.of(), Set.of()),
                    List.of("app magento: image " + IMAGE + " does not exist in its registry"), List.of()),
            Arguments.of("image unchecked: a note, not a problem", needs(Map.of(), null, true),
                    seen(ImageState.UNCHECKED, Set.of(), Map.of(), Set.of()), List.of(),
                    List.of("app magento: image " + IMAGE + " not checked: no registry credentials")),
            Arguments.of("SSM parameter missing", needs(Map.of("DB_PASSWORD", PARAM), null, true),
                    seen(ImageState.FOUND, Set.of(), Map.of(), Set.of()),
                    List.of("app magento: secret DB_PASSWORD: SSM parameter /shop/staging/db-password does not exist"), List.of()),
            Arguments.of("secret missing", needs(Map.of("CRYPT_KEY", SECRET), null, true),
                    seen(ImageState.FOUND, Set.of(), Map.of(), Set.of()),
                    List.of("app magento: secret CRYPT_KEY: Secrets Manager secret " + SECRET + " does not exist"), List.of()),
            Arguments.of("JSON key missing", needs(Map.of("CRYPT_KEY", SECRET + ":other_key::"), null, true),
                    seen(ImageState.FOUND, Set.of(), KEYS, Set.of()),
                    List.of("app magento: secret CRYPT_KEY: Secrets Manager secret " + SECRET + " has no JSON key other_key"),
                    List.of()),
            Arguments.of("log group missing without create-group", needs(Map.of(), null, false),
                    seen(ImageState.FOUND, Set.of(), Map.of(), Set.of()),
                    List.of("app magento: log group /shop/staging does not exist and awslogs-create-group is not set"), List.of()),
            Arguments.of("registry refused: a problem, with its reason", needs(Map.of(), null, true),
                    seen(ImageState.INACCESSIBLE, Set.of(), Map.of(), Set.of()),
                    List.of("app magento: image " + IMAGE + " could not be checked: registry r.example refused the credentials"
                            + " for user ci (HTTP 401)"), List.of()),
            Arguments.of("every problem at once", needs(both, "task needs 8192 MiB, m5.large offers 7680 MiB", false),
                    seen(ImageState.MISSING, Set.of(), Map.of(SECRET, Set.of()), Set.of()),
                    List.of("app magento: task needs 8192 MiB, m5.large offers 7680 MiB",
                            "app magento: image " + IMAGE + " does not exist in its registry",
                            "app magento: secret CRYPT_KEY: Secrets Manager secret " + SECRET + " has no JSON key crypt_key",
                            "app magento: secret DB_PASSWORD: SSM parameter /shop/staging/db-password does not exist",
                            "app magento: log group /shop/staging does not exist and awslogs-create-group is not set"),
                    List.of()));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void judge(String name, Needs needs, Observed seen, List<String> problems, List<String> notes) {
        PreflightCheck.Result r = PreflightCheck.judge(List.of(needs), seen);
        assertEquals(problems, r.problems());
        assertEquals(notes, r.notes());
        assertEquals(problems.isEmpty(), r.passed());
        assertEquals(seen.images().get(IMAGE).state() == ImageState.INACCESSIBLE, r.accessFailed(), "exit 3 only for access");
    }

    @ParameterizedTest
    @CsvSource(value = {"registry.example.com:5000/acme | registry.example.com:5000", "127.0.0.1:5000 | 127.0.0.1:5000",
        "https://r.example/a/b | r.example", "'' | NULL"}, delimiter = '|', nullValues = "NULL")
    void theConfiguredRegistryHost(String url, String host) {
        assertEquals(host, PreflightRegistry.hostOf(url));
    }
}
