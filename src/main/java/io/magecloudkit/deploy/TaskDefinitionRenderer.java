package io.magecloudkit.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.IntNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import io.magecloudkit.MckException;
import io.magecloudkit.aws.Partition;
import io.magecloudkit.config.AppConfig;
import io.magecloudkit.config.ContainerConfig;
import io.magecloudkit.config.EnvironmentConfig;
import io.magecloudkit.config.IntegrationsConfig;
import io.magecloudkit.config.SecretRef;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Renders an app's task definition (the RegisterTaskDefinition input, as JSON) from the templates
 * and the configuration. Pure: the same input gives the same document, byte for byte, which is what
 * lets a deploy reuse an identical revision.
 */
public final class TaskDefinitionRenderer {
    private static final ObjectMapper JSON = new ObjectMapper();
    static final String MEDIA_PATH = "/var/www/magento/pub/media";
    /** Magento's var/: on EFS so that var/.maintenance.flag, set by a one-off task, is seen by every task. */
    static final String VAR_PATH = "/var/www/magento/var";

    /**
     * Everything the rendering reads.
     *
     * @param account the AWS account id (for role and secret ARNs)
     */
    public record Input(String project, EnvironmentConfig env, AppConfig app, IntegrationsConfig integrations,
            Map<String, ImageRef> images, StackValues stack, String account) {
    }

    private TaskDefinitionRenderer() {
    }

    /**
     * @throws MckException (usage) when an enabled container has no image pinned by digest
     */
    public static ObjectNode render(Input in) {
        String region = in.env().region();
        String partition = Partition.of(region);
        AppConfig app = in.app();
        boolean generic = "generic".equals(app.kind());
        boolean media = in.stack().efsFileSystemId() != null && !generic;
        JsonNode logging = EcsTemplates.render("awslogs.json", Map.of(
                "logGroup", text(or(in.stack().logGroup(), DeployNames.logGroup(in.project(), in.env().name()))),
                "region", text(region), "app", text(app.name())));
        if (in.stack().efsVarAccessPointId() != null && in.stack().efsFileSystemId() == null) {
            throw new MckException(MckException.Kind.USAGE, "--efs-var-access-point-id needs --efs-file-system-id");
        }
        // Its own access point: with one, ECS requires rootDirectory "/", and var/ must never be under pub/media.
        boolean sharedVar = media && in.stack().efsVarAccessPointId() != null;
        // nginx only serves media (uploads and resized images are PHP's), so it cannot write the shop's files.
        ArrayNode mediaMount = JSON.createArrayNode();
        ArrayNode phpFpmMounts = JSON.createArrayNode();
        if (media) {
            mediaMount.addObject().put("sourceVolume", "media").put("containerPath", MEDIA_PATH).put("readOnly", true);
            phpFpmMounts.addObject().put("sourceVolume", "media").put("containerPath", MEDIA_PATH).put("readOnly", false);
        }
        if (sharedVar) {
            phpFpmMounts.addObject().put("sourceVolume", "var").put("containerPath", VAR_PATH).put("readOnly", false);
        }
        boolean blackfire = app.enabledContainers().stream().anyMatch(c -> "blackfire".equals(c.name()));
        ArrayNode containers = JSON.createArrayNode();
        for (ContainerConfig c : app.enabledContainers()) {
            ImageRef image = imageOf(in, c);
            Map<String, JsonNode> values = new HashMap<>();
            values.put("image", text(image.reference()));
            values.put("cpu", IntNode.valueOf(c.cpu()));
            values.put("memory", IntNode.valueOf(c.memory()));
            values.put("logging", logging);
            values.put("mediaMount", mediaMount);
            values.put("phpFpmMounts", phpFpmMounts);
            Map<String, String> environment = new LinkedHashMap<>();
            Map<String, String> secrets = new LinkedHashMap<>();
            Map<String, String> appEnvironment = Map.of();
            Map<String, SecretRef> appSecrets = Map.of();
            String template;
            if (generic) {
                template = "generic.json";
                values.put("name", text(c.name()));
                ArrayNode ports = JSON.createArrayNode();
                if (c.port() != null) {
                    ports.addObject().put("containerPort", c.port()).put("protocol", "tcp");
                }
                values.put("portMappings", ports);
                appEnvironment = app.environment();
                appSecrets = app.secrets();
            } else {
                template = c.name() + ".json";
                switch (c.name()) {
                    case "nginx" -> environment.putAll(ContainerContract.nginx(in.env().vpcCidr()));
                    case "php-fpm" -> {
                        environment.putAll(ContainerContract.phpFpmEnvironment(app.kind(), region,
                                "redis".equals(in.env().cache().engine()), blackfire, in.stack()));
                        secrets.putAll(ContainerContract.phpFpmSecrets(app.kind(), in.stack()));
                        if ("magento".equals(app.kind())) {
                            environment.putAll(ContainerContract.consumers(app.consumers()));
                            integrationSecrets(in.integrations()).forEach((k, v) ->
                                    secrets.put(k, SecretArns.valueFrom(v, region, in.account())));
                        }
                        appEnvironment = app.environment();
                        appSecrets = secretsFor(app.secrets(), false);
                    }
                    case "blackfire" -> appSecrets = secretsFor(app.secrets(), true);
                    default -> throw new IllegalStateException("no template for container " + c.name());
                }
            }
            // The app's own values win over the stack's of the same name, whether plain or secret.
            appEnvironment.forEach((k, v) -> {
                secrets.remove(k);
                environment.put(k, v);
            });
            appSecrets.forEach((k, v) -> {
                environment.remove(k);
                secrets.put(k, SecretArns.valueFrom(v, region, in.account()));
            });
            values.put("environment", nameValues(environment));
            ArrayNode secretList = JSON.createArrayNode();
            secrets.forEach((k, v) -> secretList.addObject().put("name", k).put("valueFrom", v));
            values.put("secrets", secretList);
            containers.add(EcsTemplates.render(template, values));
        }
        ArrayNode volumes = JSON.createArrayNode();
        if (media) {
            Map<String, JsonNode> v = new HashMap<>();
            v.put("efsFileSystemId", text(in.stack().efsFileSystemId()));
            v.put("efsAccessPointId", in.stack().efsAccessPointId() == null ? null : text(in.stack().efsAccessPointId()));
            volumes.add(EcsTemplates.render("media-volume.json", v));
        }
        if (sharedVar) {
            volumes.add(EcsTemplates.render("var-volume.json", Map.of("efsFileSystemId", text(in.stack().efsFileSystemId()),
                    "efsAccessPointId", text(in.stack().efsVarAccessPointId()))));
        }
        Map<String, JsonNode> task = new HashMap<>();
        task.put("family", text(DeployNames.family(in.project(), in.env().name(), app.name())));
        task.put("taskRoleArn", text(or(in.stack().taskRoleArn(),
                DeployNames.role(partition, in.account(), in.project(), in.env().name(), "task"))));
        task.put("executionRoleArn", text(or(in.stack().executionRoleArn(),
                DeployNames.role(partition, in.account(), in.project(), in.env().name(), "execution"))));
        task.put("cpu", text(Integer.toString(app.cpu())));
        task.put("memory", text(Integer.toString(app.memory())));
        task.put("containers", containers);
        task.put("volumes", volumes);
        return (ObjectNode) EcsTemplates.render("task-definition.json", task);
    }

