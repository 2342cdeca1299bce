package io.magecloudkit.image.containers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/** write-env-php.php run by real PHP: the env.php it writes is valid PHP holding exactly the environment's values. */
class EnvPhpWriterTest {

    private static final String PASSWORD = "it's \"quoted\" $HOME ${x} \\back\\slash\\ \n<?php ?> end\\";
    private static final String CRYPT_KEY = "f3b1c0ffee0123456789abcdefabcdef";
    private static final String REDIS_PASSWORD = "redis-auth-'$\\-secret";
    private static final String ALGOLIA_KEY = "algolia-admin-key-123";

    @TempDir
    Path work;

    private Path magento;
    private Path envPhp;
    private Path php;
    private Path writer;

    @BeforeEach
    void setUp() throws IOException {
        php = ContainerTools.php();
        writer = ContainerTools.resources().resolve("php/write-env-php.php");
        magento = Files.createDirectories(work.resolve("magento/app/etc")).getParent().getParent();
        envPhp = magento.resolve("app/etc/env.php");
    }

    private Map<String, String> fullEnvironment() {
        Map<String, String> env = new HashMap<>();
        env.put("MAGENTO_ROOT", magento.toString());
        env.put("MCK_DISCOVERY_DOMAIN", "eu-west-1.magecloudkit.internal");
        env.put("MAGENTO_DB_HOST", "aurora-writer.example.internal");
        env.put("MAGENTO_DB_READER_HOST", "aurora-reader.example.internal");
        env.put("MAGENTO_DB_NAME", "magento_prod");
        env.put("MAGENTO_DB_USER", "magento");
        env.put("MAGENTO_DB_PASSWORD", PASSWORD);
        env.put("MAGENTO_CRYPT_KEY", CRYPT_KEY);
        env.put("MAGENTO_BACKEND_FRONTNAME", "admin_x7k2");
        env.put("MAGENTO_REDIS_TLS", "true");
        env.put("MAGENTO_REDIS_CACHE_PASSWORD", REDIS_PASSWORD);
        env.put("MAGENTO_BASE_URL", "https://shop.example.com");
        env.put("ALGOLIA_APPLICATION_ID", "APPID1");
        env.put("ALGOLIA_API_KEY", ALGOLIA_KEY);
        return env;
    }

    private ContainerTools.Result write(Map<String, String> env) throws Exception {
        return ContainerTools.run(List.of(php.toString(), "-n", writer.toString()), env, work);
    }

    private JsonNode readEnvPhp(Path file) throws Exception {
        ContainerTools.Result lint = ContainerTools.run(List.of(php.toString(), "-n", "-l", file.toString()), Map.of(), work);
        assertEquals(0, lint.exitCode(), "php -l env.php: " + lint.output());
        ContainerTools.Result dump = ContainerTools.run(List.of(php.toString(), "-n", "-r",
                "echo json_encode(include $argv[1], JSON_THROW_ON_ERROR);", file.toString()), Map.of(), work);
        assertEquals(0, dump.exitCode(), dump.output());
        return new ObjectMapper().readTree(dump.stdout());
    }

