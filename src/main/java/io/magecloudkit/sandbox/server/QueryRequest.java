package io.magecloudkit.sandbox.server;

import io.magecloudkit.sandbox.SandboxError;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The decoded parameters of one query-protocol request, read as typed values. A value of the
 * wrong shape is the ValidationError AWS gives, naming the member ({@code 'disableRollback'},
 * {@code 'tags.1.member.key'}), never an exception from deeper down.
 */
public final class QueryRequest {
    private final Map<String, String> params;

    public QueryRequest(Map<String, String> params) {
        this.params = Map.copyOf(params);
    }

    /** The value, or null when absent or empty (AWS treats {@code Name=} as not given). */
    public String get(String name) {
        String value = params.get(name);
        return value == null || value.isEmpty() ? null : value;
    }

    public boolean has(String name) {
        return params.containsKey(name);
    }

    public String required(String name) {
        String value = get(name);
        if (value == null) {
            throw notNull(name);
        }
        return value;
    }

    /** A boolean member: null when absent, an error when neither true nor false. */
    public Boolean bool(String name) {
        String value = params.get(name);
        if (value == null) {
            return null;
        }
        return switch (value.toLowerCase(Locale.ROOT)) {
            case "true" -> true;
            case "false" -> false;
            default -> throw invalid(name, value, "Member must be a boolean (true or false)");
        };
    }

    /** A boolean member that is false when absent. */
    public boolean flag(String name) {
        return Boolean.TRUE.equals(bool(name));
    }

    /** An enum member whose constant names are the AWS values: null when absent, an error for any other value. */
    public <E extends Enum<E>> E enumValue(String name, Class<E> type) {
        String value = get(name);
        if (value == null) {
            return null;
        }
        for (E constant : type.getEnumConstants()) {
            if (constant.name().equals(value)) {
                return constant;
            }
        }
        throw invalid(name, value, "Member must satisfy enum value set: " + Arrays.toString(type.getEnumConstants()));
    }

    /** A list of strings ({@code Name.member.1}, ...). */
    public List<String> list(String name) {
        return QueryParams.list(params, name);
    }

    /** A list of structures ({@code Tags.member.1.Key}, ...), each as field name to value. */
    public List<Map<String, String>> structs(String name) {
        return QueryParams.structs(params, name);
    }

    /** A required field of the {@code index}th (from 1) structure of a list. */
    public static String requiredField(Map<String, String> struct, String list, int index, String field) {
        String value = struct.get(field);
        if (value == null || value.isEmpty()) {
            throw notNull(memberName(list) + "." + index + ".member." + memberName(field));
        }
        return value;
    }

    public static SandboxError notNull(String name) {
        return new SandboxError(400, "ValidationError", "1 validation error detected: Value null at '" + memberName(name)
                + "' failed to satisfy constraint: Member must not be null");
    }

    public static SandboxError invalid(String name, String value, String constraint) {
        return new SandboxError(400, "ValidationError", "1 validation error detected: Value '" + value + "' at '"
                + memberName(name) + "' failed to satisfy constraint: " + constraint);
    }

    /** AWS names members in messages in lower camel case: StackName is 'stackName'. */
    private static String memberName(String name) {
        List<String> parts = new ArrayList<>();
        for (String part : name.split("\\.")) {
            parts.add(part.isEmpty() ? part : Character.toLowerCase(part.charAt(0)) + part.substring(1));
        }
        return String.join(".", parts);
    }
}
