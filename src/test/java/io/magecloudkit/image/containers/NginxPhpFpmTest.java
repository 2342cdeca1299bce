package io.magecloudkit.image.containers;

import static io.magecloudkit.image.containers.ContainerTools.await;
import static io.magecloudkit.image.containers.ContainerTools.read;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPInputStream;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Runs the project's nginx and PHP-FPM configuration for real (Debian's nginx and php-fpm),
 * started through the images' own entrypoints, and sends requests through both.
 */
class NginxPhpFpmTest {

    private static final String STYLES = "/static/frontend/Magento/luma/en_US/css/styles.css";
    private static final String CRYPT_KEY = "0123456789abcdef0123456789abcdef";
    private static final String DB_PASSWORD = "pa'ss\"w$rd\\x";

    @TempDir
    static Path work;

    private static Process nginx;
    private static Process phpFpm;
    private static Path nginxLog;
    private static Path phpFpmLog;
    private static Path accessLog;
    private static int nginxPort;
    private static final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @BeforeAll
    static void startNginxAndPhpFpm() throws Exception {
        Path resources = ContainerTools.resources();
        Path nginxBin = ContainerTools.nginx();
        Path phpFpmBin = ContainerTools.phpFpm();
        Path phpBin = ContainerTools.php();
        ContainerTools.envsubst();
        boolean root = ContainerTools.runningAsRoot(Files.createFile(work.resolve("owner-probe")));

        Path magento = work.resolve("magento");
        ContainerTools.copyTree(ContainerTools.fakeMagento(), magento);
        Files.createDirectories(magento.resolve("app/etc"));
        // Things nginx must never serve, present for real so a deny rule is what stops them.
        Files.createDirectories(magento.resolve("pub/.git"));
        Files.writeString(magento.resolve("pub/.git/config"), "[remote \"origin\"] secret-git-config\n");
        Files.writeString(magento.resolve("pub/.user.ini"), "; secret-user-ini\n");
        Files.createDirectories(magento.resolve("pub/media/customer/a"));
        Files.writeString(magento.resolve("pub/media/customer/a/private.txt"), "secret-customer-file\n");

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
        Map<String, String> fpmEnv = new HashMap<>(Map.of(
                "MAGENTO_ROOT", magento.toString(),
                "PHP_BIN", phpBin.toString(),
                "PHP_FPM_BIN", phpFpmBin.toString(),
                "PHP_FPM_CONF", fpmPrefix.resolve("etc/magecloudkit/php-fpm.conf").toString(),
                "MCK_ENV_PHP_WRITER", resources.resolve("php/write-env-php.php").toString(),
                "PHP_INI_SCAN_DIR", iniDir.toString(),
                "PHP_FPM_LISTEN", "127.0.0.1:" + fpmPort,
                "PHP_FPM_MAX_CHILDREN", "3",
                "PHP_FPM_START_SERVERS", "1",
                "PHP_FPM_MIN_SPARE_SERVERS", "1"));
        fpmEnv.putAll(Map.of(
                "PHP_FPM_MAX_SPARE_SERVERS", "2",
                "MCK_DISCOVERY_DOMAIN", "eu-west-1.magecloudkit.internal",
                "MAGENTO_DB_HOST", "aurora-writer.test",
                "MAGENTO_DB_NAME", "magento",
                "MAGENTO_DB_USER", "magento",
                "MAGENTO_DB_PASSWORD", DB_PASSWORD,
                "MAGENTO_CRYPT_KEY", CRYPT_KEY,
                "MAGENTO_MODE", "production"));
        List<String> fpmCommand = new ArrayList<>(List.of("/bin/sh", resources.resolve("php/docker-entrypoint.sh").toString(),
                "--prefix", fpmPrefix.toString(), "--php-ini", work.resolve("php/php.ini").toString()));
        if (root) {
            fpmCommand.add("--allow-to-run-as-root");
        }
        phpFpmLog = work.resolve("php-fpm.log");
        phpFpm = ContainerTools.builder(fpmCommand, fpmEnv, work).redirectErrorStream(true)
                .redirectOutput(phpFpmLog.toFile()).start();

        // nginx: the entrypoint renders the templates with envsubst, exactly as in the image.
        nginxPort = ContainerTools.freePort();
        accessLog = work.resolve("access.log");
        Map<String, String> nginxEnv = Map.of(
                "NGINX_BIN", nginxBin.toString(),
                "NGINX_TEMPLATE_DIR", resources.resolve("nginx").toString(),
                "NGINX_RUNTIME_DIR", work.resolve("nginx").toString(),
                "NGINX_LISTEN_PORT", Integer.toString(nginxPort),
                "NGINX_FASTCGI_UPSTREAM", "127.0.0.1:" + fpmPort,
                "NGINX_REAL_IP_FROM", "127.0.0.1/32",
                "NGINX_ACCESS_LOG", accessLog.toString(),
                "NGINX_ERROR_LOG", "stderr",
                "NGINX_WORKER_PROCESSES", "1",
                "MAGENTO_ROOT", magento.toString());
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

        nginxLog = work.resolve("nginx.log");
        nginx = ContainerTools.builder(nginxCommand, nginxEnv, work).redirectErrorStream(true)
                .redirectOutput(nginxLog.toFile()).start();

        await("php-fpm listening on 127.0.0.1:" + fpmPort, Duration.ofSeconds(15),
                () -> ContainerTools.accepts(fpmPort), phpFpm, phpFpmLog);
        await("nginx listening on 127.0.0.1:" + nginxPort, Duration.ofSeconds(15),
                () -> ContainerTools.accepts(nginxPort), nginx, nginxLog);
    }

