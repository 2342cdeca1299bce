package io.magecloudkit.sandbox.ecs.wire;

import com.fasterxml.jackson.databind.JsonNode;
import io.magecloudkit.sandbox.SandboxError;
import java.util.ArrayList;
import java.util.List;

/**
 * Typed reads of one JSON 1.1 request object. A member of the wrong JSON type is AWS's
 * SerializationException, naming the member, rather than a value coerced into something the
 * caller did not send; an absent or null member reads as null.
 */
public final class JsonFields implements RequestMembers {
    private final JsonNode node;
    private final String path;

    private JsonFields(JsonNode node, String path) {
        this.node = node;
        this.path = path;
    }

    public static JsonFields of(JsonNode request) {
        return new JsonFields(request, "");
    }

    public JsonNode node() {
        return node;
    }

    @Override
    public String string(String field) {
        JsonNode v = present(field);
        if (v == null) {
            return null;
        }
        if (!v.isTextual()) {
            throw mismatch(field, v, "a String");
        }
        return v.asText();
    }

    @Override
    public Integer integer(String field) {
        JsonNode v = present(field);
        if (v == null) {
            return null;
        }
        if (!v.isIntegralNumber() || !v.canConvertToInt()) {
            throw mismatch(field, v, "an Integer");
        }
        return v.intValue();
    }

    /** A Long member, such as CloudWatch Logs' epoch-millisecond timestamps. */
    public Long longInteger(String field) {
        JsonNode v = present(field);
        if (v == null) {
            return null;
        }
        if (!v.isIntegralNumber() || !v.canConvertToLong()) {
            throw mismatch(field, v, "a Long");
        }
        return v.longValue();
    }

    /** A timestamp member in the JSON protocol's form (epoch seconds, maybe with a fraction), as epoch milliseconds. */
    public Long epochMillis(String field) {
        JsonNode v = present(field);
        if (v == null) {
            return null;
        }
        if (!v.isNumber()) {
            throw mismatch(field, v, "a Timestamp");
        }
        return Math.round(v.doubleValue() * 1000);
    }

    @Override
    public boolean bool(String field) {
        JsonNode v = present(field);
        if (v == null) {
            return false;
        }
        if (!v.isBoolean()) {
            throw mismatch(field, v, "a Boolean");
        }
        return v.booleanValue();
    }

    @Override
    public JsonFields object(String field) {
        JsonNode v = present(field);
        if (v == null) {
            return null;
        }
        if (!v.isObject()) {
            throw mismatch(field, v, "a Structure");
        }
        return new JsonFields(v, name(field) + ".");
    }

    @Override
    public List<String> strings(String field) {
        List<String> out = new ArrayList<>();
        JsonNode list = list(field);
        for (int i = 0; list != null && i < list.size(); i++) {
            JsonNode v = list.get(i);
            if (!v.isTextual()) {
                throw mismatch(field + "." + (i + 1), v, "a String");
            }
            out.add(v.asText());
        }
        return out;
    }

    @Override
    public List<JsonFields> objects(String field) {
        JsonNode list = list(field);
        if (list == null) {
            return null;
        }
        List<JsonFields> out = new ArrayList<>();
        for (int i = 0; i < list.size(); i++) {
            JsonNode v = list.get(i);
            if (!v.isObject()) {
                throw mismatch(field + "." + (i + 1), v, "a Structure");
            }
            out.add(new JsonFields(v, name(field) + "." + (i + 1) + "."));
        }
        return out;
    }

    private JsonNode list(String field) {
        JsonNode v = present(field);
        if (v != null && !v.isArray()) {
            throw mismatch(field, v, "a List");
        }
        return v;
    }

    private JsonNode present(String field) {
        JsonNode v = node.get(field);
        return v == null || v.isNull() ? null : v;
    }

    private String name(String field) {
        return path + field;
    }

    /** Worded like AWS's own serialization errors, with the member it is about. */
    private SandboxError mismatch(String field, JsonNode value, String expected) {
        String problem;
        if (value.isArray()) {
            problem = "Start of list found where not expected";
        } else if (value.isObject()) {
            problem = "Start of structure or map found where not expected";
        } else {
            String kind = value.isTextual() ? "STRING_VALUE" : value.isNumber() ? "NUMBER_VALUE" : value.isBoolean() ? "BOOLEAN_VALUE" : "VALUE";
            problem = kind + " can not be converted to " + expected;
        }
        return new SandboxError(400, "SerializationException", problem + " (at '" + name(field) + "').");
    }
}
