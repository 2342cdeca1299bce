package io.magecloudkit.image.containers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The php-fpm entrypoint's own decisions (Blackfire on or off, stop before php-fpm when env.php
 * cannot be written), with a stand-in for php-fpm that asks real PHP which ini files it loads.
 */
class PhpEntrypointTest {

    @TempDir
    Path work;

    private Path magento;
    private Path fakePhpFpm;
    private Map<String, String> env;

    @BeforeEach
    void setUp() throws Exception {
        Path resources = ContainerTools.resources();
        Path php = ContainerTools.php();
        magento = Files.createDirectories(work.resolve("magento/app/etc")).getParent().getParent();
        fakePhpFpm = work.resolve("fake-php-fpm");
        Files.writeString(fakePhpFpm, "#!/bin/sh\necho \"fpm-args: $*\"\nexec " + php + " --ini\n");
        Files.setPosixFilePermissions(fakePhpFpm, PosixFilePermissions.fromString("rwxr-xr-x"));

        env = new HashMap<>();
        env.put("MAGENTO_ROOT", magento.toString());
        env.put("PHP_BIN", php.toString());
        env.put("PHP_FPM_BIN", fakePhpFpm.toString());
        env.put("PHP_FPM_CONF", "/conf/php-fpm.conf");
        env.put("MCK_ENV_PHP_WRITER", resources.resolve("php/write-env-php.php").toString());
        env.put("MCK_BLACKFIRE_INI_DIR", resources.resolve("blackfire").toString());
        env.put("MCK_DISCOVERY_DOMAIN", "us-east-1.magecloudkit.internal");
        env.put("MAGENTO_DB_NAME", "magento");
        env.put("MAGENTO_DB_USER", "magento");
        env.put("MAGENTO_DB_PASSWORD", "entrypoint-secret-pw");
        env.put("MAGENTO_CRYPT_KEY", "entrypoint-secret-key");
    }

    private ContainerTools.Result entrypoint(String... args) throws Exception {
        List<String> command = new java.util.ArrayList<>(List.of("/bin/sh",
                ContainerTools.resources().resolve("php/docker-entrypoint.sh").toString()));
        command.addAll(List.of(args));
        return ContainerTools.run(command, env, work);
    }

    @Test
    void writesEnvPhp_thenExecsPhpFpmInTheForegroundWithOurConfig() throws Exception {
        ContainerTools.Result result = entrypoint("--test-arg");

        assertEquals(0, result.exitCode(), result.output());
        assertTrue(Files.exists(magento.resolve("app/etc/env.php")));
        assertTrue(result.stdout().contains("fpm-args: --nodaemonize --fpm-config /conf/php-fpm.conf --test-arg"),
                result.stdout());
        assertFalse(result.output().contains("blackfire.ini"), "probe not loaded by default: " + result.output());
        assertFalse(result.output().contains("entrypoint-secret"), "secret printed: " + result.output());
    }

    @Test
    void blackfireEnabled_addsTheProbeIniToPhpsScanDirectories() throws Exception {
        env.put("MCK_BLACKFIRE_ENABLED", "true");

        ContainerTools.Result result = entrypoint();

        assertEquals(0, result.exitCode(), result.output());
        assertTrue(result.stdout().contains(ContainerTools.resources().resolve("blackfire/blackfire.ini").toString()),
                "php --ini lists the probe's ini: " + result.stdout());
    }

    @Test
    void invalidBlackfireSwitch_stopsBeforePhpFpm() throws Exception {
        env.put("MCK_BLACKFIRE_ENABLED", "maybe");

        ContainerTools.Result result = entrypoint();

        assertNotEquals(0, result.exitCode());
        assertTrue(result.stderr().contains("MCK_BLACKFIRE_ENABLED"), result.stderr());
        assertFalse(result.stdout().contains("fpm-args"), "php-fpm must not start");
    }

    @Test
    void envPhpThatCannotBeWritten_stopsBeforePhpFpm() throws Exception {
        env.remove("MAGENTO_CRYPT_KEY");

        ContainerTools.Result result = entrypoint();

        assertNotEquals(0, result.exitCode());
        assertTrue(result.stderr().contains("MAGENTO_CRYPT_KEY"), result.stderr());
        assertFalse(result.stdout().contains("fpm-args"), "php-fpm must not start");
        assertFalse(Files.exists(magento.resolve("app/etc/env.php")));
    }
}
