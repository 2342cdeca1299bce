package io.magecloudkit.image.containers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;

import io.magecloudkit.config.AppConfig;
import io.magecloudkit.config.ConfigLoader;
import io.magecloudkit.config.EnvironmentConfig;
import io.magecloudkit.config.MckConfig;

/**
 * The variable contract of docs/containers.md against examples/magecloudkit.yml: every name the
 * example gives a Magento app is one a container reads (and the docs list), and the containers
 * start with what the example and the environment's stacks provide.
 */
class ExampleVariableContractTest {

    /** Read by the official Blackfire agent image, not by a file of ours. */
    private static final Set<String> READ_BY_THIRD_PARTY_IMAGES = Set.of("BLACKFIRE_SERVER_ID", "BLACKFIRE_SERVER_TOKEN");
    private static final List<String> CONTAINER_FILES = List.of("php/write-env-php.php", "php/docker-entrypoint.sh",
            "php/php-fpm-pool.conf", "php/php.ini", "nginx/docker-entrypoint.sh");

    @TempDir
    Path work;

    private static MckConfig example() throws Exception {
        return ConfigLoader.load(Path.of("examples/magecloudkit.yml"));
    }

    private static List<AppConfig> magentoApps(EnvironmentConfig environment) {
        return environment.apps().values().stream().filter(app -> app.kind().equals("magento")).toList();
    }

    @Test
    void everyNameTheExampleGivesAMagentoApp_isReadByAContainer_andDocumented() throws Exception {
        StringBuilder sources = new StringBuilder();
        for (String file : CONTAINER_FILES) {
            sources.append(Files.readString(ContainerTools.resources().resolve(file))).append('\n');
        }
        String docs = Files.readString(Path.of("docs/containers.md"));
        MckConfig config = example();
        int checked = 0;
        for (String environmentName : config.environmentNames()) {
            for (AppConfig app : magentoApps(config.environment(environmentName))) {
                List<String> names = new ArrayList<>(app.environment().keySet());
                names.addAll(app.secrets().keySet());
                for (String name : names) {
                    String where = environmentName + "/" + app.name() + ": " + name;
                    assertTrue(READ_BY_THIRD_PARTY_IMAGES.contains(name)
                            || Pattern.compile("\\b" + name + "\\b").matcher(sources).find(), where + " is read by no container");
                    assertTrue(docs.contains("`" + name + "`"), where + " is not in docs/containers.md");
                    checked++;
                }
            }
        }
        assertTrue(checked > 10, "the example's apps give variables: " + checked);
    }

    @Test
    void theExamplesMagentoApps_startWithTheExampleAndTheStackOutputs() throws Exception {
        Path php = ContainerTools.php();
        JsonNode imageEnvironment = new ObjectMapper(new YAMLFactory())
                .readTree(ContainerTools.resources().resolve("docker/images.yml").toFile()).at("/images/php-fpm/environment");
        // Stands in for php-fpm: shows what the entrypoint hands it, through our php.ini.
        Path fakePhpFpm = work.resolve("fake-php-fpm");
        Files.writeString(fakePhpFpm, "#!/bin/sh\nexec " + php + " -n -c " + ContainerTools.resources().resolve("php/php.ini")
                + " -r 'echo \"memory_limit=\", ini_get(\"memory_limit\"), \" max_children=\", getenv(\"PHP_FPM_MAX_CHILDREN\"), PHP_EOL;'\n");
        Files.setPosixFilePermissions(fakePhpFpm, PosixFilePermissions.fromString("rwxr-xr-x"));
        MckConfig config = example();
        int started = 0;
        for (String environmentName : config.environmentNames()) {
            EnvironmentConfig environment = config.environment(environmentName);
            for (AppConfig app : magentoApps(environment)) {
                String where = environmentName + "/" + app.name();
                Path magento = Files.createDirectories(work.resolve(where + "/magento/app/etc")).getParent().getParent();
                Map<String, String> env = new HashMap<>();
                imageEnvironment.fields().forEachRemaining(e -> env.put(e.getKey(), e.getValue().asText()));
                env.putAll(fromTheEnvironmentsStacks(environment));
                env.putAll(app.environment());
                app.secrets().keySet().forEach(name -> env.put(name, "secret-value-of-" + name));
                env.put("MAGENTO_ROOT", magento.toString());
                env.put("PHP_BIN", php.toString());
                env.put("PHP_FPM_BIN", fakePhpFpm.toString());
                env.put("MCK_ENV_PHP_WRITER", ContainerTools.resources().resolve("php/write-env-php.php").toString());
                Path cgroup = Files.createDirectories(work.resolve(where + "/cgroup"));
                long containerMemory = app.containers().get("php-fpm").memory();
                Files.writeString(cgroup.resolve("memory.max"), containerMemory * 1024 * 1024 + "\n");
                env.put("MCK_CGROUP_ROOT", cgroup.toString());

                ContainerTools.Result result = ContainerTools.run(List.of("/bin/sh",
                        ContainerTools.resources().resolve("php/docker-entrypoint.sh").toString()), env, work);

                assertEquals(0, result.exitCode(), where + ": " + result.output());
                String memoryLimit = app.environment().getOrDefault("PHP_MEMORY_LIMIT", "2G");
                long workers = Math.max(1, (containerMemory - 640) / 150);
                assertTrue(result.stdout().contains("memory_limit=" + memoryLimit + " max_children=" + workers),
                        where + ": " + result.stdout());
                String written = Files.readString(magento.resolve("app/etc/env.php"));
                assertTrue(written.contains("'host' => 'db." + environment.region() + ".magecloudkit.internal:3306'"), where);
                assertTrue(written.contains("secret-value-of-MAGENTO_DB_PASSWORD"), where + ": the app's secret wins");
                assertFalse(result.output().contains("secret-value-of"), where + ": a secret was printed");
                started++;
            }
        }
        assertEquals(4, started, "magento and admin, in staging and in production");
    }

