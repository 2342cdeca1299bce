package io.magecloudkit.sandbox.cloudformation;

import io.magecloudkit.cfnspec.CfnSpec;
import io.magecloudkit.cfnspec.PropertySpec;
import io.magecloudkit.cfnspec.ResourceSpec;
import io.magecloudkit.cfnspec.TypeExpr;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * CloudFormation's check of a resource's resolved properties against the resource type's schema,
 * done when the resource is created or updated: unknown keys, missing required keys and values
 * of the wrong type, reported in the JSON-schema wording CloudFormation's handlers use.
 * Scalars read as the wanted type are accepted ("2" for an integer), as CloudFormation does.
 */
final class PropertiesValidator {
    private final CfnSpec spec;

    PropertiesValidator(CfnSpec spec) {
        this.spec = spec;
    }

    static PropertiesValidator standard() {
        return new PropertiesValidator(CfnSpec.bundled());
    }

    /** The failure reason for a resource whose properties break the schema, empty when they pass. */
    Optional<String> check(String logicalId, String type, Map<String, Object> properties) {
        Optional<ResourceSpec> resource = spec.resource(type);
        if (resource.isEmpty()) {
            return Optional.empty();
        }
        List<String> errors = new ArrayList<>();
        object(resource.get(), resource.get().properties(), properties, "#", errors);
        if (errors.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of("Properties validation failed for resource " + logicalId + " with message: ["
                + String.join(", ", errors) + "]");
    }

    private void object(ResourceSpec resource, Map<String, PropertySpec> schema, Map<?, ?> value, String path,
            List<String> errors) {
        for (PropertySpec property : schema.values()) {
            if (property.required() && value.get(property.name()) == null) {
                errors.add(path + ": required key [" + property.name() + "] not found");
            }
        }
        value.forEach((key, item) -> {
            PropertySpec property = schema.get(String.valueOf(key));
            if (property == null) {
                errors.add(path + ": extraneous key [" + key + "] is not permitted");
            } else if (item != null) {
                value(resource, property.type(), item, path + "/" + key, errors);
            }
        });
    }

    private void value(ResourceSpec resource, TypeExpr type, Object value, String path, List<String> errors) {
        if (type instanceof TypeExpr.Primitive primitive) {
            if (!accepts(primitive.name(), value)) {
                errors.add(mismatch(path, expected(primitive.name()), value));
            }
        } else if (type instanceof TypeExpr.ListOf list) {
            if (!(value instanceof List<?> items)) {
                errors.add(mismatch(path, "JSONArray", value));
                return;
            }
            for (int i = 0; i < items.size(); i++) {
                value(resource, list.element(), items.get(i), path + "/" + i, errors);
            }
        } else if (type instanceof TypeExpr.MapOf map) {
            if (!(value instanceof Map<?, ?> entries)) {
                errors.add(mismatch(path, "JSONObject", value));
                return;
            }
            entries.forEach((key, item) -> value(resource, map.element(), item, path + "/" + key, errors));
        } else if (type instanceof TypeExpr.Named named) {
            if (!(value instanceof Map<?, ?> entries)) {
                errors.add(mismatch(path, "JSONObject", value));
                return;
            }
            object(resource, resource.propertyType(named.name()).orElse(Map.of()), entries, path, errors);
        } else if (type instanceof TypeExpr.Union union) {
            List<String> first = null;
            for (TypeExpr alternative : union.alternatives()) {
                List<String> tried = new ArrayList<>();
                value(resource, alternative, value, path, tried);
                if (tried.isEmpty()) {
                    return;
                }
                first = first == null ? tried : first;
            }
            errors.addAll(first);
        }
    }

    private static boolean accepts(String primitive, Object value) {
        boolean scalar = value instanceof String || value instanceof Number || value instanceof Boolean;
        String text = String.valueOf(value).trim();
        return switch (primitive) {
            case "string", "date-time" -> scalar;
            case "integer" -> scalar && text.matches("-?[0-9]+");
            case "number" -> scalar && text.matches("-?[0-9]+(\\.[0-9]+)?([eE][-+]?[0-9]+)?");
            case "boolean" -> scalar && text.matches("(?i)true|false");
            case "json" -> value instanceof Map || value instanceof String;
            case "tag" -> value instanceof Map<?, ?> tag && tag.containsKey("Key") && tag.containsKey("Value");
            default -> true;
        };
    }

    private static String expected(String primitive) {
        return switch (primitive) {
            case "integer" -> "Integer";
            case "number" -> "Number";
            case "boolean" -> "Boolean";
            case "json", "tag" -> "JSONObject";
            default -> "String";
        };
    }

    private static String mismatch(String path, String expected, Object found) {
        String kind = found instanceof Map ? "JSONObject" : found instanceof List ? "JSONArray"
                : found instanceof Number ? "Integer" : found instanceof Boolean ? "Boolean" : "String";
        return path + ": expected type: " + expected + ", found: " + kind;
    }
}