    /** The host of the default smoke check: the stack's, else the environment's {@code domain}. */
    static String domain(Input in) {
        return or(in.stack().domain(), in.env().domain());
    }

    /** The integrations' keys the containers read, by the variable that carries them (see {@link ContainerContract}). */
    static Map<String, SecretRef> integrationSecrets(IntegrationsConfig integrations) {
        Map<String, SecretRef> out = new LinkedHashMap<>();
        if (integrations == null) {
            return out;
        }
        integrations.all().forEach((integration, keys) -> keys.forEach((key, ref) -> {
            String variable = ContainerContract.INTEGRATIONS.get(integration + "." + key);
            if (variable != null) {
                out.put(variable, ref);
            }
        }));
        return out;
    }

    /** The app's secrets for the Blackfire agent ({@code agent}: only BLACKFIRE_*) or for php-fpm (all others). */
    private static Map<String, SecretRef> secretsFor(Map<String, SecretRef> secrets, boolean agent) {
        Map<String, SecretRef> out = new LinkedHashMap<>();
        secrets.forEach((k, v) -> {
            if (k.startsWith("BLACKFIRE_") == agent) {
                out.put(k, v);
            }
        });
        return out;
    }

    private static ImageRef imageOf(Input in, ContainerConfig c) {
        ImageRef given = in.images().get(c.name());
        if (given != null) {
            return given;
        }
        if (c.image() != null) {
            return ImageRef.parse(c.image(), "apps." + in.app().name() + ".containers." + c.name() + ".image");
        }
        throw new MckException(MckException.Kind.USAGE, "app " + in.app().name() + ": no image for container '"
                + c.name() + "' (give --images RESULT.json from mck build-images, or --image " + c.name()
                + "=REPO@sha256:...)");
    }

    private static ArrayNode nameValues(Map<String, String> values) {
        ArrayNode out = JSON.createArrayNode();
        values.forEach((k, v) -> out.addObject().put("name", k).put("value", v));
        return out;
    }

    private static TextNode text(String s) {
        return TextNode.valueOf(s);
    }

    private static String or(String a, String b) {
        return a != null ? a : b;
    }
}