    @Test
    void nginx_acceptsEachEnvironmentsVpcCidr_asItsTrustedProxies() throws Exception {
        MckConfig config = example();
        for (String environmentName : config.environmentNames()) {
            Map<String, String> env = new HashMap<>(Map.of(
                    "NGINX_BIN", ContainerTools.nginx().toString(),
                    "NGINX_TEMPLATE_DIR", ContainerTools.resources().resolve("nginx").toString(),
                    "NGINX_RUNTIME_DIR", work.resolve(environmentName + "-nginx").toString(),
                    "NGINX_LISTEN_PORT", Integer.toString(ContainerTools.freePort()),
                    "NGINX_ERROR_LOG", "stderr",
                    "MAGENTO_ROOT", work.toString()));
            env.put("NGINX_REAL_IP_FROM", fromTheEnvironmentsStacks(config.environment(environmentName)).get("NGINX_REAL_IP_FROM"));
            List<String> command = new ArrayList<>(List.of("/bin/sh",
                    ContainerTools.resources().resolve("nginx/docker-entrypoint.sh").toString(), "-t"));
            if (ContainerTools.runningAsRoot(Files.createTempFile(work, "owner", ".probe"))) {
                command.addAll(List.of("-g", "user root;"));
            }

            ContainerTools.Result result = ContainerTools.run(command, env, work);

            assertEquals(0, result.exitCode(), environmentName + ": " + result.output());
            assertTrue(Files.readString(work.resolve(environmentName + "-nginx/nginx.conf"))
                    .contains("set_real_ip_from " + config.environment(environmentName).vpcCidr() + ";"), environmentName);
        }
    }

    /** What docs/containers.md says the task-definition renderer takes from the environment's stacks. */
    private static Map<String, String> fromTheEnvironmentsStacks(EnvironmentConfig environment) {
        return Map.of(
                "MCK_DISCOVERY_DOMAIN", environment.region() + ".magecloudkit.internal",
                "MAGENTO_DB_NAME", "magento",
                "MAGENTO_DB_USER", "stack-db-user",
                "MAGENTO_DB_PASSWORD", "stack-db-password",
                "MAGENTO_REDIS_TLS", "true",
                "MAGENTO_REDIS_CACHE_PASSWORD", "stack-redis-cache-auth",
                "MAGENTO_REDIS_SESSION_PASSWORD", "stack-redis-session-auth",
                "MAGENTO_SEARCH_USERNAME", "stack-search-user",
                "MAGENTO_SEARCH_PASSWORD", "stack-search-password",
                "NGINX_REAL_IP_FROM", environment.vpcCidr());
    }
}
