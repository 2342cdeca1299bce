package io.magecloudkit.provision;

import com.fasterxml.jackson.databind.JsonNode;
import io.magecloudkit.cfnspec.CfnSpec;
import io.magecloudkit.cfnspec.PropertySpec;
import io.magecloudkit.cfnspec.ResourceSpec;
import io.magecloudkit.cfnspec.TypeExpr;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Checks resources against the CloudFormation spec as CloudFormation does: the type exists, every
 * property is known, required properties are present and literal values have the property's type.
 * Values CloudFormation computes (Ref, Fn::*) are judged by their literal branches only.
 */
final class SpecCheck {
    private final CfnSpec spec;

    SpecCheck(CfnSpec spec) {
        this.spec = spec;
    }

    void check(TemplateDocument doc, List<Finding> findings) {
        doc.resources().forEach((name, resource) -> {
            String path = "Resources." + name;
            String type = resource.path("Type").asText("");
            Optional<ResourceSpec> rs = spec.resource(type);
            if (rs.isEmpty()) {
                findings.add(doc.finding(path + ".Type", "unknown resource type '" + type + "' (not in the CloudFormation spec "
                        + spec.version() + ")"));
                return;
            }
            JsonNode props = resource.path("Properties");
            if (!props.isMissingNode() && !props.isObject()) {
                findings.add(doc.finding(path + ".Properties", "must be a mapping"));
                return;
            }
            checkObject(doc, rs.get(), rs.get().properties(), props, path + ".Properties", type, findings);
        });
    }

    private void checkObject(TemplateDocument doc, ResourceSpec rs, Map<String, PropertySpec> properties, JsonNode node,
            String path, String what, List<Finding> findings) {
        node.fields().forEachRemaining(e -> {
            PropertySpec p = properties.get(e.getKey());
            if (p == null) {
                findings.add(doc.finding(path + "." + e.getKey(), "unknown property '" + e.getKey() + "' of " + what));
            } else {
                checkValue(doc, rs, p.type(), e.getValue(), path + "." + e.getKey(), findings);
            }
        });
        for (PropertySpec p : properties.values()) {
            if (p.required() && !node.has(p.name())) {
                findings.add(doc.finding(path, "missing required property '" + p.name() + "' of " + what));
            }
        }
    }

    private void checkValue(TemplateDocument doc, ResourceSpec rs, TypeExpr type, JsonNode value, String path,
            List<Finding> findings) {
        if (TemplateDocument.isIntrinsic(value)) {
            JsonNode branches = value.get("Fn::If");
            if (branches != null && branches.isArray() && branches.size() == 3) {
                checkValue(doc, rs, type, branches.get(1), path + ".Fn::If[1]", findings);
                checkValue(doc, rs, type, branches.get(2), path + ".Fn::If[2]", findings);
            }
            return;
        }
        if (type instanceof TypeExpr.Primitive p) {
            if (!primitiveAccepts(p.name(), value)) {
                findings.add(doc.finding(path, "expected " + p.name() + ", got " + describe(value)));
            }
        } else if (type instanceof TypeExpr.ListOf l) {
            if (!value.isArray()) {
                findings.add(doc.finding(path, "expected a list of " + l.element() + ", got " + describe(value)));
                return;
            }
            for (int i = 0; i < value.size(); i++) {
                checkValue(doc, rs, l.element(), value.get(i), path + "[" + i + "]", findings);
            }
        } else if (type instanceof TypeExpr.MapOf m) {
            if (!value.isObject()) {
                findings.add(doc.finding(path, "expected a mapping of " + m.element() + ", got " + describe(value)));
                return;
            }
            value.fields().forEachRemaining(e -> checkValue(doc, rs, m.element(), e.getValue(), path + "." + e.getKey(), findings));
        } else if (type instanceof TypeExpr.Named n) {
            if (!value.isObject()) {
                findings.add(doc.finding(path, "expected a " + n.name() + " mapping, got " + describe(value)));
                return;
            }
            Map<String, PropertySpec> props = rs.propertyType(n.name()).orElse(Map.of());
            checkObject(doc, rs, props, value, path, rs.type() + "." + n.name(), findings);
        } else if (type instanceof TypeExpr.Union u) {
            for (TypeExpr alternative : u.alternatives()) {
                List<Finding> tried = new ArrayList<>();
                checkValue(doc, rs, alternative, value, path, tried);
                if (tried.isEmpty()) {
                    return;
                }
            }
            findings.add(doc.finding(path, "expected " + u + ", got " + describe(value)));
        }
    }

    /** CloudFormation turns scalars into the type a property wants when they read as one ("2", "true"). */
    private static boolean primitiveAccepts(String type, JsonNode value) {
        return switch (type) {
            case "string", "date-time" -> value.isValueNode() && !value.isNull();
            case "integer" -> value.isIntegralNumber() || value.isTextual() && value.asText().matches("-?[0-9]+");
            case "number" -> value.isNumber() || value.isTextual() && value.asText().matches("-?[0-9]+(\\.[0-9]+)?");
            case "boolean" -> value.isBoolean() || value.isTextual() && value.asText().matches("true|false");
            case "json" -> value.isObject() || value.isTextual();
            case "tag" -> value.isObject() && value.has("Key") && value.has("Value");
            default -> true;
        };
    }

    private static String describe(JsonNode value) {
        if (value.isObject()) {
            return "a mapping";
        }
        if (value.isArray()) {
            return "a list";
        }
        return value.isTextual() ? "'" + value.asText() + "'" : value.getNodeType().name().toLowerCase(java.util.Locale.ROOT)
                + " " + value.asText();
    }
}
