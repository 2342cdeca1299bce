package io.magecloudkit.image.containers;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.StreamSupport;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.magecloudkit.cli.StackValuesReader;
import io.magecloudkit.config.AppConfig;
import io.magecloudkit.config.EnvironmentConfig;
import io.magecloudkit.config.MckConfig;
import io.magecloudkit.config.SecretRef;
import io.magecloudkit.deploy.ImageRef;
import io.magecloudkit.deploy.StackValues;
import io.magecloudkit.deploy.TaskDefinitionRenderer;
import io.magecloudkit.provision.EnvironmentOutputs;
import io.magecloudkit.provision.RenderedStack;
import io.magecloudkit.provision.StackOutputs;
import io.magecloudkit.provision.StackPlan;
import io.magecloudkit.provision.StackRenderer;
import io.magecloudkit.sandbox.SandboxFixture;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;
import software.amazon.awssdk.services.ssm.SsmClient;
import software.amazon.awssdk.services.ssm.model.ParameterType;

/**
 * A configuration's apps as `mck deploy` renders them after `mck provision`: the stacks' outputs
 * under the keys provision's templates declare, filled in by the deploy's {@link StackValuesReader},
 * rendered by its {@link TaskDefinitionRenderer}; and each container secret injected as ECS does at
 * task start, from a sandbox's Secrets Manager and SSM holding the secrets the configuration and
 * the stacks name. Nothing here knows a variable name: the names are the renderer's.
 */
final class RenderedExample implements AutoCloseable {
    static final String ACCOUNT = "123456789012";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern OUTPUT_KEY = Pattern.compile("(?m)^  ([A-Za-z0-9]+):\\s*$");

    final MckConfig config;
    private final SandboxFixture sandbox;
    private final Map<String, Map<String, String>> outputsByEnvironment = new TreeMap<>();

    RenderedExample(MckConfig config) {
        this.config = config;
        sandbox = SandboxFixture.builder().sandbox(c -> c.speed(0.001).accountId(ACCOUNT).region(config.region())).start();
        seedConfiguredSecrets();
    }

    /** One container of a rendered task definition: its plain environment and its secrets' valueFrom. */
    record Container(String name, Map<String, String> environment, Map<String, String> secrets, JsonNode definition) {
    }

    /** The containers of {@code app}'s task definition in {@code environment}, by name. */
    Map<String, Container> render(String environment, AppConfig app) {
        EnvironmentConfig env = config.environment(environment);
        StackValues given = new StackValues(Map.of(app.name(), StackValues.ServiceTarget.NONE), null, null, null, null, null,
                null, StackValues.Database.NONE, null, null);
        StackValues stack = StackValuesReader.fill(given, EnvironmentOutputs.of(config.project(), environment,
                new StackOutputs(provisionOutputs(environment))), env);
        ObjectNode td = TaskDefinitionRenderer.render(new TaskDefinitionRenderer.Input(config.project(), env, app,
                config.integrations(), images(), stack, ACCOUNT));
        Map<String, Container> out = new LinkedHashMap<>();
        for (JsonNode c : td.path("containerDefinitions")) {
            out.put(c.path("name").asText(), new Container(c.path("name").asText(), pairs(c.path("environment"), "value"),
                    pairs(c.path("secrets"), "valueFrom"), c));
        }
        return out;
    }

    /** The secrets as ECS injects them into the container: variable → value (fails like the task would). */
    Map<String, String> injectSecrets(Container container) {
        Map<String, String> out = new LinkedHashMap<>();
        container.secrets().forEach((name, valueFrom) -> out.put(name, inject(name, valueFrom)));
        return out;
    }

    /**
     * ECS's valueFrom: an SSM parameter ARN, or a Secrets Manager ARN (full or without its random
     * suffix) optionally followed by {@code :json-key:version-stage:version-id}.
     */
    private String inject(String variable, String valueFrom) {
        String[] parts = valueFrom.split(":", -1);
        if (parts.length < 6 || !parts[0].equals("arn")) {
            return fail(variable + ": valueFrom " + valueFrom + " is not an ARN");
        }
        if (parts[2].equals("ssm")) {
            String name = "/" + valueFrom.substring(valueFrom.indexOf(":parameter/") + ":parameter/".length());
            return ssm().getParameter(r -> r.name(name).withDecryption(true)).parameter().value();
        }
        String secretId = String.join(":", List.of(parts).subList(0, 7));
        String value = secretsManager().getSecretValue(r -> r.secretId(secretId)).secretString();
        String jsonKey = parts.length > 7 ? parts[7] : "";
        if (jsonKey.isEmpty()) {
            return value;
        }
        try {
            JsonNode json = JSON.readTree(value);
            assertTrue(json.has(jsonKey), variable + ": secret " + secretId + " has no JSON key " + jsonKey);
            return json.path(jsonKey).asText();
        } catch (java.io.IOException e) {
            return fail(variable + ": secret " + secretId + " is not JSON, so it has no key " + jsonKey);
        }
    }