    @Test
    void fullEnvironment_writesValidEnvPhpWithTheValues() throws Exception {
        ContainerTools.Result result = write(fullEnvironment());
        assertEquals(0, result.exitCode(), result.output());

        JsonNode env = readEnvPhp(envPhp);
        JsonNode db = env.at("/db/connection/default");
        assertEquals("aurora-writer.example.internal:3306", db.get("host").asText());
        assertEquals("magento_prod", db.get("dbname").asText());
        assertEquals(PASSWORD, db.get("password").asText(), "the password round-trips exactly");
        assertEquals("aurora-reader.example.internal:3306", env.at("/db/slave_connection/default/host").asText());
        assertEquals(PASSWORD, env.at("/db/slave_connection/default/password").asText());
        assertEquals(CRYPT_KEY, env.at("/crypt/key").asText());
        assertEquals("admin_x7k2", env.at("/backend/frontName").asText());
        assertEquals("production", env.get("MAGE_MODE").asText());
        assertTrue(env.at("/install/date").isTextual(), "Magento needs install/date to consider itself installed");

        // Redis hosts from the discovery domain, TLS and AUTH as asked.
        JsonNode cache = env.at("/cache/frontend/default/backend_options");
        assertEquals("tls://redis-cache.eu-west-1.magecloudkit.internal", cache.get("server").asText());
        assertEquals(REDIS_PASSWORD, cache.get("password").asText());
        assertEquals("0", cache.get("database").asText());
        assertEquals("1", env.at("/cache/frontend/page_cache/backend_options/database").asText());
        assertEquals("Magento\\Framework\\Cache\\Backend\\Redis", env.at("/cache/frontend/default/backend").asText());
        assertEquals("redis", env.at("/session/save").asText());
        assertEquals("tls://redis-session.eu-west-1.magecloudkit.internal", env.at("/session/redis/host").asText());

        JsonNode search = env.at("/system/default/catalog/search");
        assertEquals("opensearch", search.get("engine").asText());
        assertEquals("https://search.eu-west-1.magecloudkit.internal", search.get("opensearch_server_hostname").asText());
        assertEquals("443", search.get("opensearch_server_port").asText());
        assertEquals("0", search.get("opensearch_enable_auth").asText());

        assertEquals("https://shop.example.com/", env.at("/system/default/web/secure/base_url").asText());
        assertEquals(ALGOLIA_KEY, env.at("/system/default/algoliasearch_credentials/credentials/api_key").asText());
        assertEquals("APPID1", env.at("/system/default/algoliasearch_credentials/credentials/application_id").asText());
        assertTrue(env.at("/system/default/bugsnag").isMissingNode(), "absent integrations are not written");

        assertEquals("rw-r-----", PosixFilePermissions.toString(Files.getPosixFilePermissions(envPhp)));
        try (Stream<Path> files = Files.list(envPhp.getParent())) {
            assertEquals(List.of(envPhp), files.toList(), "no temporary file left behind");
        }
        for (String secret : List.of(PASSWORD, CRYPT_KEY, REDIS_PASSWORD, ALGOLIA_KEY)) {
            assertFalse(result.output().contains(secret), "a secret was printed: " + result.output());
        }
    }

    @Test
    void explicitHosts_winOverDiscoveryNames_andNoDiscoveryIsNeededThen() throws Exception {
        Map<String, String> env = fullEnvironment();
        env.remove("MCK_DISCOVERY_DOMAIN");
        env.remove("MAGENTO_REDIS_TLS");
        env.put("MAGENTO_REDIS_CACHE_HOST", "cache.local");
        env.put("MAGENTO_REDIS_CACHE_PORT", "6380");
        env.put("MAGENTO_REDIS_SESSION_HOST", "sessions.local");
        env.put("MAGENTO_SEARCH_HOST", "opensearch.local");
        env.put("MAGENTO_SEARCH_SCHEME", "http");
        env.put("MAGENTO_SEARCH_USERNAME", "search-user");
        env.put("MAGENTO_SEARCH_PASSWORD", "search-pass");
        env.put("MAGENTO_MODE", "developer");

        ContainerTools.Result result = write(env);
        assertEquals(0, result.exitCode(), result.output());

        JsonNode written = readEnvPhp(envPhp);
        assertEquals("cache.local", written.at("/cache/frontend/default/backend_options/server").asText());
        assertEquals("6380", written.at("/cache/frontend/default/backend_options/port").asText());
        assertEquals("sessions.local", written.at("/session/redis/host").asText());
        assertEquals("http://opensearch.local", written.at("/system/default/catalog/search/opensearch_server_hostname").asText());
        assertEquals("9200", written.at("/system/default/catalog/search/opensearch_server_port").asText());
        assertEquals("1", written.at("/system/default/catalog/search/opensearch_enable_auth").asText());
        assertEquals("search-pass", written.at("/system/default/catalog/search/opensearch_password").asText());
        assertEquals("developer", written.get("MAGE_MODE").asText());
    }

