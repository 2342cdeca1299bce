package io.magecloudkit.sandbox.provision;

import io.magecloudkit.sandbox.cloudformation.ResourceProvisioner.ResourceFailure;
import io.magecloudkit.sandbox.ecs.wire.RequestMembers;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Typed reads of one resource's resolved properties. Members may be named as in the service
 * API ("desiredCount"): CloudFormation names them in PascalCase ("DesiredCount"). Template
 * values often arrive as strings (parameters are strings), so a number or boolean may be
 * written either way, as CloudFormation accepts; anything else fails the resource with
 * CloudFormation's properties-validation message naming the property.
 */
final class CfnProperties implements RequestMembers {
    private final String logicalId;
    private final Map<?, ?> properties;
    private final String path;

    CfnProperties(String logicalId, Map<?, ?> properties) {
        this(logicalId, properties, "#/");
    }

    private CfnProperties(String logicalId, Map<?, ?> properties, String path) {
        this.logicalId = logicalId;
        this.properties = properties;
        this.path = path;
    }

    String string(String member, String fallback) {
        String v = string(member);
        return v == null ? fallback : v;
    }

    int integer(String member, int fallback) {
        Integer v = integer(member);
        return v == null ? fallback : v;
    }

    @Override
    public String string(String member) {
        Object v = properties.get(key(member));
        if (v instanceof Map || v instanceof List) {
            throw mismatch(member, "String", v);
        }
        return v == null ? null : String.valueOf(v);
    }

    @Override
    public Integer integer(String member) {
        Object v = properties.get(key(member));
        if (v == null || v instanceof Integer || v instanceof Long || v instanceof Short) {
            return v == null ? null : ((Number) v).intValue();
        }
        if (v instanceof String s && s.trim().matches("-?\\d{1,9}")) {
            return Integer.parseInt(s.trim());
        }
        throw mismatch(member, "Integer", v);
    }

    @Override
    public boolean bool(String member) {
        Object v = properties.get(key(member));
        if (v == null || v instanceof Boolean) {
            return Boolean.TRUE.equals(v);
        }
        if ("true".equalsIgnoreCase(String.valueOf(v)) || "false".equalsIgnoreCase(String.valueOf(v))) {
            return Boolean.parseBoolean(String.valueOf(v));
        }
        throw mismatch(member, "Boolean", v);
    }

    @Override
    public CfnProperties object(String member) {
        Object v = properties.get(key(member));
        if (v == null) {
            return null;
        }
        if (!(v instanceof Map<?, ?> map)) {
            throw mismatch(member, "Object", v);
        }
        return new CfnProperties(logicalId, map, path + key(member) + "/");
    }

    @Override
    public List<CfnProperties> objects(String member) {
        List<?> list = list(member);
        if (list == null) {
            return null;
        }
        List<CfnProperties> out = new ArrayList<>();
        for (int i = 0; i < list.size(); i++) {
            if (!(list.get(i) instanceof Map<?, ?> map)) {
                throw mismatch(member + "/" + i, "Object", list.get(i));
            }
            out.add(new CfnProperties(logicalId, map, path + key(member) + "/" + i + "/"));
        }
        return out;
    }

    @Override
    public List<String> strings(String member) {
        List<?> list = list(member);
        List<String> out = new ArrayList<>();
        for (Object item : list == null ? List.of() : list) {
            out.add(String.valueOf(item));
        }
        return out;
    }

    private List<?> list(String member) {
        Object v = properties.get(key(member));
        if (v != null && !(v instanceof List)) {
            throw mismatch(member, "JSONArray", v);
        }
        return (List<?>) v;
    }

    private static String key(String member) {
        return member.isEmpty() ? member : Character.toUpperCase(member.charAt(0)) + member.substring(1);
    }

    private ResourceFailure mismatch(String member, String expected, Object found) {
        String kind = found instanceof Map ? "JSONObject" : found instanceof List ? "JSONArray"
                : found instanceof Number ? "Integer" : found instanceof Boolean ? "Boolean" : "String";
        return new ResourceFailure("Properties validation failed for resource " + logicalId + " with message: ["
                + path + key(member) + ": expected type: " + expected + ", found: " + kind + "]");
    }
}
