package io.magecloudkit.image.containers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;

import io.magecloudkit.config.AppConfig;
import io.magecloudkit.config.ConfigLoader;
import io.magecloudkit.config.EnvironmentConfig;
import io.magecloudkit.config.SecretRef;

/**
 * The variable contract (docs/containers.md) end to end: examples/magecloudkit.yml's Magento apps
 * rendered by the deploy from the stacks' outputs ({@link RenderedExample}), their secrets injected
 * as ECS does, and the real entrypoints (env.php writer, nginx templates) run with exactly that
 * environment. A variable the renderer and the containers name differently fails here.
 */
class ExampleVariableContractTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    /** Read by the official Blackfire agent image, not by a file of ours. */
    private static final Set<String> READ_BY_THIRD_PARTY_IMAGES = Set.of("BLACKFIRE_SERVER_ID", "BLACKFIRE_SERVER_TOKEN",
            "BLACKFIRE_SOCKET");
    /** The files each of our containers reads its variables in. */
    private static final Map<String, List<String>> CONTAINER_FILES = Map.of(
            "php-fpm", List.of("php/write-env-php.php", "php/docker-entrypoint.sh", "php/php-fpm-pool.conf", "php/php.ini"),
            "nginx", List.of("nginx/docker-entrypoint.sh", "nginx/nginx.conf", "nginx/magento.conf"));

    static RenderedExample example;

    @TempDir
    Path work;

    @BeforeAll
    static void start() {
        example = new RenderedExample(ConfigLoader.load(Path.of("examples/magecloudkit.yml")));
    }

    @AfterAll
    static void stop() {
        example.close();
    }

    record MagentoApp(String environment, AppConfig app) {
        String where() {
            return environment + "/" + app.name();
        }

        EnvironmentConfig config() {
            return example.config.environment(environment);
        }

        String zone() {
            return config().region() + ".magecloudkit.internal";
        }
    }

    private static List<MagentoApp> magentoApps() {
        List<MagentoApp> apps = new ArrayList<>();
        for (String environment : example.config.environmentNames()) {
            example.config.environment(environment).apps().values().stream().filter(a -> a.kind().equals("magento"))
                    .forEach(a -> apps.add(new MagentoApp(environment, a)));
        }
        assertEquals(4, apps.size(), "magento and admin, in staging and in production");
        return apps;
    }

    private static String sources(String container) throws Exception {
        StringBuilder out = new StringBuilder();
        for (String file : CONTAINER_FILES.get(container)) {
            out.append(Files.readString(ContainerTools.resources().resolve(file))).append('\n');
        }
        return out.toString();
    }

    /** The image's defaults (docker/images.yml), as the container starts with them before the task's values. */
    private static Map<String, String> imageEnvironment(String container) throws Exception {
        JsonNode images = new ObjectMapper(new YAMLFactory()).readTree(ContainerTools.resources().resolve("docker/images.yml").toFile());
        Map<String, String> env = new HashMap<>();
        images.at("/images/" + container + "/environment").fields().forEachRemaining(e -> env.put(e.getKey(), e.getValue().asText()));
        return env;
    }

    @Test
    void everyVariableTheDeployRenders_isReadByItsContainer_andDocumented() throws Exception {
        String docs = Files.readString(Path.of("docs/containers.md"));
        int checked = 0;
        for (MagentoApp m : magentoApps()) {
            for (RenderedExample.Container c : example.render(m.environment(), m.app()).values()) {
                List<String> names = new ArrayList<>(c.environment().keySet());
                names.addAll(c.secrets().keySet());
                for (String name : names) {
                    String where = m.where() + ": " + c.name() + " gets " + name;
                    assertTrue(c.name().equals("blackfire") ? READ_BY_THIRD_PARTY_IMAGES.contains(name)
                            : Pattern.compile("\\b" + name + "\\b").matcher(sources(c.name())).find(), where + ", which it does not read");
                    assertTrue(docs.contains("`" + name + "`"), where + ", which docs/containers.md does not list");
                    checked++;
                }
            }
        }
        assertTrue(checked > 40, "variables rendered: " + checked);
    }

    @Test
    void theExamplesMagentoApps_writeACompleteEnvPhp_fromWhatTheDeployRenders() throws Exception {
        Path php = ContainerTools.php();
        // Stands in for php-fpm: shows what the entrypoint hands it, through our php.ini.
        Path fakePhpFpm = work.resolve("fake-php-fpm");
        Files.writeString(fakePhpFpm, "#!/bin/sh\nexec " + php + " -n -c " + ContainerTools.resources().resolve("php/php.ini")
                + " -r 'echo \"memory_limit=\", ini_get(\"memory_limit\"), \" max_children=\", getenv(\"PHP_FPM_MAX_CHILDREN\"),"
                + " \" scan_dir=\", getenv(\"PHP_INI_SCAN_DIR\"), PHP_EOL;'\n");
        Files.setPosixFilePermissions(fakePhpFpm, PosixFilePermissions.fromString("rwxr-xr-x"));
        for (MagentoApp m : magentoApps()) {
            String where = m.where();
            Map<String, RenderedExample.Container> containers = example.render(m.environment(), m.app());
            RenderedExample.Container phpFpm = containers.get("php-fpm");
            Map<String, String> injected = example.injectSecrets(phpFpm);
            for (String password : List.of("MAGENTO_SEARCH_PASSWORD", "MAGENTO_REDIS_CACHE_PASSWORD", "MAGENTO_REDIS_SESSION_PASSWORD")) {
                assertTrue(phpFpm.secrets().containsKey(password) && !phpFpm.environment().containsKey(password),
                        where + ": " + password + " is an ECS secret, never a plain variable");
            }
            Path magento = Files.createDirectories(work.resolve(where + "/magento/app/etc")).getParent().getParent();
            Map<String, String> env = imageEnvironment("php-fpm");
            env.putAll(phpFpm.environment());
            env.putAll(injected);
            // Where this test keeps the programs and files the image has at fixed paths.
            env.put("MAGENTO_ROOT", magento.toString());
            env.put("PHP_BIN", php.toString());
            env.put("PHP_FPM_BIN", fakePhpFpm.toString());
            env.put("MCK_ENV_PHP_WRITER", ContainerTools.resources().resolve("php/write-env-php.php").toString());
            Path cgroup = Files.createDirectories(work.resolve(where + "/cgroup"));
            long containerMemory = phpFpm.definition().path("memory").asLong();
            Files.writeString(cgroup.resolve("memory.max"), containerMemory * 1024 * 1024 + "\n");
            env.put("MCK_CGROUP_ROOT", cgroup.toString());

            ContainerTools.Result result = ContainerTools.run(List.of("/bin/sh",
                    ContainerTools.resources().resolve("php/docker-entrypoint.sh").toString()), env, work);

            assertEquals(0, result.exitCode(), where + ": " + result.output());
            for (String value : injected.values()) {
                assertFalse(result.output().contains(value), where + ": a secret was printed");
            }
            String memoryLimit = m.app().environment().getOrDefault("PHP_MEMORY_LIMIT", "2G");
            long workers = Math.max(1, (containerMemory - 640) / 150);
            assertTrue(result.stdout().contains("memory_limit=" + memoryLimit + " max_children=" + workers + " "),
                    where + ": " + result.stdout());
            assertEquals(containers.containsKey("blackfire"), result.stdout().contains("blackfire.d"),
                    where + ": the Blackfire probe is loaded exactly when the task has the agent: " + result.stdout());
            checkEnvPhp(m, envPhp(php, magento.resolve("app/etc/env.php")), injected);
        }
    }

    @Test
    void phpFpmAndNginx_serveWithWhatTheDeployRenders() throws Exception {
        for (MagentoApp m : magentoApps()) {
            Map<String, RenderedExample.Container> containers = example.render(m.environment(), m.app());
            Map<String, String> phpFpm = new HashMap<>(containers.get("php-fpm").environment());
            Map<String, String> injected = example.injectSecrets(containers.get("php-fpm"));
            phpFpm.putAll(injected);
            // The loopback address stands in for the load balancer's, which is in the VPC's CIDR.
            Map<String, String> nginx = new HashMap<>(containers.get("nginx").environment());
            nginx.replaceAll((name, value) -> value.equals(m.config().vpcCidr()) ? value + ", 127.0.0.1/32" : value);

            try (NginxPhpFpmStack stack = NginxPhpFpmStack.start(Files.createDirectories(work.resolve(m.where())), phpFpm, nginx)) {
                var response = stack.get("/health_check.php", "X-Forwarded-For", "203.0.113.9");

                String body = new String(response.body(), StandardCharsets.UTF_8);
                assertEquals(200, response.statusCode(), m.where() + ": " + body + stack.logs());
                JsonNode health = JSON.readTree(body);
                assertEquals(m.app().environment().getOrDefault("PHP_MEMORY_LIMIT", "2G"), health.path("memory_limit").asText(), m.where());
                assertEquals(m.app().environment().get("MAGENTO_MODE"), health.path("magento_mode").asText(), m.where());
                assertEquals("203.0.113.9", health.path("remote_addr").asText(), m.where() + ": the client behind a trusted proxy");
                for (String value : injected.values()) {
                    assertFalse(body.contains(value) || stack.logs().contains(value), m.where() + ": a secret reached a request or a log");
                }
            }
        }
    }

    /** Each value the environment's stacks and the configuration give lands where Magento and its modules read it. */
    private static void checkEnvPhp(MagentoApp m, JsonNode envPhp, Map<String, String> injected) throws IOException {
        String where = m.where() + " env.php " + envPhp;
        String environment = m.environment();
        Map<String, SecretRef> appSecrets = m.app().secrets();
        JsonNode db = envPhp.at("/db/connection/default");
        // Aurora requires TLS and pdo_mysql checks the certificate's name: the cluster's endpoint, the image's RDS CA
        // bundle (PDO::MYSQL_ATTR_SSL_CA, 1009 under mysqlnd) and verification on (PDO::MYSQL_ATTR_SSL_VERIFY_SERVER_CERT).
        assertEquals(example.endpoint(environment, "database") + ":3306", db.path("host").asText(), where);
        for (JsonNode connection : List.of(db, envPhp.at("/db/slave_connection/default"))) {
            JsonNode options = connection.path("driver_options");
            assertEquals(rdsCaBundleInTheImage(), options.path("1009").asText(), where + ": the CA bundle the image holds");
            assertEquals(true, options.path("1014").isBoolean() && options.path("1014").asBoolean(), where + ": certificate verified");
        }
        assertEquals(example.databaseName(environment), db.path("dbname").asText(), where + ": the database provision creates");
        assertEquals(example.stackSecret(environment, "master-user"), db.path("username").asText(), where);
        assertEquals(appSecrets.containsKey("MAGENTO_DB_PASSWORD") ? RenderedExample.configuredValue(appSecrets.get("MAGENTO_DB_PASSWORD"))
                : example.stackSecret(environment, "master-password"), db.path("password").asText(), where + ": the app's secret wins");
        assertTrue(envPhp.at("/db/slave_connection/default/host").asText().startsWith(example.readerEndpoint(environment)), where);
        // Over TLS the certificate's name, the endpoint.
        for (String cache : List.of("default", "page_cache")) {
            JsonNode redis = envPhp.at("/cache/frontend/" + cache + "/backend_options");
            assertEquals("tls://" + example.endpoint(environment, "cache"), redis.path("server").asText(), where);
            assertEquals(example.stackSecret(environment, "cache"), redis.path("password").asText(), where + ": the cache group's AUTH");
        }
        JsonNode session = envPhp.at("/session/redis");
        assertEquals("tls://" + example.endpoint(environment, "session"), session.path("host").asText(), where);
        assertEquals(example.stackSecret(environment, "session"), session.path("password").asText(), where + ": the session group's AUTH");
        JsonNode search = envPhp.at("/system/default/catalog/search");
        assertEquals("https://" + example.endpoint(environment, "search"), search.path("opensearch_server_hostname").asText(),
                where);
        assertEquals("443", search.path("opensearch_server_port").asText(), where);
        assertEquals("1", search.path("opensearch_enable_auth").asText(), where + ": fine-grained access control");
        assertEquals(example.stackSecret(environment, "search-user"), search.path("opensearch_username").asText(), where);
        assertEquals(example.stackSecret(environment, "search-password"), search.path("opensearch_password").asText(),
                where);
        assertEquals(RenderedExample.configuredValue(appSecrets.get("MAGENTO_CRYPT_KEY")), envPhp.at("/crypt/key").asText(), where);
        assertEquals(m.app().environment().get("MAGENTO_MODE"), envPhp.path("MAGE_MODE").asText(), where);
        JsonNode smtp = envPhp.at("/system/default/system/smtp");
        assertEquals(m.app().environment().get("MAGENTO_SMTP_HOST"), smtp.path("host").asText(), where);
        assertEquals(RenderedExample.configuredValue(appSecrets.get("MAGENTO_SMTP_PASSWORD")), smtp.path("password").asText(), where);
        var integrations = example.config.integrations();
        JsonNode algolia = envPhp.at("/system/default/algoliasearch_credentials/credentials");
        assertEquals(RenderedExample.configuredValue(integrations.algolia().get("applicationId")), algolia.path("application_id").asText(), where);
        assertEquals(RenderedExample.configuredValue(integrations.algolia().get("adminApiKey")), algolia.path("api_key").asText(), where);
        assertEquals(RenderedExample.configuredValue(integrations.bugsnag().get("apiKey")), envPhp.at("/bugsnag/api_key").asText(), where);
        assertEquals("shop-123", envPhp.at("/system/stores/default/nosto_tagging/settings/account").asText(), where);
        // Nothing the deploy injects is dropped on the way (the Nosto JSON is taken apart, above).
        injected.forEach((name, value) -> assertTrue(value.startsWith("{") || envPhp.toString().contains(JSON.valueToTree(value).toString()),
                m.where() + ": the value of " + name + " is not in env.php"));
    }

    /** Where php-fpm.Dockerfile fetches AWS's RDS CA bundle into the base image. */
    private static String rdsCaBundleInTheImage() throws IOException {
        String dockerfile = Files.readString(ContainerTools.resources().resolve("docker/php-fpm.Dockerfile"));
        Matcher fetched = Pattern.compile("curl -fsSL -o (\\S+) https://truststore\\.pki\\.rds\\.amazonaws\\.com/global/global-bundle\\.pem")
                .matcher(dockerfile);
        assertTrue(fetched.find(), "php-fpm.Dockerfile fetches no RDS CA bundle");
        return fetched.group(1);
    }

    /** env.php as Magento loads it: PHP includes the file; printed as JSON. */
    private JsonNode envPhp(Path php, Path envPhp) throws Exception {
        ContainerTools.Result loaded = ContainerTools.run(List.of(php.toString(), "-n", "-r",
                "echo json_encode(include $argv[1], JSON_THROW_ON_ERROR);", envPhp.toString()), Map.of(), work);
        assertEquals(0, loaded.exitCode(), loaded.output());
        return JSON.readTree(loaded.stdout());
    }

    @Test
    void nginx_trustsTheRenderedVpcCidr_andSeveralCidrs() throws Exception {
        for (String environment : example.config.environmentNames()) {
            EnvironmentConfig config = example.config.environment(environment);
            Map<String, String> rendered = example.render(environment, config.apps().get("magento")).get("nginx").environment();
            for (String extra : List.of("", ", 100.64.0.0/10 192.0.2.7")) {
                Path runtime = work.resolve(environment + "-nginx" + extra.length());
                Map<String, String> env = imageEnvironment("nginx");
                env.putAll(rendered);
                env.replaceAll((name, value) -> value.equals(config.vpcCidr()) ? value + extra : value);
                env.putAll(Map.of(
                        "NGINX_BIN", ContainerTools.nginx().toString(),
                        "NGINX_TEMPLATE_DIR", ContainerTools.resources().resolve("nginx").toString(),
                        "NGINX_RUNTIME_DIR", runtime.toString(),
                        "NGINX_LISTEN_PORT", Integer.toString(ContainerTools.freePort()),
                        "NGINX_ERROR_LOG", "stderr",
                        "MAGENTO_ROOT", work.toString()));
                List<String> command = new ArrayList<>(List.of("/bin/sh",
                        ContainerTools.resources().resolve("nginx/docker-entrypoint.sh").toString(), "-t"));
                if (ContainerTools.runningAsRoot(Files.createTempFile(work, "owner", ".probe"))) {
                    command.addAll(List.of("-g", "user root;"));
                }

                ContainerTools.Result result = ContainerTools.run(command, env, work);

                assertEquals(0, result.exitCode(), environment + ": " + result.output());
                List<String> trusted = Files.readString(runtime.resolve("nginx.conf")).lines().map(String::strip)
                        .filter(l -> l.startsWith("set_real_ip_from ")).toList();
                List<String> expected = new ArrayList<>(List.of("set_real_ip_from " + config.vpcCidr() + ";"));
                if (!extra.isEmpty()) {
                    expected.addAll(List.of("set_real_ip_from 100.64.0.0/10;", "set_real_ip_from 192.0.2.7;"));
                }
                assertEquals(expected, trusted, environment + ": the VPC's CIDR, not the image's default");
            }
        }
    }
}