    @Test
    void missingRequiredVariables_failOnOneLineNamingThemAll_andWriteNothing() throws Exception {
        Files.writeString(envPhp, "<?php return ['previous' => true];\n");
        Map<String, String> env = fullEnvironment();
        env.remove("MCK_DISCOVERY_DOMAIN");
        env.remove("MAGENTO_CRYPT_KEY");
        env.remove("MAGENTO_DB_NAME");

        ContainerTools.Result result = write(env);

        assertNotEquals(0, result.exitCode());
        assertEquals(1, result.stderr().strip().lines().count(), "one line: " + result.stderr());
        for (String name : List.of("MAGENTO_CRYPT_KEY", "MAGENTO_DB_NAME", "MAGENTO_REDIS_CACHE_HOST",
                "MAGENTO_REDIS_SESSION_HOST", "MAGENTO_SEARCH_HOST", "MCK_DISCOVERY_DOMAIN")) {
            assertTrue(result.stderr().contains(name), name + " not named in: " + result.stderr());
        }
        assertFalse(result.stderr().contains("MAGENTO_DB_HOST"), "given explicitly: " + result.stderr());
        assertFalse(result.output().contains(PASSWORD), "password printed");
        assertEquals("<?php return ['previous' => true];\n", Files.readString(envPhp), "env.php untouched");
        try (Stream<Path> files = Files.list(envPhp.getParent())) {
            assertEquals(1, files.count(), "no temporary file left behind");
        }
    }

    @Test
    void noEnvironmentAtAll_namesEveryRequiredVariable_andCreatesNoFile() throws Exception {
        ContainerTools.Result result = write(Map.of("MAGENTO_ROOT", magento.toString()));

        assertNotEquals(0, result.exitCode());
        for (String name : List.of("MAGENTO_DB_HOST", "MAGENTO_DB_NAME", "MAGENTO_DB_USER", "MAGENTO_DB_PASSWORD",
                "MAGENTO_CRYPT_KEY")) {
            assertTrue(result.stderr().contains(name), name + " not named in: " + result.stderr());
        }
        assertFalse(Files.exists(envPhp));
    }

    record TlsCase(String name, Map<String, String> given, String ca, Boolean verify) {
    }

    /**
     * Aurora requires TLS: pdo_mysql's driver options under Magento's keys, {@code PDO::MYSQL_ATTR_SSL_CA} (1009 under
     * mysqlnd) and {@code PDO::MYSQL_ATTR_SSL_VERIFY_SERVER_CERT} (1014), on the writer and the reader connection.
     */
    @Test
    void databaseTls_driverOptions_fromTheEnvironment() throws Exception {
        List<TlsCase> cases = List.of(
                new TlsCase("default: the image's RDS bundle, verified", Map.of(),
                        "/usr/local/share/magecloudkit/rds-global-bundle.pem", true),
                new TlsCase("a CA given, verification off", Map.of("MAGENTO_DB_SSL_CA", "/etc/own-ca.pem",
                        "MAGENTO_DB_SSL_VERIFY", "false"), "/etc/own-ca.pem", false),
                new TlsCase("TLS off: no driver options", Map.of("MAGENTO_DB_SSL", "false"), null, null));
        for (TlsCase c : cases) {
            Map<String, String> env = fullEnvironment();
            env.putAll(c.given());
            Files.deleteIfExists(envPhp);
            ContainerTools.Result result = write(env);
            assertEquals(0, result.exitCode(), c.name() + ": " + result.output());
            JsonNode written = readEnvPhp(envPhp);
            for (String connection : List.of("/db/connection/default", "/db/slave_connection/default")) {
                JsonNode options = written.at(connection + "/driver_options");
                if (c.ca() == null) {
                    assertTrue(options.isMissingNode(), c.name() + ": " + options);
                    continue;
                }
                assertEquals(2, options.size(), c.name() + ": " + options);
                assertEquals(c.ca(), options.path("1009").asText(), c.name() + " " + connection);
                assertTrue(options.path("1014").isBoolean(), c.name() + ": Magento writes the flag as a boolean");
                assertEquals(c.verify(), options.path("1014").asBoolean(), c.name() + " " + connection);
            }
        }
    }

