package io.magecloudkit.sandbox.secretsmanager.wire;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.magecloudkit.sandbox.SandboxError;
import io.magecloudkit.sandbox.ecs.wire.JsonFields;
import io.magecloudkit.sandbox.secretsmanager.SecretsState.Secret;
import io.magecloudkit.sandbox.secretsmanager.SecretsState.SecretVersion;
import io.magecloudkit.sandbox.secretsmanager.control.SecretsControlPlane;
import io.magecloudkit.sandbox.secretsmanager.control.SecretsControlPlane.NewSecret;
import io.magecloudkit.sandbox.secretsmanager.control.SecretsControlPlane.NewValue;
import io.magecloudkit.sandbox.secretsmanager.control.SecretsControlPlane.VersionView;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Secrets Manager over JSON 1.1 ({@code secretsmanager.*}): CreateSecret, DescribeSecret, GetSecretValue, PutSecretValue. */
public final class SecretsManagerJsonApi {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final SecretsControlPlane secrets;

    public SecretsManagerJsonApi(SecretsControlPlane secrets) {
        this.secrets = secrets;
    }

    public ObjectNode handle(String operation, JsonNode body) {
        JsonFields in = JsonFields.of(body);
        return switch (operation) {
            case "CreateSecret" -> written(false, secrets.create(new NewSecret(in.string("Name"), in.string("Description"),
                    in.string("ClientRequestToken"), in.string("SecretString"), in.string("SecretBinary"), tags(in))));
            case "DescribeSecret" -> described(secrets.describe(secretId(in)));
            case "GetSecretValue" -> value(secrets.getValue(secretId(in), in.string("VersionId"), in.string("VersionStage")));
            case "PutSecretValue" -> written(true, secrets.putValue(new NewValue(secretId(in), in.string("ClientRequestToken"),
                    in.string("SecretString"), in.string("SecretBinary"), in.node().has("VersionStages") ? in.strings("VersionStages") : null)));
            default -> throw new SandboxError(400, "UnknownOperationException", null);
        };
    }

    public static boolean mutates(String operation) {
        return !(operation.startsWith("Describe") || operation.startsWith("Get") || operation.startsWith("List"));
    }

    private static String secretId(JsonFields in) {
        String id = in.string("SecretId");
        if (id == null) {
            throw new SandboxError(400, "ValidationException",
                    "1 validation error detected: Value null at 'secretId' failed to satisfy constraint: Member must not be null");
        }
        return id;
    }

    private static Map<String, String> tags(JsonFields in) {
        Map<String, String> out = new LinkedHashMap<>();
        List<JsonFields> list = in.objects("Tags");
        for (JsonFields tag : list == null ? List.<JsonFields>of() : list) {
            out.put(tag.string("Key"), tag.string("Value"));
        }
        return out;
    }

    /** CreateSecret and PutSecretValue: the secret and the version written (none for a secret created without a value). */
    private static ObjectNode written(boolean withStages, VersionView view) {
        ObjectNode out = JSON.createObjectNode().put("ARN", view.secret().arn).put("Name", view.secret().name);
        if (view.version() != null) {
            out.put("VersionId", view.version().versionId);
            if (withStages) {
                stages(out.putArray("VersionStages"), view.version());
            }
        }
        return out;
    }

    private static ObjectNode described(Secret s) {
        ObjectNode out = JSON.createObjectNode().put("ARN", s.arn).put("Name", s.name);
        if (s.description != null) {
            out.put("Description", s.description);
        }
        out.put("LastChangedDate", s.lastChangedDate / 1000.0);
        if (s.lastAccessedDate != null) {
            out.put("LastAccessedDate", s.lastAccessedDate / 1000.0);
        }
        if (!s.tags.isEmpty()) {
            ArrayNode tags = out.putArray("Tags");
            s.tags.forEach((k, v) -> tags.addObject().put("Key", k).put("Value", v));
        }
        if (!s.versions.isEmpty()) {
            ObjectNode versions = out.putObject("VersionIdsToStages");
            s.versions.forEach(v -> stages(versions.putArray(v.versionId), v));
        }
        out.put("CreatedDate", s.createdDate / 1000.0);
        return out;
    }

    private static ObjectNode value(VersionView view) {
        SecretVersion v = view.version();
        ObjectNode out = JSON.createObjectNode().put("ARN", view.secret().arn).put("Name", view.secret().name).put("VersionId", v.versionId);
        if (v.secretString != null) {
            out.put("SecretString", v.secretString);
        }
        if (v.secretBinary != null) {
            out.put("SecretBinary", v.secretBinary);
        }
        stages(out.putArray("VersionStages"), v);
        out.put("CreatedDate", v.createdDate / 1000.0);
        return out;
    }

    private static void stages(ArrayNode out, SecretVersion v) {
        v.stages.forEach(out::add);
    }
}
