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
        Files.writeString(fakePhpFpm, "#!/bin/sh\necho \"fpm-args: $*\"\n"
                + "echo \"pool: $PHP_FPM_MAX_CHILDREN $PHP_FPM_START_SERVERS $PHP_FPM_MIN_SPARE_SERVERS $PHP_FPM_MAX_SPARE_SERVERS\"\n"
                + "exec " + php + " --ini\n");
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
        // No cgroup of the test machine decides the pool size unless a test says so.
        env.put("MCK_CGROUP_ROOT", work.resolve("no-cgroup").toString());
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

    @Test
    void aCommand_runsAfterEnvPhpIsWritten_inTheMagentoRoot_withItsExitCode() throws Exception {
        // bin/magento without the executable bit, as an image layer may well store it.
        Path binMagento = Files.createDirectories(magento.resolve("bin")).resolve("magento");
        Files.writeString(binMagento, """
                #!/usr/bin/env php
                <?php
                echo 'magento-cli ', implode(' ', array_slice($argv, 1)), PHP_EOL;
                echo 'env.php ', file_exists('app/etc/env.php') ? 'written' : 'missing', PHP_EOL;
                exit(3);
                """);
        ContainerTools.Result result = entrypoint("bin/magento", "setup:db:status", "--no-ansi");

        assertEquals(3, result.exitCode(), "exit code passed through: " + result.output());
        assertTrue(result.stdout().contains("magento-cli setup:db:status --no-ansi"), result.stdout());
        assertTrue(result.stdout().contains("env.php written"), result.stdout());
        assertFalse(result.stdout().contains("fpm-args"), "php-fpm must not start: " + result.stdout());
        assertFalse(result.output().contains("entrypoint-secret"), "secret printed: " + result.output());
    }

    @Test
    void anyOtherProgram_runsWithItsExitCode() throws Exception {
        ContainerTools.Result ok = entrypoint("/bin/sh", "-c", "pwd; exit 0");
        assertEquals(0, ok.exitCode(), ok.output());
        assertEquals(magento.toRealPath().toString(), ok.stdout().strip(), "runs in MAGENTO_ROOT");

        ContainerTools.Result failed = entrypoint("/bin/sh", "-c", "exit 7");
        assertEquals(7, failed.exitCode(), failed.output());
    }

    @Test
    void phpFpmByName_startsPhpFpmWithTheRemainingArguments() throws Exception {
        ContainerTools.Result result = entrypoint("php-fpm", "--test-arg");

        assertEquals(0, result.exitCode(), result.output());
        assertTrue(result.stdout().contains("fpm-args: --nodaemonize --fpm-config /conf/php-fpm.conf --test-arg"),
                result.stdout());
    }

    private Path cgroup(String file, String content) throws Exception {
        Path root = work.resolve("cgroup-" + System.nanoTime());
        Path limit = root.resolve(file);
        Files.createDirectories(limit.getParent());
        Files.writeString(limit, content + "\n");
        return root;
    }

    @Test
    void poolSize_followsTheContainerMemory_unlessSet() throws Exception {
        record Case(String file, String limit, String explicit, String expected) {
        }
        long mib = 1024 * 1024;
        // (memory - 640 MiB for OPcache and the master) / 150 MiB per worker, at least 1.
        List<Case> cases = List.of(
                new Case("memory.max", Long.toString(2048 * mib), null, "pool: 9 4 2 6"),
                new Case("memory.max", Long.toString(4096 * mib), null, "pool: 23 4 2 6"),
                new Case("memory.max", Long.toString(1024 * mib), null, "pool: 2 2 2 2"),
                new Case("memory.max", Long.toString(512 * mib), null, "pool: 1 1 1 1"),
                new Case("memory/memory.limit_in_bytes", Long.toString(3072 * mib), null, "pool: 16 4 2 6"),
                new Case("memory.max", "max", null, "pool: 16 4 2 6"),
                new Case("memory/memory.limit_in_bytes", "9223372036854771712", null, "pool: 16 4 2 6"),
                new Case("memory.max", Long.toString(2048 * mib), "3", "pool: 3 3 2 3"));
        for (Case c : cases) {
            env.put("MCK_CGROUP_ROOT", cgroup(c.file(), c.limit()).toString());
            if (c.explicit() == null) {
                env.remove("PHP_FPM_MAX_CHILDREN");
            } else {
                env.put("PHP_FPM_MAX_CHILDREN", c.explicit());
            }

            ContainerTools.Result result = entrypoint();

            assertEquals(0, result.exitCode(), c + ": " + result.output());
            assertTrue(result.stdout().contains(c.expected() + "\n"), c + ": " + result.stdout());
        }
    }

    @Test
    void derivedSmallPool_isAcceptedByRealPhpFpm() throws Exception {
        Path prefix = Files.createDirectories(work.resolve("fpm/etc/magecloudkit")).getParent().getParent();
        Files.copy(ContainerTools.resources().resolve("php/php-fpm.conf"), prefix.resolve("etc/magecloudkit/php-fpm.conf"));
        Files.copy(ContainerTools.resources().resolve("php/php-fpm-pool.conf"),
                prefix.resolve("etc/magecloudkit/php-fpm-pool.conf"));
        env.put("PHP_FPM_BIN", ContainerTools.phpFpm().toString());
        env.put("PHP_FPM_CONF", prefix.resolve("etc/magecloudkit/php-fpm.conf").toString());
        env.put("PHP_FPM_LISTEN", "127.0.0.1:" + ContainerTools.freePort());
        env.put("MCK_CGROUP_ROOT", cgroup("memory.max", Long.toString(700L * 1024 * 1024)).toString());

        List<String> args = new java.util.ArrayList<>(List.of("--prefix", prefix.toString(), "-t"));
        if (ContainerTools.runningAsRoot(prefix)) {
            args.add("--allow-to-run-as-root");
        }
        ContainerTools.Result result = entrypoint(args.toArray(String[]::new));

        assertEquals(0, result.exitCode(), "php-fpm -t: " + result.output());
        assertTrue(result.stderr().contains("pm.max_children=1 (from 700 MiB container memory)"), result.stderr());
    }

    @Test
    void invalidSizes_stopBeforePhpFpm() throws Exception {
        for (Map.Entry<String, String> bad : Map.of("PHP_MEMORY_LIMIT", "lots", "PHP_FPM_MAX_CHILDREN", "0",
                "PHP_FPM_WORKER_MEMORY_MB", "x").entrySet()) {
            setUp();
            env.put(bad.getKey(), bad.getValue());

            ContainerTools.Result result = entrypoint();

            assertEquals(1, result.exitCode(), bad + ": " + result.output());
            assertTrue(result.stderr().contains(bad.getKey()), result.stderr());
            assertFalse(result.stdout().contains("fpm-args"), "php-fpm must not start");
        }
    }
}
