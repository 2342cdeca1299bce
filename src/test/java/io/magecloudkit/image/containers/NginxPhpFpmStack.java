package io.magecloudkit.image.containers;

import static io.magecloudkit.image.containers.ContainerTools.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The project's nginx and PHP-FPM configuration running for real (Debian's nginx and php-fpm), each
 * started through its image's own entrypoint on free loopback ports, over a copy of the fake
 * Magento tree. Environment overrides let a test change what a task definition would change.
 */
final class NginxPhpFpmStack implements AutoCloseable {

    static final String CRYPT_KEY = "0123456789abcdef0123456789abcdef";
    static final String DB_PASSWORD = "pa'ss\"w$rd\\x";

    final Path magento;
    final Path nginxLog;
    final Path phpFpmLog;
    final Path accessLog;
    final Path renderedNginx;
    final int nginxPort;
    private Process nginx;
    private Process phpFpm;
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();

    private NginxPhpFpmStack(Path work) {
        magento = work.resolve("magento");
        phpFpmLog = work.resolve("php-fpm.log");
        accessLog = work.resolve("access.log");
        renderedNginx = work.resolve("nginx");
        nginxLog = work.resolve("nginx.log");
        try {
            nginxPort = ContainerTools.freePort();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private void launch(Path work, Map<String, String> fpmOverrides, Map<String, String> nginxOverrides) throws Exception {
        Path resources = ContainerTools.resources();
        Path nginxBin = ContainerTools.nginx();
        Path phpFpmBin = ContainerTools.phpFpm();
        Path phpBin = ContainerTools.php();
        ContainerTools.envsubst();
        boolean root = ContainerTools.runningAsRoot(Files.createFile(work.resolve("owner-probe")));

        ContainerTools.copyTree(ContainerTools.fakeMagento(), magento);
        Files.createDirectories(magento.resolve("app/etc"));

        // PHP-FPM: our php-fpm.conf + pool under a prefix, our php.ini and opcache.ini.
        Path fpmPrefix = work.resolve("fpm");
        Files.createDirectories(fpmPrefix.resolve("etc/magecloudkit"));
        Files.copy(resources.resolve("php/php-fpm.conf"), fpmPrefix.resolve("etc/magecloudkit/php-fpm.conf"));
        Files.copy(resources.resolve("php/php-fpm-pool.conf"), fpmPrefix.resolve("etc/magecloudkit/php-fpm-pool.conf"));
        Path iniDir = Files.createDirectories(work.resolve("php/conf.d"));
        Files.copy(resources.resolve("php/php.ini"), work.resolve("php/php.ini"));
        // The php image loads OPcache by its own ini; Debian's lives in /etc/php, which we bypass.
        Files.writeString(iniDir.resolve("00-load-opcache.ini"), "zend_extension=opcache\n");
        Files.copy(resources.resolve("php/opcache.ini"), iniDir.resolve("zz-magecloudkit-opcache.ini"));

        int fpmPort = ContainerTools.freePort();
        Map<String, String> fpmEnv = new HashMap<>();
        fpmEnv.put("MAGENTO_ROOT", magento.toString());
        fpmEnv.put("PHP_BIN", phpBin.toString());
        fpmEnv.put("PHP_FPM_BIN", phpFpmBin.toString());
        fpmEnv.put("PHP_FPM_CONF", fpmPrefix.resolve("etc/magecloudkit/php-fpm.conf").toString());
        fpmEnv.put("MCK_ENV_PHP_WRITER", resources.resolve("php/write-env-php.php").toString());
        fpmEnv.put("MCK_CGROUP_ROOT", work.resolve("no-cgroup").toString());
        fpmEnv.put("PHP_INI_SCAN_DIR", iniDir.toString());
        fpmEnv.put("PHP_FPM_LISTEN", "127.0.0.1:" + fpmPort);
        fpmEnv.put("PHP_FPM_MAX_CHILDREN", "3");
        fpmEnv.put("PHP_FPM_START_SERVERS", "1");
        fpmEnv.put("PHP_FPM_MIN_SPARE_SERVERS", "1");
        fpmEnv.put("PHP_FPM_MAX_SPARE_SERVERS", "2");
        fpmEnv.put("MCK_DISCOVERY_DOMAIN", "eu-west-1.magecloudkit.internal");
        fpmEnv.put("MAGENTO_DB_HOST", "aurora-writer.test");
        fpmEnv.put("MAGENTO_DB_NAME", "magento");
        fpmEnv.put("MAGENTO_DB_USER", "magento");
        fpmEnv.put("MAGENTO_DB_PASSWORD", DB_PASSWORD);
        fpmEnv.put("MAGENTO_CRYPT_KEY", CRYPT_KEY);
        fpmEnv.put("MAGENTO_MODE", "production");
        fpmEnv.putAll(fpmOverrides);
        List<String> fpmCommand = new ArrayList<>(List.of("/bin/sh", resources.resolve("php/docker-entrypoint.sh").toString(),
                "--prefix", fpmPrefix.toString(), "--php-ini", work.resolve("php/php.ini").toString()));
        if (root) {
            fpmCommand.add("--allow-to-run-as-root");
        }
        phpFpm = ContainerTools.builder(fpmCommand, fpmEnv, work).redirectErrorStream(true)
                .redirectOutput(phpFpmLog.toFile()).start();

        // nginx: the entrypoint renders the templates with envsubst, exactly as in the image.
        Map<String, String> nginxEnv = new HashMap<>();
        nginxEnv.put("NGINX_BIN", nginxBin.toString());
        nginxEnv.put("NGINX_TEMPLATE_DIR", resources.resolve("nginx").toString());
        nginxEnv.put("NGINX_RUNTIME_DIR", renderedNginx.toString());
        nginxEnv.put("NGINX_LISTEN_PORT", Integer.toString(nginxPort));
        nginxEnv.put("NGINX_FASTCGI_UPSTREAM", "127.0.0.1:" + fpmPort);
        nginxEnv.put("NGINX_REAL_IP_FROM", "127.0.0.1/32");
        nginxEnv.put("NGINX_ACCESS_LOG", accessLog.toString());
        nginxEnv.put("NGINX_ERROR_LOG", "stderr");
        nginxEnv.put("NGINX_WORKER_PROCESSES", "1");
        nginxEnv.put("MAGENTO_ROOT", magento.toString());
        nginxEnv.putAll(nginxOverrides);
        List<String> nginxCommand = new ArrayList<>(List.of("/bin/sh", resources.resolve("nginx/docker-entrypoint.sh").toString()));
        if (root) {
            // Without it a root master hands the workers to "nobody", who cannot read the temp dir.
            nginxCommand.addAll(List.of("-g", "user root;"));
        }
        List<String> configTest = new ArrayList<>(nginxCommand);
        configTest.add("-t");
        ContainerTools.Result test = ContainerTools.run(configTest, nginxEnv, work);
        assertEquals(0, test.exitCode(), "nginx -t failed:\n" + test.output());
        assertTrue(test.output().contains("test is successful"), test.output());

        nginx = ContainerTools.builder(nginxCommand, nginxEnv, work).redirectErrorStream(true)
                .redirectOutput(nginxLog.toFile()).start();

        await("php-fpm listening on 127.0.0.1:" + fpmPort, Duration.ofSeconds(15),
                () -> ContainerTools.accepts(fpmPort), phpFpm, phpFpmLog);
        await("nginx listening on 127.0.0.1:" + nginxPort, Duration.ofSeconds(15),
                () -> ContainerTools.accepts(nginxPort), nginx, nginxLog);
    }

    static NginxPhpFpmStack start(Path work, Map<String, String> fpmOverrides, Map<String, String> nginxOverrides)
            throws Exception {
        NginxPhpFpmStack stack = new NginxPhpFpmStack(work);
        try {
            stack.launch(work, fpmOverrides, nginxOverrides);
        } catch (Exception | AssertionError e) {
            // Whatever started before the failure must not outlive the test.
            stack.close();
            throw e;
        }
        return stack;
    }

    HttpResponse<byte[]> get(String path, String... headers) throws IOException, InterruptedException {
        return get(path, Duration.ofSeconds(10), headers);
    }

    HttpResponse<byte[]> get(String path, Duration timeout, String... headers) throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + nginxPort + path))
                .timeout(timeout).GET();
        if (headers.length > 0) {
            request.headers(headers);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    String logs() {
        return ContainerTools.read(phpFpmLog) + ContainerTools.read(nginxLog);
    }

    @Override
    public void close() throws InterruptedException {
        ContainerTools.stop(nginx);
        ContainerTools.stop(phpFpm);
        assertFalse(nginx != null && nginx.isAlive(), "nginx still running");
        assertFalse(phpFpm != null && phpFpm.isAlive(), "php-fpm still running");
    }
}
