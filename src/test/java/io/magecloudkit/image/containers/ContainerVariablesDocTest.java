package io.magecloudkit.image.containers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

/**
 * docs/containers.md lists exactly the variables our container files read: none it names is read
 * by nothing, none a file reads is missing from it.
 */
class ContainerVariablesDocTest {
    /** A variable of ours, by its prefix. */
    private static final String NAME = "(?:MAGENTO|MCK|PHP_FPM|PHP_MEMORY|NGINX|ALGOLIA|BUGSNAG|NOSTO|BLACKFIRE)_[A-Z0-9_]*[A-Z0-9]";
    private static final List<String> CONTAINER_FILES = List.of("php/write-env-php.php", "php/docker-entrypoint.sh",
            "php/php-fpm-pool.conf", "php/php-fpm.conf", "php/php.ini", "php/opcache.ini", "blackfire/blackfire.ini",
            "nginx/docker-entrypoint.sh", "nginx/nginx.conf", "nginx/magento.conf", "nginx/security-headers.conf");
    /**
     * Read by a file of ours, yet no contract: where the tests put the programs and files the image
     * has at fixed paths, and a value the nginx entrypoint computes for its own template.
     */
    private static final Set<String> NOT_SET_BY_A_DEPLOY = Set.of("PHP_FPM_BIN", "PHP_FPM_CONF", "MCK_ENV_PHP_WRITER",
            "MCK_CGROUP_ROOT", "NGINX_BIN", "NGINX_SET_REAL_IP_FROM");
    /** Read by the official Blackfire agent image (its own documentation), not by a file of ours. */
    private static final Set<String> READ_BY_THE_BLACKFIRE_AGENT = Set.of("BLACKFIRE_SERVER_ID", "BLACKFIRE_SERVER_TOKEN",
            "BLACKFIRE_SOCKET", "BLACKFIRE_LOG_LEVEL");

    @Test
    void theDocumentedVariables_areThoseTheContainerFilesRead() throws Exception {
        Set<String> read = new TreeSet<>();
        for (String file : CONTAINER_FILES) {
            read.addAll(matches(Pattern.compile("\\b" + NAME + "\\b"), Files.readString(ContainerTools.resources().resolve(file))));
        }
        read.removeAll(NOT_SET_BY_A_DEPLOY);
        read.addAll(READ_BY_THE_BLACKFIRE_AGENT);
        Set<String> documented = matches(Pattern.compile("`(" + NAME + ")`"), Files.readString(Path.of("docs/containers.md")));

        Set<String> undocumented = new TreeSet<>(read);
        undocumented.removeAll(documented);
        Set<String> readByNothing = new TreeSet<>(documented);
        readByNothing.removeAll(read);
        assertEquals(Set.of(), undocumented, "read by a container, not in docs/containers.md");
        assertEquals(Set.of(), readByNothing, "in docs/containers.md, read by no container");
        assertTrue(read.size() > 60, "variables found: " + read);
    }

    private static Set<String> matches(Pattern pattern, String text) {
        Set<String> out = new TreeSet<>();
        Matcher m = pattern.matcher(text);
        while (m.find()) {
            out.add(m.group(m.groupCount()));
        }
        return out;
    }
}
