package io.magecloudkit.sandbox.ssm;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.magecloudkit.sandbox.SandboxClock;
import io.magecloudkit.sandbox.SandboxError;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * SSM Parameter Store: GetParameter(s), PutParameter, DeleteParameter. PutParameter without
 * Overwrite is atomic under the sandbox's state lock, so it works as the deploy lock it is used for.
 */
public final class SsmApi {
    private static final ObjectMapper JSON = new ObjectMapper();

    /** Parameters by name (public fields: snapshotted). */
    public static final class State {
        public Map<String, Parameter> parameters = new LinkedHashMap<>();
    }

    public static final class Parameter {
        public String name;
        public String type;
        public String value;
        public long version;
        public long lastModified;
        public String description;
    }

    private final State state;
    private final SandboxClock clock;
    private final String region;
    private final String accountId;

    public SsmApi(State state, SandboxClock clock, String region, String accountId) {
        this.state = state;
        this.clock = clock;
        this.region = region;
        this.accountId = accountId;
    }

    public ObjectNode handle(String operation, JsonNode in) {
        return switch (operation) {
            case "GetParameter" -> getParameter(in);
            case "GetParameters" -> getParameters(in);
            case "PutParameter" -> putParameter(in);
            case "DeleteParameter" -> deleteParameter(in);
            default -> throw new SandboxError(400, "UnknownOperationException", null);
        };
    }

    /** A parameter by its normalised name: the account's own, else one of AWS's public ones. */
    public static Parameter find(State state, String name) {
        Parameter own = state.parameters.get(name);
        return own != null ? own : AwsPublicParameters.get(name);
    }

    public static boolean mutates(String operation) {
        return operation.startsWith("Put") || operation.startsWith("Delete");
    }

    private ObjectNode getParameter(JsonNode in) {
        String name = requireName(in);
        Parameter p = find(state, normalize(name));
        if (p == null) {
            throw new SandboxError(400, "ParameterNotFound", "Parameter " + name + " not found.");
        }
        ObjectNode out = JSON.createObjectNode();
        out.set("Parameter", render(p, in.path("WithDecryption").asBoolean(false)));
        return out;
    }

    private ObjectNode getParameters(JsonNode in) {
        ObjectNode out = JSON.createObjectNode();
        ArrayNode found = out.putArray("Parameters");
        ArrayNode invalid = out.putArray("InvalidParameters");
        JsonNode names = in.path("Names");
        if (!names.isArray() || names.isEmpty() || names.size() > 10) {
            throw new SandboxError(400, "ValidationException",
                    "1 validation error detected: Value at 'names' failed to satisfy constraint: Member must have length between 1 and 10");
        }
        for (JsonNode n : names) {
            Parameter p = find(state, normalize(n.asText()));
            if (p == null) {
                invalid.add(n.asText());
            } else {
                found.add(render(p, in.path("WithDecryption").asBoolean(false)));
            }
        }
        return out;
    }

    private ObjectNode putParameter(JsonNode in) {
        String name = requireName(in);
        if (!in.hasNonNull("Value")) {
            throw new SandboxError(400, "ValidationException",
                    "1 validation error detected: Value null at 'value' failed to satisfy constraint: Member must not be null");
        }
        if (name.toLowerCase().startsWith("aws") || name.toLowerCase().startsWith("ssm") || name.toLowerCase().startsWith("/aws")) {
            throw new SandboxError(400, "ValidationException", "Parameter name: can't be prefixed with \"aws\" or \"ssm\" (case-insensitive).");
        }
        Parameter p = state.parameters.get(normalize(name));
        boolean overwrite = in.path("Overwrite").asBoolean(false);
        if (p != null && !overwrite) {
            throw new SandboxError(400, "ParameterAlreadyExists",
                    "The parameter already exists. To overwrite this value, set the overwrite option in the request to true.");
        }
        String type = in.hasNonNull("Type") ? in.path("Type").asText() : p != null ? p.type : null;
        if (type == null) {
            throw new SandboxError(400, "ValidationException", "A parameter type is required when you create a parameter.");
        }
        if (!type.equals("String") && !type.equals("StringList") && !type.equals("SecureString")) {
            throw new SandboxError(400, "ValidationException", "1 validation error detected: Value '" + type
                    + "' at 'type' failed to satisfy constraint: Member must satisfy enum value set: [SecureString, StringList, String]");
        }
        if (p == null) {
            p = new Parameter();
            p.name = normalize(name);
            state.parameters.put(p.name, p);
        }
        p.type = type;
        p.value = in.path("Value").asText();
        p.description = in.hasNonNull("Description") ? in.path("Description").asText() : p.description;
        p.version++;
        p.lastModified = clock.now().toEpochMilli();
        ObjectNode out = JSON.createObjectNode();
        out.put("Version", p.version).put("Tier", "Standard");
        return out;
    }

    private ObjectNode deleteParameter(JsonNode in) {
        String name = requireName(in);
        if (state.parameters.remove(normalize(name)) == null) {
            throw new SandboxError(400, "ParameterNotFound", "Parameter " + name + " not found.");
        }
        return JSON.createObjectNode();
    }

    private ObjectNode render(Parameter p, boolean decrypt) {
        ObjectNode n = JSON.createObjectNode();
        n.put("Name", p.name).put("Type", p.type);
        // Without decryption AWS returns the KMS ciphertext, never the secret.
        n.put("Value", "SecureString".equals(p.type) && !decrypt
                ? Base64.getEncoder().encodeToString(("sandbox-kms:" + p.name + ":" + p.version).getBytes(StandardCharsets.UTF_8))
                : p.value);
        n.put("Version", p.version).put("LastModifiedDate", p.lastModified / 1000.0);
        n.put("ARN", "arn:aws:ssm:" + region + ":" + accountId + ":parameter" + (p.name.startsWith("/") ? "" : "/") + p.name);
        n.put("DataType", "text");
        return n;
    }

    private static String requireName(JsonNode in) {
        if (!in.hasNonNull("Name") || in.path("Name").asText().isEmpty()) {
            throw new SandboxError(400, "ValidationException",
                    "1 validation error detected: Value null at 'name' failed to satisfy constraint: Member must not be null");
        }
        return in.path("Name").asText();
    }

    private static String normalize(String name) {
        return name;
    }
}
