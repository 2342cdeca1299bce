package io.magecloudkit.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.magecloudkit.MckException;
import io.magecloudkit.config.ConfigLoader;
import io.magecloudkit.config.MckConfig;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.ecs.model.RegisterTaskDefinitionRequest;

/** The task definition rendered from the templates and the configuration. */
class TaskDefinitionRendererTest {
    static final String YAML = """
            project: shop
            region: eu-west-1
            apps:
              magento:
                containers:
                  blackfire:
                    enabled: true
                environment:
                  MAGENTO_MODE: production
                secrets:
                  MAGENTO_DB_PASSWORD: secretsmanager:shop/own-db:password
                  MAGENTO_CRYPT_KEY: ssm:/shop/crypt-key
                  BLACKFIRE_SERVER_ID: ssm:/shop/blackfire/id
                  BLACKFIRE_SERVER_TOKEN: ssm:/shop/blackfire/token
            environments:
              production:
                vpcCidr: 10.20.0.0/16
                domain: www.shop.example
            integrations:
              cloudflare:
                apiToken: ssm:/shop/cloudflare/token
              algolia:
                applicationId: ssm:/shop/algolia/app
                adminApiKey: ssm:/shop/algolia/admin
            """;
    static final MckConfig CONFIG = ConfigLoader.parse(YAML, "magecloudkit.yml");
    static final Map<String, ImageRef> IMAGES = Map.of(
            "nginx", ImageRef.parse("r.example/shop/nginx@sha256:" + "a".repeat(64), "t"),
            "php-fpm", ImageRef.parse("r.example/shop/php-fpm@sha256:" + "b".repeat(64), "t"),
            "blackfire", ImageRef.parse("r.example/shop/blackfire@sha256:" + "c".repeat(64), "t"));
    static final String DB_SECRET = "arn:aws:secretsmanager:eu-west-1:123456789012:secret:shop/aurora-AbCdEf";
    static final StackValues STACK = new StackValues(Map.of(), null, null, "fs-1", "fsap-1", null, null,
            new StackValues.Database("magento", DB_SECRET, "reader.shop.internal"), "arn:aws:secretsmanager:eu-west-1:1:secret:redis");

    static ObjectNode render(Map<String, ImageRef> images, StackValues stack) {
        var env = CONFIG.environment("production");
        return TaskDefinitionRenderer.render(new TaskDefinitionRenderer.Input("shop", env, env.apps().get("magento"),
                CONFIG.integrations(), images, stack, "123456789012"));
    }

    static JsonNode container(JsonNode td, String name) {
        return StreamSupport.stream(td.path("containerDefinitions").spliterator(), false)
                .filter(c -> c.path("name").asText().equals(name)).findFirst().orElseThrow();
    }

    static Map<String, String> pairs(JsonNode list, String value) {
        Map<String, String> out = new HashMap<>();
        list.forEach(n -> out.put(n.path("name").asText(), n.path(value).asText()));
        return out;
    }

