package io.magecloudkit.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.magecloudkit.config.ConfigLoader;
import io.magecloudkit.config.MckConfig;
import java.util.List;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.ecs.model.RegisterTaskDefinitionRequest;

/** The cron and consumer task definitions, derived from the app's web task definition. */
class WorkerTaskDefinitionsTest {
    static final String YAML = TaskDefinitionRendererTest.YAML.replace("    environment:\n      MAGENTO_MODE",
            "    cron:\n      intervalSeconds: 120\n      memory: 3072\n"
            + "    consumers:\n      maxMessages: 200\n      only: [exportProcessor]\n"
            + "      services:\n        async.operations.all:\n          desiredCount: 2\n"
            + "    environment:\n      MAGENTO_MODE");

    static ObjectNode web(String yaml) {
        MckConfig config = ConfigLoader.parse(yaml, "magecloudkit.yml");
        var env = config.environment("production");
        return TaskDefinitionRenderer.render(new TaskDefinitionRenderer.Input("shop", env, env.apps().get("magento"),
                config.integrations(), TaskDefinitionRendererTest.IMAGES, TaskDefinitionRendererTest.STACK, "123456789012"));
    }

    static List<WorkerTaskDefinitions.Worker> workers(String yaml) {
        MckConfig config = ConfigLoader.parse(yaml, "magecloudkit.yml");
        return WorkerTaskDefinitions.of(config.environment("production").apps().get("magento"), web(yaml));
    }

    @Test
    void cron_isThePhpFpmContainerAlone_withTheWebTasksImageEnvironmentSecretsAndVolumes_andALoopingCommand() {
        assertTrue(YAML.contains("    cron:\n      intervalSeconds: 120"), YAML);
        ObjectNode web = web(YAML);
        WorkerTaskDefinitions.Worker cron = workers(YAML).get(0);
        assertEquals("cron", cron.role());
        assertEquals("shop-production-magento-cron", cron.service());
        assertEquals(1, cron.desiredCount());
        JsonNode td = cron.taskDefinition();
        assertEquals("shop-production-magento-cron", td.path("family").asText());
        assertEquals("3072", td.path("memory").asText());
        assertEquals(web.path("taskRoleArn"), td.path("taskRoleArn"));
        assertEquals(web.path("executionRoleArn"), td.path("executionRoleArn"));
        assertEquals(web.path("volumes"), td.path("volumes"));
        assertEquals(1, td.path("containerDefinitions").size(), "no nginx, no blackfire");
        JsonNode c = td.path("containerDefinitions").get(0);
        JsonNode webPhp = TaskDefinitionRendererTest.container(web, "php-fpm");
        assertEquals("php-fpm", c.path("name").asText());
        assertEquals(webPhp.path("image"), c.path("image"));
        assertEquals(3072, c.path("memory").asInt());
        assertEquals(webPhp.path("secrets"), c.path("secrets"));
        assertEquals(webPhp.path("mountPoints"), c.path("mountPoints"));
        var environment = TaskDefinitionRendererTest.pairs(c.path("environment"), "value");
        assertEquals(TaskDefinitionRendererTest.pairs(webPhp.path("environment"), "value"), environment);
        assertEquals("200", environment.get("MAGENTO_CONSUMERS_MAX_MESSAGES"));
        assertEquals("exportProcessor", environment.get("MAGENTO_CONSUMERS"));
        assertTrue(c.path("portMappings").isMissingNode() && c.path("healthCheck").isMissingNode(), c.toString());
        assertEquals(120, c.path("stopTimeout").asInt());
        assertEquals("magento-cron", c.at("/logConfiguration/options/awslogs-stream-prefix").asText());
        List<String> command = new java.util.ArrayList<>();
        c.path("command").forEach(x -> command.add(x.asText()));
        assertEquals(List.of("sh", "-c"), command.subList(0, 2));
        assertTrue(command.get(2).contains("trap "), command.get(2));
        assertEquals(List.of("mck-worker", "120", "php", "bin/magento", "cron:run"), command.subList(3, command.size()));
        SdkJson.fromJson(td, RegisterTaskDefinitionRequest::builder);
    }

    @Test
    void aConsumerWithItsOwnService_loopsQueueConsumersStart() {
        WorkerTaskDefinitions.Worker consumer = workers(YAML).get(1);
        assertEquals("consumer", consumer.role());
        assertEquals("shop-production-magento-consumer-async-operations-all", consumer.service());
        assertEquals(2, consumer.desiredCount());
        JsonNode c = consumer.taskDefinition().path("containerDefinitions").get(0);
        List<String> command = new java.util.ArrayList<>();
        c.path("command").forEach(x -> command.add(x.asText()));
        assertEquals(List.of("mck-worker", "10", "php", "bin/magento", "queue:consumers:start", "async.operations.all",
                "--single-thread", "--max-messages=200"), command.subList(3, command.size()));
        assertEquals("magento-consumer-async-operations-all", c.at("/logConfiguration/options/awslogs-stream-prefix").asText());
    }

    @Test
    void aRunnerTurnedOff_isWantedAtZero_andRenderingIsStable() {
        String off = TaskDefinitionRendererTest.YAML.replace("    environment:\n      MAGENTO_MODE",
                "    cron:\n      enabled: false\n    environment:\n      MAGENTO_MODE");
        List<WorkerTaskDefinitions.Worker> workers = workers(off);
        assertEquals(1, workers.size());
        assertEquals(0, workers.get(0).desiredCount());
        assertEquals(workers.get(0).taskDefinition(), workers(off).get(0).taskDefinition());
        assertFalse(workers(YAML).get(0).taskDefinition().equals(workers.get(0).taskDefinition()));
    }
}