    /**
     * What provision's stacks of the environment output, under the output keys the deploy reads;
     * each key checked against the Outputs of the stack's rendered template. The secrets they name
     * exist in the sandbox, as provision (RDS, the cache stack) creates them.
     */
    Map<String, Map<String, String>> provisionOutputs(String environment) {
        String prefix = config.project() + "-" + environment;
        if (!outputsByEnvironment.containsKey(environment)) {
            outputsByEnvironment.put(environment, Map.of(
                    "master", createSecret("rds-managed-master-" + environment,
                            "{\"username\":\"master-user-" + environment + "\",\"password\":\"master-password-" + environment + "\"}"),
                    "cache", createSecret(prefix + "/redis-cache-auth", "cache-auth-token-" + environment),
                    "session", createSecret(prefix + "/redis-session-auth", "session-auth-token-" + environment),
                    "search", createSecret(prefix + "/opensearch-master-user", "{\"username\":\"" + stackSecret(environment, "search-user")
                            + "\",\"password\":\"" + stackSecret(environment, "search-password") + "\"}")));
        }
        Map<String, String> secretArns = outputsByEnvironment.get(environment);
        Map<String, Map<String, String>> outputs = new LinkedHashMap<>();
        outputs.put(prefix + "-iam", Map.of("TaskRoleArn", "arn:aws:iam::" + ACCOUNT + ":role/" + prefix + "-task",
                "TaskExecutionRoleArn", "arn:aws:iam::" + ACCOUNT + ":role/" + prefix + "-execution"));
        outputs.put(prefix + "-media", Map.of("FileSystemId", "fs-0123456789abcdef0", "MediaAccessPointId", "fsap-0123456789abcdef0",
                "VarAccessPointId", "fsap-0123456789abcdef1"));
        outputs.put(prefix + "-database", Map.of("MasterSecretArn", secretArns.get("master"),
                "Endpoint", endpoint(environment, "database"), "ReaderEndpoint", readerEndpoint(environment)));
        outputs.put(prefix + "-cache", Map.of("CacheAuthTokenSecretArn", secretArns.get("cache"),
                "SessionAuthTokenSecretArn", secretArns.get("session"),
                "CacheEndpoint", endpoint(environment, "cache"), "SessionEndpoint", endpoint(environment, "session")));
        outputs.put(prefix + "-search", Map.of("Endpoint", endpoint(environment, "search"),
                "MasterUserSecretArn", secretArns.get("search")));
        StackPlan plan = StackRenderer.render(config, environment, StackOutputs.NONE);
        outputs.forEach((stack, keys) -> {
            RenderedStack rendered = plan.stack(stack).orElseGet(() -> fail("provision renders no stack " + stack));
            String declared = rendered.body().substring(rendered.body().indexOf("\nOutputs:"));
            List<String> declaredKeys = OUTPUT_KEY.matcher(declared).results().map(m -> m.group(1)).toList();
            keys.keySet().forEach(key -> assertTrue(declaredKeys.contains(key), stack + " outputs no " + key + ": " + declaredKeys));
        });
        return outputs;
    }

    /** The database stack's reader endpoint output. */
    String readerEndpoint(String environment) {
        return config.project() + "-" + environment + ".cluster-ro-c0ffee." + config.environment(environment).region() + ".rds.amazonaws.com";
    }

    /** The endpoint the cache stack outputs for the {@code cache} or {@code session} group, or the database or search stack's. */
    String endpoint(String environment, String service) {
        String region = config.environment(environment).region();
        return switch (service) {
            case "cache", "session" -> "master." + config.project() + "-" + environment + "-" + service + ".abc123." + region
                    + ".cache.amazonaws.com";
            case "database" -> config.project() + "-" + environment + ".cluster-c0ffee." + region + ".rds.amazonaws.com";
            case "search" -> "vpc-" + config.project() + "-" + environment + "-c0ffee." + region + ".es.amazonaws.com";
            default -> fail("no endpoint " + service);
        };
    }