    @Test
    void magentoTask() {
        ObjectNode td = render(IMAGES, STACK);
        assertEquals("shop-production-magento", td.path("family").asText());
        assertEquals("arn:aws:iam::123456789012:role/shop-production-task", td.path("taskRoleArn").asText());
        assertEquals("arn:aws:iam::123456789012:role/shop-production-execution", td.path("executionRoleArn").asText());
        assertEquals("awsvpc", td.path("networkMode").asText());
        assertEquals("1408", td.path("cpu").asText(), "nginx 256 + php-fpm 1024 + blackfire 128");
        assertEquals(List.of("nginx", "php-fpm", "blackfire"), StreamSupport.stream(td.path("containerDefinitions").spliterator(),
                false).map(c -> c.path("name").asText()).toList());

        JsonNode nginx = container(td, "nginx");
        assertEquals("r.example/shop/nginx@sha256:" + "a".repeat(64), nginx.path("image").asText());
        assertEquals(256, nginx.path("cpu").asInt());
        assertEquals(8080, nginx.path("portMappings").get(0).path("containerPort").asInt());
        assertEquals(Map.of("NGINX_REAL_IP_FROM", "10.20.0.0/16"), pairs(nginx.path("environment"), "value"));
        assertEquals("php-fpm", nginx.path("dependsOn").get(0).path("containerName").asText());
        assertEquals("HEALTHY", nginx.path("dependsOn").get(0).path("condition").asText());
        assertEquals("CMD-SHELL", nginx.path("healthCheck").path("command").get(0).asText());

        JsonNode php = container(td, "php-fpm");
        Map<String, String> env = pairs(php.path("environment"), "value");
        assertEquals("eu-west-1.magecloudkit.internal", env.get("MCK_DISCOVERY_DOMAIN"));
        assertFalse(env.containsKey("MAGENTO_DB_HOST"), "the writer derives the hosts from the zone");
        assertEquals("magento", env.get("MAGENTO_DB_NAME"));
        assertEquals("reader.shop.internal", env.get("MAGENTO_DB_READER_HOST"));
        assertEquals("true", env.get("MAGENTO_REDIS_TLS"));
        assertEquals("true", env.get("MCK_BLACKFIRE_ENABLED"));
        assertEquals("production", env.get("MAGENTO_MODE"));
        Map<String, String> secrets = pairs(php.path("secrets"), "valueFrom");
        assertEquals(DB_SECRET + ":username::", secrets.get("MAGENTO_DB_USER"));
        assertEquals("arn:aws:secretsmanager:eu-west-1:123456789012:secret:shop/own-db:password::", secrets.get("MAGENTO_DB_PASSWORD"),
                "the app's own secret wins over the stack's");
        assertEquals("arn:aws:secretsmanager:eu-west-1:1:secret:redis", secrets.get("MAGENTO_REDIS_SESSION_PASSWORD"));
        assertEquals("arn:aws:ssm:eu-west-1:123456789012:parameter/shop/crypt-key", secrets.get("MAGENTO_CRYPT_KEY"));
        assertEquals("arn:aws:ssm:eu-west-1:123456789012:parameter/shop/algolia/admin", secrets.get("ALGOLIA_API_KEY"));
        assertEquals("arn:aws:ssm:eu-west-1:123456789012:parameter/shop/algolia/app", secrets.get("ALGOLIA_APPLICATION_ID"));
        assertFalse(secrets.keySet().stream().anyMatch(k -> k.startsWith("CLOUDFLARE")), "Cloudflare reaches no container");
        assertFalse(secrets.containsKey("BLACKFIRE_SERVER_ID"), "the agent's credentials go to the agent only");
        assertEquals("/var/www/magento/pub/media", php.path("mountPoints").get(0).path("containerPath").asText());
        JsonNode logs = php.path("logConfiguration");
        assertEquals("awslogs", logs.path("logDriver").asText());
        assertEquals("/magecloudkit/shop/production", logs.path("options").path("awslogs-group").asText());
        assertEquals("eu-west-1", logs.path("options").path("awslogs-region").asText());

        JsonNode blackfire = container(td, "blackfire");
        assertFalse(blackfire.path("essential").asBoolean());
        assertEquals(Map.of("BLACKFIRE_SERVER_ID", "arn:aws:ssm:eu-west-1:123456789012:parameter/shop/blackfire/id",
                "BLACKFIRE_SERVER_TOKEN", "arn:aws:ssm:eu-west-1:123456789012:parameter/shop/blackfire/token"),
                pairs(blackfire.path("secrets"), "valueFrom"));

        JsonNode volume = td.path("volumes").get(0);
        assertEquals("media", volume.path("name").asText());
        assertEquals("fs-1", volume.path("efsVolumeConfiguration").path("fileSystemId").asText());
        assertEquals("fsap-1", volume.path("efsVolumeConfiguration").path("authorizationConfig").path("accessPointId").asText());
        assertFalse(td.toString().contains("${"), "every placeholder filled");
    }

    @Test
    void rendering_isDeterministic_andTheSdkTakesIt() {
        ObjectNode td = render(IMAGES, STACK);
        assertEquals(td, render(IMAGES, STACK));
        RegisterTaskDefinitionRequest request = SdkJson.fromJson(td, RegisterTaskDefinitionRequest::builder);
        assertEquals(3, request.containerDefinitions().size());
        assertEquals("fsap-1", request.volumes().get(0).efsVolumeConfiguration().authorizationConfig().accessPointId());
        assertTrue(TaskDefinitionMatch.identical(td, SdkJson.toJson(request)), "a round trip through the SDK model changes nothing");
    }