    @Test
    void invalidValues_areRejectedByName() throws Exception {
        Map<String, String> env = fullEnvironment();
        env.put("MAGENTO_DB_PORT", "33o6");
        env.put("MAGENTO_MODE", "prod");
        env.put("MAGENTO_REDIS_TLS", "sometimes");
        env.put("MAGENTO_DB_SSL_VERIFY", "maybe");

        ContainerTools.Result result = write(env);

        assertNotEquals(0, result.exitCode());
        for (String name : List.of("MAGENTO_DB_PORT", "MAGENTO_MODE", "MAGENTO_REDIS_TLS", "MAGENTO_DB_SSL_VERIFY")) {
            assertTrue(result.stderr().contains(name), name + " not named in: " + result.stderr());
        }
        assertFalse(Files.exists(envPhp));
    }

    @Test
    void symlinkedEnvPhp_writesTheLinkTarget_andKeepsTheLink() throws Exception {
        // The php-fpm image links app/etc/env.php into a writable /run/magento.
        Path runDir = Files.createDirectories(work.resolve("run/magento"));
        Files.createSymbolicLink(envPhp, runDir.resolve("env.php"));

        ContainerTools.Result result = write(fullEnvironment());

        assertEquals(0, result.exitCode(), result.output());
        assertTrue(Files.isSymbolicLink(envPhp));
        assertEquals(CRYPT_KEY, readEnvPhp(runDir.resolve("env.php")).at("/crypt/key").asText());
        assertEquals(CRYPT_KEY, readEnvPhp(envPhp).at("/crypt/key").asText());
    }

    @Test
    void integrations_areWrittenWhereTheirModulesReadThem() throws Exception {
        Map<String, String> env = fullEnvironment();
        env.put("BUGSNAG_API_KEY", "bugsnag-notifier-key");
        env.put("BUGSNAG_RELEASE_STAGE", "staging");
        env.put("NOSTO_ACCOUNTS", """
                {"default": {"account": "shop-12345", "tokens": {"sso": "sso-secret", "products": "products-secret"}},
                 "fr": {"account": "shop-fr", "tokens": {"sso": "fr-secret"}, "domain": "fr.shop.example.com"}}
                """);

        ContainerTools.Result result = write(env);
        assertEquals(0, result.exitCode(), result.output());

        JsonNode written = readEnvPhp(envPhp);
        // ashsmith/magento-bugsnag-notifier-module: deployment config bugsnag/*.
        assertEquals("bugsnag-notifier-key", written.at("/bugsnag/api_key").asText());
        assertEquals("1", written.at("/bugsnag/enabled").asText());
        assertEquals("staging", written.at("/bugsnag/release_stage").asText());
        // nosto/module-nostotagging: per store view, tokens as the module stores them (JSON).
        JsonNode nosto = written.at("/system/stores/default/nosto_tagging/settings");
        assertEquals("shop-12345", nosto.get("account").asText());
        assertEquals(Map.of("sso", "sso-secret", "products", "products-secret"),
                new ObjectMapper().readValue(nosto.get("tokens").asText(), Map.class));
        assertTrue(nosto.path("domain").isMissingNode());
        assertEquals("shop-fr", written.at("/system/stores/fr/nosto_tagging/settings/account").asText());
        assertEquals("fr.shop.example.com", written.at("/system/stores/fr/nosto_tagging/settings/domain").asText());
        // Paths no module reads are gone.
        for (String path : List.of("/system/default/bugsnag", "/system/default/cloudflare", "/system/default/nosto",
                "/system/default/nosto_tagging")) {
            assertTrue(written.at(path).isMissingNode(), path);
        }
        for (String secret : List.of("sso-secret", "fr-secret", "bugsnag-notifier-key")) {
            assertFalse(result.output().contains(secret), "a secret was printed: " + result.output());
        }
    }

    @Test
    void malformedNostoAccounts_areRejectedByName_withoutShowingTheValue() throws Exception {
        for (String bad : List.of("not json sso-secret", "[\"sso-secret\"]", "{\"default\": {\"account\": \"a\"}}",
                "{\"default\": {\"account\": \"a\", \"tokens\": [\"sso-secret\"]}}",
                "{\"Bad Code\": {\"account\": \"a\", \"tokens\": {\"sso\": \"sso-secret\"}}}")) {
            Map<String, String> env = fullEnvironment();
            env.put("NOSTO_ACCOUNTS", bad);

            ContainerTools.Result result = write(env);

            assertEquals(1, result.exitCode(), bad);
            assertTrue(result.stderr().contains("NOSTO_ACCOUNTS"), result.stderr());
            assertFalse(result.output().contains("sso-secret"), "the secret was printed: " + result.output());
            assertFalse(Files.exists(envPhp));
        }
    }

