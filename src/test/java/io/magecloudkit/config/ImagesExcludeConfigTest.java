package io.magecloudkit.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** {@code images.exclude}: patterns left out of images on top of the packaged list. */
class ImagesExcludeConfigTest {
    static final String BASE = """
            project: acme-shop
            region: eu-west-1
            images:
              exclude:
                - deploy/keys
                - "**/*.p12"
            environments:
              production:
                vpcCidr: 10.0.0.0/16
                images:
                  exclude: [private.txt, deploy/keys]
              staging:
                vpcCidr: 10.1.0.0/16
            """;

    @Test
    void projectPatterns_areInherited_andAnEnvironmentAddsItsOwn() {
        MckConfig c = ConfigLoader.parse(BASE, "test.yml");
        assertEquals(List.of("deploy/keys", "**/*.p12"), c.images().exclude());
        assertEquals(List.of("deploy/keys", "**/*.p12"), c.environment("staging").images().exclude());
        assertEquals(List.of("deploy/keys", "**/*.p12", "private.txt"), c.environment("production").images().exclude());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', textBlock = """
            '!auth.json'    | re-includes files
            ../outside      | leaves the tree
            'a[b'           | unbalanced [ ]
            ''              | is empty
            """)
    void aPatternThatCannotBeUsed_isAnErrorAtItsLine(String pattern, String message) {
        String yaml = "project: acme-shop\nregion: eu-west-1\nimages:\n  exclude:\n    - ok/x\n    - '" + pattern + "'\n";
        ConfigException e = assertThrows(ConfigException.class, () -> ConfigLoader.parse(yaml, "test.yml"));
        ConfigError error = e.errors().stream().filter(x -> x.path().startsWith("images.")).findFirst().orElseThrow();
        assertEquals(6, error.line(), error.toString());
        assertEquals("images.exclude[1]", error.path());
        assertTrue(error.message().contains(message), error.message());
    }
}
