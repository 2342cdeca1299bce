package io.magecloudkit.image;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.magecloudkit.MckException;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The one exclusion list, as a table: which tree paths never go into an image. */
class ImageExclusionsTest {
    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(textBlock = """
            auth.json,                          true
            vendor/acme/pkg/auth.json,          true
            .env,                               true
            .env.production,                    true
            app/.env,                           true
            .npmrc,                             true
            pub/static/.npmrc,                  true
            .git/config,                        true
            vendor/acme/pkg/.git/HEAD,          true
            .ssh/id_rsa,                        true
            deploy/id_ed25519,                  true
            .aws/credentials,                   true
            .config/gcloud/credentials.db,      true
            .docker/config.json,                true
            .kube/config,                       true
            .netrc,                             true
            .git-credentials,                   true
            infra/terraform.tfstate,            true
            app/etc/env.php,                    true
            var/cache/x,                        true
            pub/media/a.jpg,                    true
            vendor/x/CHANGES.LOG,               true
            app/etc/config.php,                 false
            app/etc/env.php.dist,               false
            pub/static/media/x.png,             false
            variables.php,                      false
            environment.php,                    false
            app/code/Acme/Env/Model.php,        false
            vendor/composer/ca-bundle/res/cacert.pem, false
            lib/.gitignore,                     false
            pub/.htaccess,                      false
            """)
    void defaults(String path, boolean excluded) {
        assertEquals(excluded, ImageExclusions.defaults().excludes(path));
    }

    @Test
    void projectPatterns_addToTheDefaults_andReachTheDockerignore() {
        ImageExclusions ex = ImageExclusions.withExtra(List.of("/deploy/keys/", "**/*.p12", "./notes.txt"));
        assertTrue(ex.excludes("deploy/keys/prod.pem"));
        assertTrue(ex.excludes("app/code/a/b/cert.p12"));
        assertTrue(ex.excludes("notes.txt"));
        assertTrue(ex.excludes("auth.json"), "the defaults stay");
        assertFalse(ex.excludes("deploy/keysring.php"));
        String ignore = ex.dockerignore();
        assertTrue(ignore.startsWith(ImageExclusions.withExtra(List.of()).dockerignore()), "the packaged list first");
        assertTrue(ignore.endsWith("deploy/keys\n**/*.p12\nnotes.txt\n"), ignore);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', textBlock = """
            !auth.json  | re-includes files
            a/../../b   | leaves the tree
            [ab         | unbalanced
            /           | the whole tree
            **          | the whole tree
            */**        | the whole tree
            """)
    void unusablePatterns_areRefused(String pattern, String why) {
        assertTrue(ImageExclusions.problem(pattern).contains(why), ImageExclusions.problem(pattern));
        MckException e = assertThrows(MckException.class, () -> ImageExclusions.withExtra(List.of(pattern)));
        assertEquals(MckException.Kind.USAGE, e.kind());
    }
}