    @Test
    void graphQlIdSalt_isTheSameInEveryTask_andCanBeGiven() throws Exception {
        assertEquals(0, write(fullEnvironment()).exitCode());
        String first = readEnvPhp(envPhp).at("/cache/graphql/id_salt").asText();
        Files.delete(envPhp);
        assertEquals(0, write(fullEnvironment()).exitCode());
        String second = readEnvPhp(envPhp).at("/cache/graphql/id_salt").asText();

        assertEquals(first, second, "another task, the same salt");
        assertTrue(first.matches("[0-9a-f]{32}"), first);
        assertFalse(first.contains(CRYPT_KEY));

        Map<String, String> otherKey = fullEnvironment();
        otherKey.put("MAGENTO_CRYPT_KEY", "another-crypt-key-0123456789abcdef");
        assertEquals(0, write(otherKey).exitCode());
        assertNotEquals(first, readEnvPhp(envPhp).at("/cache/graphql/id_salt").asText());

        Map<String, String> given = fullEnvironment();
        given.put("MAGENTO_GRAPHQL_ID_SALT", "GivenSalt0123456789abcdefghijklm");
        assertEquals(0, write(given).exitCode());
        assertEquals("GivenSalt0123456789abcdefghijklm", readEnvPhp(envPhp).at("/cache/graphql/id_salt").asText());
    }

    @Test
    void cacheTypesOfInstalledModules_areEnabled_andOnlyNamedOnesDisabled() throws Exception {
        Path moduleEtc = Files.createDirectories(magento.resolve("vendor/acme/module-prices/etc"));
        Files.writeString(moduleEtc.resolve("cache.xml"), """
                <?xml version="1.0"?>
                <config xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xsi:noNamespaceSchemaLocation="urn:magento:framework:Cache/etc/cache.xsd">
                    <type name="acme_prices" translate="label,description" instance="Acme\\Prices\\Model\\Cache\\Type">
                        <label>Acme prices</label>
                    </type>
                </config>
                """);
        Path appCode = Files.createDirectories(magento.resolve("app/code/Shop/Menu/etc"));
        Files.writeString(appCode.resolve("cache.xml"), "<config><type name=\"shop_menu\" instance=\"X\"/></config>\n");
        Map<String, String> env = fullEnvironment();
        env.put("MAGENTO_CACHE_TYPES_DISABLED", "full_page, shop_menu");

        ContainerTools.Result result = write(env);
        assertEquals(0, result.exitCode(), result.output());

        JsonNode types = readEnvPhp(envPhp).get("cache_types");
        assertEquals(1, types.get("acme_prices").asInt(), types.toString());
        assertEquals(1, types.get("config").asInt());
        assertEquals(0, types.get("full_page").asInt());
        assertEquals(0, types.get("shop_menu").asInt());

        env.put("MAGENTO_CACHE_TYPES_DISABLED", "full_pgae");
        Files.delete(envPhp);
        ContainerTools.Result typo = write(env);
        assertEquals(1, typo.exitCode());
        assertTrue(typo.stderr().contains("MAGENTO_CACHE_TYPES_DISABLED (no cache type full_pgae)"), typo.stderr());
    }