    @AfterAll
    static void stopBoth() throws InterruptedException {
        ContainerTools.stop(nginx);
        ContainerTools.stop(phpFpm);
        assertFalse(nginx != null && nginx.isAlive(), "nginx still running");
        assertFalse(phpFpm != null && phpFpm.isAlive(), "php-fpm still running");
    }

    private static HttpResponse<byte[]> get(String path, String... headers) throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + nginxPort + path))
                .timeout(Duration.ofSeconds(10)).GET();
        if (headers.length > 0) {
            request.headers(headers);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    private static String body(HttpResponse<byte[]> response) {
        return new String(response.body(), StandardCharsets.UTF_8);
    }

    private static void assertSecurityHeaders(HttpResponse<byte[]> response) {
        assertEquals(List.of("nosniff"), response.headers().allValues("x-content-type-options"));
        assertEquals(List.of("SAMEORIGIN"), response.headers().allValues("x-frame-options"));
        assertEquals(List.of("strict-origin-when-cross-origin"), response.headers().allValues("referrer-policy"));
        assertTrue(response.headers().firstValue("server").orElse("").equals("nginx"),
                "server_tokens off: no version in " + response.headers().firstValue("server"));
    }

    @Test
    void renderedConfig_hasEveryPlaceholderFilled_andNginxVariablesUntouched() throws Exception {
        for (String name : List.of("nginx.conf", "magento.conf", "security-headers.conf")) {
            String rendered = Files.readString(work.resolve("nginx").resolve(name));
            assertFalse(rendered.contains("${"), name + " still has a placeholder:\n" + rendered);
        }
        String server = Files.readString(work.resolve("nginx/magento.conf"));
        assertTrue(server.contains("listen " + nginxPort + " default_server;"), server);
        assertTrue(server.contains("try_files $uri $uri/ /index.php$is_args$args;"), server);
        assertTrue(server.contains("$document_root$fastcgi_script_name"), server);
    }

    @Test
    void healthCheck_goesThroughPhpFpmWithOurIniAndTheWrittenEnvPhp() throws Exception {
        HttpResponse<byte[]> response = get("/health_check.php", "X-Forwarded-Proto", "https");

        assertEquals(200, response.statusCode(), body(response) + read(phpFpmLog));
        assertEquals("php-fpm", response.headers().firstValue("x-health-check").orElse(""));
        assertSecurityHeaders(response);
        assertTrue(response.headers().firstValue("strict-transport-security").orElse("").startsWith("max-age="));
        assertTrue(response.headers().firstValue("x-powered-by").isEmpty(), "expose_php off");
        JsonNode json = new ObjectMapper().readTree(response.body());
        assertEquals("fpm-fcgi", json.get("sapi").asText());
        assertEquals("on", json.get("https").asText(), "X-Forwarded-Proto https reaches Magento as HTTPS=on");
        assertEquals("2G", json.get("memory_limit").asText());
        assertEquals("0", json.get("validate_timestamps").asText());
        assertEquals("aurora-writer.test:3306", json.get("db_host").asText());
        assertEquals("production", json.get("magento_mode").asText(), "clear_env = no passes the environment");
    }

    @Test
    void plainHttp_isNotMarkedHttps() throws Exception {
        HttpResponse<byte[]> response = get("/health_check.php");

        assertEquals(200, response.statusCode());
        assertEquals("", new ObjectMapper().readTree(response.body()).get("https").asText());
        assertTrue(response.headers().firstValue("strict-transport-security").isEmpty());
    }

    @Test
    void staticFile_isServedByNginxWithLongCacheHeaders() throws Exception {
        HttpResponse<byte[]> response = get(STYLES);

        assertEquals(200, response.statusCode());
        assertEquals("text/css", response.headers().firstValue("content-type").orElse("").split(";")[0]);
        String cacheControl = String.join(", ", response.headers().allValues("cache-control"));
        assertTrue(cacheControl.contains("max-age=31536000") && cacheControl.contains("public"), cacheControl);
        assertSecurityHeaders(response);
        assertEquals(Files.readString(ContainerTools.fakeMagento().resolve("pub" + STYLES)), body(response));
    }

    @Test
    void versionedStaticUrl_isRewrittenToTheFile() throws Exception {
        HttpResponse<byte[]> response = get("/static/version1732700000/frontend/Magento/luma/en_US/css/styles.css");

        assertEquals(200, response.statusCode());
        assertEquals(Files.readString(ContainerTools.fakeMagento().resolve("pub" + STYLES)), body(response));
    }

    @Test
    void missingStaticFile_isHandedToStaticPhp() throws Exception {
        HttpResponse<byte[]> response = get("/static/version5/frontend/Magento/luma/en_US/css/missing.css");

        assertEquals(200, response.statusCode());
        assertEquals("magento-static resource=frontend/Magento/luma/en_US/css/missing.css", body(response));
    }

    @Test
    void css_isGzippedWhenTheClientAcceptsIt() throws Exception {
        HttpResponse<byte[]> response = get(STYLES, "Accept-Encoding", "gzip");

        assertEquals(200, response.statusCode());
        assertEquals("gzip", response.headers().firstValue("content-encoding").orElse(""));
        assertTrue(response.headers().allValues("vary").stream().anyMatch(v -> v.contains("Accept-Encoding")));
        byte[] plain = new GZIPInputStream(new ByteArrayInputStream(response.body())).readAllBytes();
        assertEquals(Files.readString(ContainerTools.fakeMagento().resolve("pub" + STYLES)),
                new String(plain, StandardCharsets.UTF_8));
    }

    @Test
    void otherUrls_goToTheFrontController() throws Exception {
        HttpResponse<byte[]> response = get("/women/tops.html?color=red");

        assertEquals(200, response.statusCode());
        assertEquals("magento-index /women/tops.html?color=red", body(response));
    }

    @Test
    void codeConfigurationAndDotFiles_areDenied() throws Exception {
        for (String path : List.of("/app/etc/env.php", "/.git/config", "/.user.ini", "/media/customer/a/private.txt",
                "/setup/index.php", "/var/log/system.log", "/vendor/autoload.php", "/get.phtml")) {
            HttpResponse<byte[]> response = get(path);
            // Denied (403) and answered by Magento's 404 page, as nginx.conf.sample does.
            assertEquals(404, response.statusCode(), path);
            assertEquals("magento-404", body(response), path);
        }
    }

    @Test
    void nginxHealth_isAnsweredByNginxAlone() throws Exception {
        HttpResponse<byte[]> response = get("/nginx-health");

        assertEquals(200, response.statusCode());
        assertEquals("ok\n", body(response));
    }

    @Test
    void fpmPing_isAnsweredByPhpFpm() throws Exception {
        HttpResponse<byte[]> response = get("/fpm-ping");

        assertEquals(200, response.statusCode(), body(response));
        assertEquals("pong", body(response).trim());
    }

    @Test
    void fpmStatus_isAvailableFromLoopbackOnly() throws Exception {
        HttpResponse<byte[]> local = get("/fpm-status");
        assertEquals(200, local.statusCode(), body(local));
        assertTrue(body(local).contains("pool:") && body(local).contains("magento"), body(local));

        // The ALB's X-Forwarded-For makes the client a remote address: denied.
        HttpResponse<byte[]> remote = get("/fpm-status", "X-Forwarded-For", "198.51.100.20");
        assertEquals(404, remote.statusCode());
    }

    @Test
    void forwardedClientIp_fromTheTrustedProxy_isTheClientInTheAccessLog() throws Exception {
        String marker = "/client-ip-probe/" + System.nanoTime();
        HttpResponse<byte[]> response = get(marker, "X-Forwarded-For", "203.0.113.77");
        assertEquals(200, response.statusCode());

        await("access log line for " + marker, Duration.ofSeconds(5), () -> read(accessLog).contains(marker), nginx, nginxLog);
        String line = read(accessLog).lines().filter(l -> l.contains(marker)).findFirst().orElseThrow();
        JsonNode entry = new ObjectMapper().readTree(line);
        assertEquals("203.0.113.77", entry.get("client").asText(), line);
        assertEquals("127.0.0.1", entry.get("peer").asText(), line);
        assertEquals(200, entry.get("status").asInt(), line);
    }

    @Test
    void secrets_neverAppearInTheContainersOutput() {
        String output = read(phpFpmLog) + read(nginxLog);
        assertTrue(output.contains("wrote"), "the entrypoint reports writing env.php: " + output);
        assertFalse(output.contains(CRYPT_KEY), "crypt key printed");
        assertFalse(output.contains(DB_PASSWORD), "database password printed");
    }
}
