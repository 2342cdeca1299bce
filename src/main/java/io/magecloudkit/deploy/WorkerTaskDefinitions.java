package io.magecloudkit.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.IntNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import io.magecloudkit.config.AppConfig;
import io.magecloudkit.config.ConsumersConfig;
import io.magecloudkit.config.CronConfig;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The task definitions of a Magento app's workers, derived from its web task definition: the cron
 * runner and the consumers that have their own service. Each is one {@code php-fpm} container with
 * the web task's image, environment, secrets, volumes and roles (so it gets the same env.php) and
 * a command that loops ({@code ecs/worker-loop.sh}); no nginx, no port, no health check, no load
 * balancer. Pure: the same input gives the same document, so an identical revision is reused.
 */
final class WorkerTaskDefinitions {
    static final String CONTAINER = "php-fpm";
    private static final ObjectMapper JSON = new ObjectMapper();

    /**
     * One worker service of an app.
     *
     * @param role         {@code cron} or {@code consumer}
     * @param service      the ECS service name, also the task definition family
     * @param desiredCount what the configuration wants running; 0 for a runner that is off (an existing
     *                     service is scaled to 0, a missing one is not created)
     */
    record Worker(String role, String service, int desiredCount, ObjectNode taskDefinition) {
    }

    private WorkerTaskDefinitions() {
    }

    /** The app's workers; none for apps that are not Magento or have no php-fpm container. */
    static List<Worker> of(AppConfig app, ObjectNode web) {
        List<Worker> workers = new ArrayList<>();
        JsonNode phpFpm = phpFpm(web);
        if (!"magento".equals(app.kind()) || phpFpm == null) {
            return workers;
        }
        String base = web.path("family").asText();
        CronConfig cron = app.cron();
        workers.add(new Worker("cron", base + "-cron", cron.enabled() ? 1 : 0, render(web, phpFpm, base + "-cron",
                app.name() + "-cron", cron.cpu(), cron.memory(), cron.intervalSeconds(), List.of("php", "bin/magento", "cron:run"))));
        for (ConsumersConfig.Service c : app.consumers().services().values()) {
            String family = base + "-" + c.suffix();
            workers.add(new Worker("consumer", family, c.desiredCount(), render(web, phpFpm, family, app.name() + "-" + c.suffix(),
                    c.cpu(), c.memory(), c.intervalSeconds(), List.of("php", "bin/magento", "queue:consumers:start", c.consumer(),
                            "--single-thread", "--max-messages=" + app.consumers().maxMessages()))));
        }
        return workers;
    }

    /**
     * The app's worker services by name alone (no task definition): what status reads. The same names
     * as {@link #of}, for a web family {@code family}.
     */
    static List<Worker> named(AppConfig app, String family) {
        List<Worker> workers = new ArrayList<>();
        if (!"magento".equals(app.kind())) {
            return workers;
        }
        workers.add(new Worker("cron", family + "-cron", app.cron().enabled() ? 1 : 0, null));
        for (ConsumersConfig.Service c : app.consumers().services().values()) {
            workers.add(new Worker("consumer", family + "-" + c.suffix(), c.desiredCount(), null));
        }
        return workers;
    }

    /** The command of a worker container: the loop script, its interval, then the command it repeats. */
    static List<String> command(int intervalSeconds, List<String> repeated) {
        List<String> command = new ArrayList<>(List.of("sh", "-c", EcsTemplates.text("worker-loop.sh"), "mck-worker",
                Integer.toString(intervalSeconds)));
        command.addAll(repeated);
        return command;
    }

    private static ObjectNode render(ObjectNode web, JsonNode phpFpm, String family, String streamPrefix, int cpu, int memory,
            int intervalSeconds, List<String> repeated) {
        ArrayNode command = JSON.createArrayNode();
        command(intervalSeconds, repeated).forEach(command::add);
        ObjectNode logging = phpFpm.path("logConfiguration").deepCopy();
        if (logging.path("options").isObject()) {
            ((ObjectNode) logging.path("options")).put("awslogs-stream-prefix", streamPrefix);
        }
        Map<String, JsonNode> container = new HashMap<>();
        container.put("image", phpFpm.path("image"));
        container.put("cpu", IntNode.valueOf(cpu));
        container.put("memory", IntNode.valueOf(memory));
        container.put("command", command);
        container.put("environment", or(phpFpm.get("environment")));
        container.put("secrets", or(phpFpm.get("secrets")));
        container.put("mountPoints", or(phpFpm.get("mountPoints")));
        container.put("logging", logging.isEmpty() ? null : logging);
        Map<String, JsonNode> task = new HashMap<>();
        task.put("family", TextNode.valueOf(family));
        task.put("taskRoleArn", web.get("taskRoleArn"));
        task.put("executionRoleArn", web.get("executionRoleArn"));
        task.put("cpu", TextNode.valueOf(Integer.toString(cpu)));
        task.put("memory", TextNode.valueOf(Integer.toString(memory)));
        task.put("containers", JSON.createArrayNode().add(EcsTemplates.render("worker.json", container)));
        task.put("volumes", or(web.get("volumes")));
        return (ObjectNode) EcsTemplates.render("task-definition.json", task);
    }

    private static JsonNode phpFpm(ObjectNode web) {
        for (JsonNode c : web.path("containerDefinitions")) {
            if (CONTAINER.equals(c.path("name").asText())) {
                return c;
            }
        }
        return null;
    }

    private static JsonNode or(JsonNode node) {
        return node == null ? JSON.createArrayNode() : node.deepCopy();
    }
}