    @Test
    void smtp_isMagentosOwnTransport_orMailIsSwitchedOffSayingSo() throws Exception {
        Map<String, String> env = fullEnvironment();
        ContainerTools.Result off = write(env);
        assertEquals(0, off.exitCode(), off.output());
        assertEquals("1", readEnvPhp(envPhp).at("/system/default/system/smtp/disable").asText());
        assertTrue(off.stderr().contains("e-mail sending is disabled: MAGENTO_SMTP_HOST is not set"), off.stderr());

        env.put("MAGENTO_SMTP_HOST", "email-smtp.eu-west-1.amazonaws.com");
        env.put("MAGENTO_SMTP_USERNAME", "AKIAEXAMPLE");
        env.put("MAGENTO_SMTP_PASSWORD", "smtp-secret-pw");
        ContainerTools.Result on = write(env);
        assertEquals(0, on.exitCode(), on.output());
        JsonNode smtp = readEnvPhp(envPhp).at("/system/default/system/smtp");
        assertEquals("0", smtp.get("disable").asText());
        assertEquals("smtp", smtp.get("transport").asText());
        assertEquals("email-smtp.eu-west-1.amazonaws.com", smtp.get("host").asText());
        assertEquals("587", smtp.get("port").asText());
        assertEquals("AKIAEXAMPLE", smtp.get("username").asText());
        assertEquals("smtp-secret-pw", smtp.get("password").asText());
        assertEquals("login", smtp.get("auth").asText());
        assertEquals("none", smtp.get("ssl").asText());
        assertFalse(on.output().contains("smtp-secret-pw"));
        assertFalse(on.stderr().contains("disabled"), on.stderr());

        env.remove("MAGENTO_SMTP_PASSWORD");
        env.put("MAGENTO_SMTP_AUTH", "cram");
        Files.delete(envPhp);
        ContainerTools.Result bad = write(env);
        assertEquals(1, bad.exitCode());
        assertTrue(bad.stderr().contains("MAGENTO_SMTP_PASSWORD") && bad.stderr().contains("MAGENTO_SMTP_AUTH"), bad.stderr());
    }

    /** The consumers' settings, with the types Magento's readers need (cron_run boolean, max_messages int, wait an int: `=== 1`). */
    @Test
    void consumers_byDefault_cronRunsEveryConsumer_whichExitsOnceItsQueueIsEmpty() throws Exception {
        ContainerTools.Result result = write(fullEnvironment());
        assertEquals(0, result.exitCode(), result.output());
        JsonNode config = readEnvPhp(envPhp);
        JsonNode runner = config.get("cron_consumers_runner");
        assertTrue(runner.get("cron_run").isBoolean() && runner.get("cron_run").asBoolean(), runner.toString());
        assertTrue(runner.get("max_messages").isInt(), runner.toString());
        assertEquals(1000, runner.get("max_messages").asInt());
        assertTrue(runner.get("consumers").isArray() && runner.get("consumers").isEmpty(), runner.toString());
        JsonNode wait = config.at("/queue/consumers_wait_for_messages");
        assertTrue(wait.isInt(), "an integer, not '0' or false: " + wait);
        assertEquals(0, wait.asInt());
    }

    @Test
    void consumers_theConfiguredValues_reachEnvPhp() throws Exception {
        Map<String, String> env = fullEnvironment();
        env.put("MAGENTO_CONSUMERS_CRON_RUN", "false");
        env.put("MAGENTO_CONSUMERS_MAX_MESSAGES", "250");
        env.put("MAGENTO_CONSUMERS", "exportProcessor, async.operations.all");
        env.put("MAGENTO_CONSUMERS_WAIT_FOR_MESSAGES", "true");
        ContainerTools.Result result = write(env);
        assertEquals(0, result.exitCode(), result.output());
        JsonNode config = readEnvPhp(envPhp);
        assertTrue(config.at("/cron_consumers_runner/cron_run").isBoolean());
        assertFalse(config.at("/cron_consumers_runner/cron_run").asBoolean(true));
        assertEquals(250, config.at("/cron_consumers_runner/max_messages").asInt());
        assertEquals("[\"exportProcessor\",\"async.operations.all\"]", config.at("/cron_consumers_runner/consumers").toString());
        assertEquals(1, config.at("/queue/consumers_wait_for_messages").asInt());
    }

    @Test
    void consumers_invalidValues_areRejectedByName_andNothingIsWritten() throws Exception {
        Map<String, String> env = fullEnvironment();
        env.put("MAGENTO_CONSUMERS_CRON_RUN", "sometimes");
        env.put("MAGENTO_CONSUMERS_MAX_MESSAGES", "lots");
        ContainerTools.Result result = write(env);
        assertNotEquals(0, result.exitCode(), result.output());
        assertTrue(result.stderr().contains("MAGENTO_CONSUMERS_CRON_RUN") && result.stderr().contains("MAGENTO_CONSUMERS_MAX_MESSAGES"),
                result.stderr());
        assertFalse(Files.exists(envPhp));
    }
}
