package io.magecloudkit.image.containers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The consumers' settings in env.php, written by real PHP, with the types Magento's readers need:
 * {@code cron_run} a boolean, {@code max_messages} an integer, {@code consumers} a list, and
 * {@code queue/consumers_wait_for_messages} the integer 0 (Magento compares it with {@code === 1}).
 */
class ConsumersEnvPhpTest {
    @TempDir
    Path work;

    private Map<String, String> environment() {
        Map<String, String> env = new HashMap<>();
        env.put("MAGENTO_ROOT", work.toString());
        env.put("MCK_DISCOVERY_DOMAIN", "eu-west-1.magecloudkit.internal");
        env.put("MAGENTO_DB_NAME", "magento");
        env.put("MAGENTO_DB_USER", "magento");
        env.put("MAGENTO_DB_PASSWORD", "db-password");
        env.put("MAGENTO_CRYPT_KEY", "f3b1c0ffee0123456789abcdefabcdef");
        return env;
    }

    private ContainerTools.Result write(Map<String, String> env) throws Exception {
        Files.createDirectories(work.resolve("app/etc"));
        return ContainerTools.run(List.of(ContainerTools.php().toString(), "-n",
                ContainerTools.resources().resolve("php/write-env-php.php").toString()), env, work);
    }

    private JsonNode envPhp() throws Exception {
        ContainerTools.Result dump = ContainerTools.run(List.of(ContainerTools.php().toString(), "-n", "-r",
                "echo json_encode(include $argv[1], JSON_THROW_ON_ERROR);", work.resolve("app/etc/env.php").toString()),
                Map.of(), work);
        assertEquals(0, dump.exitCode(), dump.output());
        return new ObjectMapper().readTree(dump.stdout());
    }

    @Test
    void byDefault_cronRunsEveryConsumer_whichExitsOnceItsQueueIsEmpty() throws Exception {
        ContainerTools.Result result = write(environment());
        assertEquals(0, result.exitCode(), result.output());
        JsonNode config = envPhp();
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
    void theConfiguredValues_reachEnvPhp() throws Exception {
        Map<String, String> env = environment();
        env.put("MAGENTO_CONSUMERS_CRON_RUN", "false");
        env.put("MAGENTO_CONSUMERS_MAX_MESSAGES", "250");
        env.put("MAGENTO_CONSUMERS", "exportProcessor, async.operations.all");
        env.put("MAGENTO_CONSUMERS_WAIT_FOR_MESSAGES", "true");
        ContainerTools.Result result = write(env);
        assertEquals(0, result.exitCode(), result.output());
        JsonNode config = envPhp();
        assertFalse(config.at("/cron_consumers_runner/cron_run").asBoolean(true));
        assertTrue(config.at("/cron_consumers_runner/cron_run").isBoolean());
        assertEquals(250, config.at("/cron_consumers_runner/max_messages").asInt());
        assertEquals("[\"exportProcessor\",\"async.operations.all\"]", config.at("/cron_consumers_runner/consumers").toString());
        assertEquals(1, config.at("/queue/consumers_wait_for_messages").asInt());
    }

    @Test
    void invalidValues_areRejectedByName_andNothingIsWritten() throws Exception {
        Map<String, String> env = environment();
        env.put("MAGENTO_CONSUMERS_CRON_RUN", "sometimes");
        env.put("MAGENTO_CONSUMERS_MAX_MESSAGES", "lots");
        ContainerTools.Result result = write(env);
        assertEquals(1, result.exitCode(), result.output());
        assertTrue(result.stderr().contains("MAGENTO_CONSUMERS_CRON_RUN") && result.stderr().contains("MAGENTO_CONSUMERS_MAX_MESSAGES"),
                result.stderr());
        assertFalse(Files.exists(work.resolve("app/etc/env.php")));
    }
}
