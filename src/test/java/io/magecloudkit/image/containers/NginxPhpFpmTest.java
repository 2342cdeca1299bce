package io.magecloudkit.image.containers;

import static io.magecloudkit.image.containers.ContainerTools.await;
import static io.magecloudkit.image.containers.ContainerTools.read;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
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
    private static final String CRYPT_KEY = NginxPhpFpmStack.CRYPT_KEY;
    private static final String DB_PASSWORD = NginxPhpFpmStack.DB_PASSWORD;

    @TempDir
    static Path work;

    private static NginxPhpFpmStack stack;

    @BeforeAll
    static void startNginxAndPhpFpm() throws Exception {
        stack = NginxPhpFpmStack.start(work,
                Map.of("PHP_MEMORY_LIMIT", "768M"),
                // Several CIDRs, as an environment with more than one trusted range gives them.
                Map.of("NGINX_REAL_IP_FROM", "192.0.2.0/24, 127.0.0.1/32 10.0.0.0/8"));
        Path magento = stack.magento;
        // Things nginx must never serve, present for real so a deny rule is what stops them.
        Files.createDirectories(magento.resolve("pub/.git"));
        Files.writeString(magento.resolve("pub/.git/config"), "[remote \"origin\"] secret-git-config\n");
        Files.writeString(magento.resolve("pub/.user.ini"), "; secret-user-ini\n");
        Files.writeString(magento.resolve("pub/.htaccess"), "# secret-htaccess\n");
        Files.writeString(magento.resolve("pub/errors/design.xml"), "<design>secret-errors-design-xml</design>\n");
        for (String dir : List.of("customer/a", "downloadable/files", "import", "custom_options/quote", "theme_customization/x")) {
            Files.createDirectories(magento.resolve("pub/media/" + dir));
        }
        Files.writeString(magento.resolve("pub/media/customer/a/private.txt"), "secret-customer-file\n");
        Files.writeString(magento.resolve("pub/media/downloadable/files/book.pdf"), "secret-downloadable\n");
        Files.writeString(magento.resolve("pub/media/import/products.csv"), "secret-import\n");
        Files.writeString(magento.resolve("pub/media/custom_options/quote/f.png"), "secret-option-file\n");
        Files.writeString(magento.resolve("pub/media/theme_customization/x/layout.xml"), "<secret-theme/>\n");
        Files.writeString(magento.resolve("pub/media/export.csv"), "media-csv\n");
        Files.writeString(magento.resolve("pub/static/frontend/Magento/luma/en_US/sitemap.xml"), "<static-xml/>\n");
        // Outside pub/: not reachable however the URL is spelled.
        Files.createDirectories(magento.resolve("var/log"));
        Files.writeString(magento.resolve("var/log/system.log"), "secret-system-log\n");
    }

    @AfterAll
    static void stopBoth() throws InterruptedException {
        if (stack != null) {
            stack.close();
        }
    }

    private static HttpResponse<byte[]> get(String path, String... headers) throws IOException, InterruptedException {
        return stack.get(path, headers);
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
            String rendered = Files.readString(stack.renderedNginx.resolve(name));
            assertFalse(rendered.contains("${"), name + " still has a placeholder:\n" + rendered);
        }
        String server = Files.readString(stack.renderedNginx.resolve("magento.conf"));
        assertTrue(server.contains("listen " + stack.nginxPort + " default_server;"), server);
        assertTrue(server.contains("try_files $uri $uri/ /index.php$is_args$args;"), server);
        assertTrue(server.contains("$document_root$fastcgi_script_name"), server);
    }

    @Test
    void healthCheck_goesThroughPhpFpmWithOurIniAndTheWrittenEnvPhp() throws Exception {
        HttpResponse<byte[]> response = get("/health_check.php", "X-Forwarded-Proto", "https");

        assertEquals(200, response.statusCode(), body(response) + read(stack.phpFpmLog));
        assertEquals("php-fpm", response.headers().firstValue("x-health-check").orElse(""));
        assertSecurityHeaders(response);
        assertTrue(response.headers().firstValue("strict-transport-security").orElse("").startsWith("max-age="));
        assertTrue(response.headers().firstValue("x-powered-by").isEmpty(), "expose_php off");
        JsonNode json = new ObjectMapper().readTree(response.body());
        assertEquals("fpm-fcgi", json.get("sapi").asText());
        assertEquals("on", json.get("https").asText(), "X-Forwarded-Proto https reaches Magento as HTTPS=on");
        assertEquals("768M", json.get("memory_limit").asText(), "PHP_MEMORY_LIMIT reaches php.ini's memory_limit");
        assertEquals("0", json.get("validate_timestamps").asText());
        assertEquals("aurora-writer.test:3306", json.get("db_host").asText());
        assertEquals("production", json.get("magento_mode").asText());
    }

    @Test
    void requests_seeNoneOfTheContainersEnvironment_onceEnvPhpIsWritten() throws Exception {
        HttpResponse<byte[]> response = get("/health_check.php");
        assertEquals(200, response.statusCode(), body(response));
        JsonNode json = new ObjectMapper().readTree(response.body());

        // getenv() and $_ENV in FPM also hold the request's FastCGI parameters: those are the request's own.
        for (String source : List.of("environment", "env_superglobal")) {
            List<String> fromTheContainer = new ArrayList<>();
            json.get(source).fieldNames().forEachRemaining(fromTheContainer::add);
            json.get("server_keys").forEach(key -> fromTheContainer.remove(key.asText()));
            assertEquals(List.of(), fromTheContainer, "container variables a request can read (" + source + ")");
        }
        for (JsonNode key : json.get("server_keys")) {
            assertFalse(key.asText().matches("(MAGENTO|MCK|PHP_FPM)_.*") || key.asText().equals("PHP_MEMORY_LIMIT"),
                    "$_SERVER carries the environment: " + key);
        }
        assertFalse(body(response).contains(CRYPT_KEY), "crypt key reachable from a request");
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
    void privateFilesScriptsAndDotFiles_areDenied() throws Exception {
        for (String path : List.of("/.git/config", "/.user.ini", "/.htaccess", "/errors/local.xml", "/errors/design.xml",
                "/media/customer/a/private.txt", "/media/downloadable/files/book.pdf",
                "/media/import/products.csv", "/media/custom_options/quote/f.png",
                "/media/theme_customization/x/layout.xml", "/cron.php", "/app/etc/env.php", "/setup/index.php",
                "/vendor/autoload.php", "/get.phtml", "/index.php/../cron.php")) {
            HttpResponse<byte[]> response = get(path);
            // Denied (403) and answered by Magento's 404 page, as nginx.conf.sample does.
            assertEquals(404, response.statusCode(), path + ": " + body(response));
            assertEquals("magento-404", body(response), path);
        }
    }

    @Test
    void storefrontUrlsNamedLikeMagentoFolders_reachTheFrontController() throws Exception {
        // The web root is pub/, where app/, lib/, dev/, var/ ... do not exist: such URLs are
        // CMS pages, categories or rewrites, and Magento answers them.
        for (String path : List.of("/dev/blog-post.html", "/lib", "/app", "/bin/shoes.html", "/var/summer",
                "/vendor/acme.html", "/update", "/generated", "/setup")) {
            HttpResponse<byte[]> response = get(path);
            assertEquals(200, response.statusCode(), path);
            assertEquals("magento-index " + path, body(response), path);
        }
        HttpResponse<byte[]> log = get("/var/log/system.log");
        assertFalse(body(log).contains("secret-system-log"), "files outside pub/ are never served");
    }

    @Test
    void largeHeadersAndUrls_asTheAlbPassesThem_areAccepted() throws Exception {
        String cookie = "mage-cache-sessid=true; big=" + "x".repeat(16 * 1024 - 40);
        HttpResponse<byte[]> withCookie = get("/women.html", "Cookie", cookie);
        assertEquals(200, withCookie.statusCode(), "a 16 KB header");

        String longPath = "/search.html?q=" + "y".repeat(16 * 1024 - 40);
        HttpResponse<byte[]> withLongUrl = get(longPath);
        assertEquals(200, withLongUrl.statusCode(), "a 16 KB request line");
        assertEquals("magento-index " + longPath, body(withLongUrl));
    }

    @Test
    void mediaOnDisk_isServedByNginx_andMissingMediaGoesToGetPhp() throws Exception {
        HttpResponse<byte[]> image = get("/media/catalog/product/a/shirt.gif");
        assertEquals(200, image.statusCode());
        assertEquals("GIF89a-fake-image", body(image));
        assertTrue(String.join(",", image.headers().allValues("cache-control")).contains("max-age=31536000"));
        assertSecurityHeaders(image);

        HttpResponse<byte[]> missing = get("/media/catalog/product/b/missing.jpg?x=1");
        assertEquals(200, missing.statusCode());
        assertEquals("magento-get /media/catalog/product/b/missing.jpg?x=1", body(missing));

        HttpResponse<byte[]> csv = get("/media/export.csv");
        assertEquals("media-csv\n", body(csv));
        assertEquals(List.of("no-store"), csv.headers().allValues("cache-control"));
    }

    @Test
    void staticArchivesAndXml_areNeverCached() throws Exception {
        HttpResponse<byte[]> xml = get("/static/version12/frontend/Magento/luma/en_US/sitemap.xml");
        assertEquals(200, xml.statusCode());
        assertEquals(List.of("no-store"), xml.headers().allValues("cache-control"));
        assertSecurityHeaders(xml);

        HttpResponse<byte[]> missing = get("/static/frontend/Magento/luma/en_US/missing.zip");
        assertEquals("magento-static resource=frontend/Magento/luma/en_US/missing.zip", body(missing));
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

        await("access log line for " + marker, Duration.ofSeconds(5), () -> read(stack.accessLog).contains(marker), null, null);
        String line = read(stack.accessLog).lines().filter(l -> l.contains(marker)).findFirst().orElseThrow();
        JsonNode entry = new ObjectMapper().readTree(line);
        assertEquals("203.0.113.77", entry.get("client").asText(), "127.0.0.1/32 is one of several trusted CIDRs: " + line);
        assertEquals("127.0.0.1", entry.get("peer").asText(), line);
        assertEquals(200, entry.get("status").asInt(), line);
    }

    @Test
    void secrets_neverAppearInTheContainersOutput() {
        String output = stack.logs();
        assertTrue(output.contains("wrote"), "the entrypoint reports writing env.php: " + output);
        assertFalse(output.contains(CRYPT_KEY), "crypt key printed");
        assertFalse(output.contains(DB_PASSWORD), "database password printed");
    }
}
