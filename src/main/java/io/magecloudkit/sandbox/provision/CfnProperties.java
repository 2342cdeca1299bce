package io.magecloudkit.sandbox.provision;

import io.magecloudkit.sandbox.cloudformation.ResourceProvisioner.ResourceFailure;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Typed reads of one resource's resolved properties. Template values often arrive as strings
 * (parameters are strings), so a number or boolean may be written either way, as
 * CloudFormation accepts; anything else fails the resource with CloudFormation's
 * properties-validation message naming the property.
 */
final class CfnProperties {
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

    boolean has(String key) {
        return properties.get(key) != null;
    }

    String string(String key, String fallback) {
        Object v = properties.get(key);
        if (v == null) {
            return fallback;
        }
        if (v instanceof Map || v instanceof List) {
            throw mismatch(key, "String", v);
        }
        return String.valueOf(v);
    }

    Integer integer(String key, Integer fallback) {
        Object v = properties.get(key);
        if (v == null) {
            return fallback;
        }
        if (v instanceof Integer || v instanceof Long || v instanceof Short) {
            return ((Number) v).intValue();
        }
        if (v instanceof String s && s.trim().matches("-?\\d{1,9}")) {
            return Integer.parseInt(s.trim());
        }
        throw mismatch(key, "Integer", v);
    }

    boolean bool(String key) {
        Object v = properties.get(key);
        if (v == null) {
            return false;
        }
        if (v instanceof Boolean b) {
            return b;
        }
        if ("true".equalsIgnoreCase(String.valueOf(v)) || "false".equalsIgnoreCase(String.valueOf(v))) {
            return Boolean.parseBoolean(String.valueOf(v));
        }
        throw mismatch(key, "Boolean", v);
    }

    /** The nested property object, or null when absent. */
    CfnProperties object(String key) {
        Object v = properties.get(key);
        if (v == null) {
            return null;
        }
        if (!(v instanceof Map<?, ?> map)) {
            throw mismatch(key, "Object", v);
        }
        return new CfnProperties(logicalId, map, path + key + "/");
    }

    /** A list of property objects; null when absent. */
    List<CfnProperties> objects(String key) {
        Object v = properties.get(key);
        if (v == null) {
            return null;
        }
        if (!(v instanceof List<?> list)) {
            throw mismatch(key, "JSONArray", v);
        }
        List<CfnProperties> out = new ArrayList<>();
        for (int i = 0; i < list.size(); i++) {
            if (!(list.get(i) instanceof Map<?, ?> map)) {
                throw mismatch(key + "/" + i, "Object", list.get(i));
            }
            out.add(new CfnProperties(logicalId, map, path + key + "/" + i + "/"));
        }
        return out;
    }

    /** A list of strings; empty when absent. */
    List<String> strings(String key) {
        Object v = properties.get(key);
        if (v == null) {
            return List.of();
        }
        if (!(v instanceof List<?> list)) {
            throw mismatch(key, "JSONArray", v);
        }
        List<String> out = new ArrayList<>();
        for (Object item : list) {
            out.add(String.valueOf(item));
        }
        return out;
    }

    private ResourceFailure mismatch(String key, String expected, Object found) {
        String kind = found instanceof Map ? "JSONObject" : found instanceof List ? "JSONArray"
                : found instanceof Number ? "Integer" : found instanceof Boolean ? "Boolean" : "String";
        return new ResourceFailure("Properties validation failed for resource " + logicalId + " with message: ["
                + path + key + ": expected type: " + expected + ", found: " + kind + "]");
    }
}