    @Test
    void withoutEfs_noMediaVolume_andStackValuesOverrideDefaults() {
        ObjectNode td = render(IMAGES, new StackValues(Map.of(), "arn:aws:iam::1:role/t", "arn:aws:iam::1:role/e", null, null,
                "/custom/logs", null, null, null));
        assertEquals(0, td.path("volumes").size());
        assertEquals(0, container(td, "php-fpm").path("mountPoints").size());
        assertEquals("arn:aws:iam::1:role/t", td.path("taskRoleArn").asText());
        assertEquals("/custom/logs", container(td, "nginx").path("logConfiguration").path("options").path("awslogs-group").asText());
    }

    static StackValues efs(String fileSystem, String mediaAccessPoint, String varAccessPoint) {
        return new StackValues(Map.of(), null, null, fileSystem, mediaAccessPoint, null, null, null, null, varAccessPoint);
    }

    /** "container:path:readOnly" for each mount point of a container. */
    static List<String> mounts(JsonNode td, String container) {
        return StreamSupport.stream(container(td, container).path("mountPoints").spliterator(), false)
                .map(m -> m.path("sourceVolume").asText() + ":" + m.path("containerPath").asText() + ":" + m.path("readOnly").asBoolean())
                .toList();
    }

    record MountCase(String name, StackValues stack, List<String> volumes, List<String> phpFpm, List<String> nginx) {
    }

    @Test
    void mounts_mediaReadWriteInPhpFpm_readOnlyInNginx_varOnEfsInPhpFpmOnly_whenItsAccessPointIsGiven() {
        // docs/containers.md, Volumes: php-fpm writes media and var/; nginx reads media only and has no var/.
        String media = "media:/var/www/magento/pub/media:false";
        String mediaReadOnly = "media:/var/www/magento/pub/media:true";
        String var = "var:/var/www/magento/var:false";
        List<MountCase> cases = List.of(
                new MountCase("no EFS", efs(null, null, null), List.of(), List.of(), List.of()),
                new MountCase("media only", efs("fs-1", "fsap-media", null), List.of("media:fs-1:fsap-media"),
                        List.of(media), List.of(mediaReadOnly)),
                new MountCase("media and var", efs("fs-1", "fsap-media", "fsap-var"),
                        List.of("media:fs-1:fsap-media", "var:fs-1:fsap-var"), List.of(media, var), List.of(mediaReadOnly)));
        for (MountCase c : cases) {
            ObjectNode td = render(IMAGES, c.stack());
            assertEquals(c.volumes(), StreamSupport.stream(td.path("volumes").spliterator(), false)
                    .map(v -> v.path("name").asText() + ":" + v.path("efsVolumeConfiguration").path("fileSystemId").asText() + ":"
                            + v.path("efsVolumeConfiguration").path("authorizationConfig").path("accessPointId").asText())
                    .toList(), c.name());
            assertEquals(c.phpFpm(), mounts(td, "php-fpm"), c.name());
            assertEquals(c.nginx(), mounts(td, "nginx"), c.name());
            assertEquals(List.of(), mounts(td, "blackfire"), c.name());
            td.path("volumes").forEach(v -> {
                assertEquals("/", v.path("efsVolumeConfiguration").path("rootDirectory").asText(), "an access point's root: " + c.name());
                assertEquals("ENABLED", v.path("efsVolumeConfiguration").path("transitEncryption").asText(), c.name());
            });
            assertFalse(td.toString().contains("${"), c.name());
            SdkJson.fromJson(td, RegisterTaskDefinitionRequest::builder);
        }
    }

    @Test
    void varAccessPointWithoutFileSystem_isAUsageError() {
        MckException e = assertThrows(MckException.class, () -> render(IMAGES, efs(null, null, "fsap-var")));
        assertEquals(MckException.Kind.USAGE, e.kind());
        assertEquals("--efs-var-access-point-id needs --efs-file-system-id", e.getMessage());
    }

    @Test
    void missingImage_isAUsageError() {
        MckException e = assertThrows(MckException.class, () -> render(Map.of("nginx", IMAGES.get("nginx")), STACK));
        assertEquals(MckException.Kind.USAGE, e.kind());
        assertTrue(e.getMessage().contains("no image for container 'php-fpm'"), e.getMessage());
    }
}