    /** The database the environment's database stack creates (its template's DatabaseName). */
    String databaseName(String environment) {
        String stack = config.project() + "-" + environment + "-database";
        String body = StackRenderer.render(config, environment, StackOutputs.NONE).stack(stack)
                .orElseGet(() -> fail("provision renders no stack " + stack)).body();
        Matcher name = Pattern.compile("(?m)^\\s+DatabaseName: (\\S+)$").matcher(body);
        assertTrue(name.find(), stack + " names no database");
        return name.group(1);
    }

    /**
     * What the secrets provision's stacks create hold, for {@code environment}: master-user, master-password, cache, session,
     * search-user, search-password.
     */
    String stackSecret(String environment, String which) {
        return switch (which) {
            case "master-user", "master-password" -> which + "-" + environment;
            case "cache", "session" -> which + "-auth-token-" + environment;
            // Characters OpenSearch's password rule asks for, which env.php must keep as they are.
            case "search-user" -> "search-master-" + environment;
            case "search-password" -> "Search!Pw$1~" + environment + "_(x)";
            default -> fail("no stack secret " + which);
        };
    }

    /** The value seeded for a configuration's secret reference (one key of a JSON secret: that key's value). */
    static String configuredValue(SecretRef ref) {
        String id = ref.id().replaceAll("^arn:.*:(secret|parameter)[:/]", "");
        if (id.endsWith("nosto/api-token")) {
            return NOSTO_ACCOUNTS;
        }
        return "value-of-" + id.replace('/', '-') + (ref.jsonKey() == null ? "" : "-" + ref.jsonKey());
    }

    /** What the Nosto integration's secret holds (docs/containers.md, Integrations). */
    static final String NOSTO_ACCOUNTS = "{\"default\": {\"account\": \"shop-123\", \"tokens\": {\"sso\": \"sso-token\", "
            + "\"products\": \"products-token\", \"rates\": \"rates-token\", \"settings\": \"settings-token\"}}}";

    /** Every secret the configuration names, in the store it names, holding {@link #configuredValue}. */
    private void seedConfiguredSecrets() {
        Map<String, SecretRef> refs = new LinkedHashMap<>();
        for (String environment : config.environmentNames()) {
            config.environment(environment).apps().values().forEach(app -> app.secrets().values().forEach(r -> refs.put(r.reference(), r)));
        }
        config.integrations().all().values().forEach(keys -> keys.values().forEach(r -> refs.put(r.reference(), r)));
        Map<String, ObjectNode> jsonSecrets = new TreeMap<>();
        for (SecretRef ref : refs.values()) {
            if (ref.store() == SecretRef.Store.SSM) {
                String name = ref.isArn() ? ref.id().replaceAll("^arn:.*:parameter", "") : ref.id();
                ssm().putParameter(r -> r.name(name).type(ParameterType.SECURE_STRING).value(configuredValue(ref)).overwrite(true));
            } else if (ref.jsonKey() != null) {
                jsonSecrets.computeIfAbsent(ref.id(), k -> JSON.createObjectNode()).put(ref.jsonKey(), configuredValue(ref));
            } else {
                createSecret(ref.id(), configuredValue(ref));
            }
        }
        jsonSecrets.forEach((id, json) -> createSecret(id.replaceAll("^arn:.*:secret:(.*)-[A-Za-z0-9]{6}$", "$1"), json.toString()));
    }

    private String createSecret(String name, String value) {
        return secretsManager().createSecret(r -> r.name(name).secretString(value)).arn();
    }

    private SsmClient ssm() {
        return sandbox.session().ssm();
    }

    private SecretsManagerClient secretsManager() {
        return sandbox.session().secretsManager();
    }

    private static Map<String, ImageRef> images() {
        Map<String, ImageRef> images = new LinkedHashMap<>();
        char digit = 'a';
        for (String container : List.of("nginx", "php-fpm", "blackfire")) {
            images.put(container, ImageRef.parse("r.example/acme/" + container + "@sha256:" + String.valueOf(digit++).repeat(64), "test"));
        }
        return images;
    }

    private static Map<String, String> pairs(JsonNode list, String valueField) {
        Map<String, String> out = new LinkedHashMap<>();
        StreamSupport.stream(list.spliterator(), false).forEach(e -> out.put(e.path("name").asText(), e.path(valueField).asText()));
        return out;
    }

    @Override
    public void close() {
        sandbox.close();
    }
}
