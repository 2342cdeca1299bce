package io.magecloudkit.provision;

import com.fasterxml.jackson.databind.JsonNode;
import io.magecloudkit.cfnspec.CfnSpec;
import io.magecloudkit.cfnspec.ResourceSpec;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Every Ref, Fn::GetAtt, Fn::Sub variable, condition and mapping a template names resolves;
 * GetAtt attributes exist in the spec; the resources' dependencies have no cycle.
 */
final class ReferenceCheck {
    private static final Pattern SUB_VARIABLE = Pattern.compile("\\$\\{([^!}][^}]*)}");

    private final CfnSpec spec;

    ReferenceCheck(CfnSpec spec) {
        this.spec = spec;
    }

    void check(TemplateDocument doc, List<Finding> findings) {
        Map<String, JsonNode> resources = doc.resources();
        Set<String> parameters = doc.section("Parameters").keySet();
        Map<String, Set<String>> edges = new LinkedHashMap<>();
        doc.section("Conditions").forEach((name, c) ->
                walk(doc, c, "Conditions." + name, parameters, Map.of(), null, findings));
        resources.forEach((name, resource) -> {
            Set<String> deps = new LinkedHashSet<>();
            edges.put(name, deps);
            String path = "Resources." + name;
            condition(doc, resource.path("Condition"), path + ".Condition", findings);
            JsonNode dependsOn = resource.path("DependsOn");
            List<JsonNode> named = new ArrayList<>();
            if (dependsOn.isArray()) {
                dependsOn.forEach(named::add);
            } else if (!dependsOn.isMissingNode()) {
                named.add(dependsOn);
            }
            for (JsonNode d : named) {
                if (!resources.containsKey(d.asText())) {
                    findings.add(doc.finding(path + ".DependsOn", "names '" + d.asText() + "', which is not a resource of this template"));
                } else {
                    deps.add(d.asText());
                }
            }
            walk(doc, resource.path("Properties"), path + ".Properties", parameters, resources, deps, findings);
        });
        doc.section("Outputs").forEach((name, output) -> {
            condition(doc, output.path("Condition"), "Outputs." + name + ".Condition", findings);
            walk(doc, output.path("Value"), "Outputs." + name + ".Value", parameters, resources, null, findings);
        });
        cycles(doc, edges, findings);
    }

    private void condition(TemplateDocument doc, JsonNode name, String path, List<Finding> findings) {
        if (!name.isMissingNode() && !doc.root.path("Conditions").has(name.asText())) {
            findings.add(doc.finding(path, "condition '" + name.asText() + "' is not defined in Conditions"));
        }
    }

    /**
     * @param resources the resources a Ref / GetAtt may name (none inside Conditions)
     * @param deps      where to record the resources named, or null
     */
    private void walk(TemplateDocument doc, JsonNode node, String path, Set<String> parameters,
            Map<String, JsonNode> resources, Set<String> deps, List<Finding> findings) {
        if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                walk(doc, node.get(i), path + "[" + i + "]", parameters, resources, deps, findings);
            }
            return;
        }
        if (!node.isObject()) {
            return;
        }
        if (node.size() == 1) {
            String key = node.fieldNames().next();
            JsonNode arg = node.get(key);
            switch (key) {
                case "Ref" -> ref(doc, arg.asText(), path + ".Ref", parameters, resources, deps, findings);
                case "Fn::GetAtt" -> getAtt(doc, arg, path + ".Fn::GetAtt", resources, deps, findings);
                case "Fn::Sub" -> sub(doc, arg, path + ".Fn::Sub", parameters, resources, deps, findings);
                case "Condition" -> condition(doc, arg, path + ".Condition", findings);
                case "Fn::If" -> condition(doc, arg.path(0), path + ".Fn::If[0]", findings);
                case "Fn::FindInMap" -> {
                    JsonNode map = arg.path(0);
                    if (map.isTextual() && !doc.root.path("Mappings").has(map.asText())) {
                        findings.add(doc.finding(path + ".Fn::FindInMap", "mapping '" + map.asText() + "' is not defined in Mappings"));
                    }
                }
                default -> { }
            }
        }
        node.fields().forEachRemaining(e -> {
            boolean handled = node.size() == 1 && (e.getKey().equals("Ref") || e.getKey().equals("Condition"));
            if (!handled) {
                walk(doc, e.getValue(), path + "." + e.getKey(), parameters, resources, deps, findings);
            }
        });
    }

    private void ref(TemplateDocument doc, String name, String path, Set<String> parameters, Map<String, JsonNode> resources,
            Set<String> deps, List<Finding> findings) {
        if (resources.containsKey(name)) {
            if (deps != null) {
                deps.add(name);
            }
        } else if (!parameters.contains(name) && !TemplateDocument.PSEUDO_PARAMETERS.contains(name)) {
            findings.add(doc.finding(path, "'" + name + "' is neither a parameter, a resource nor a pseudo parameter"
                    + (resources.isEmpty() ? " (conditions may name parameters only)" : "")));
        }
    }

    private void getAtt(TemplateDocument doc, JsonNode arg, String path, Map<String, JsonNode> resources, Set<String> deps,
            List<Finding> findings) {
        String resource;
        String attribute;
        if (arg.isArray() && arg.size() == 2) {
            resource = arg.get(0).asText();
            attribute = arg.get(1).isTextual() ? arg.get(1).asText() : null;
        } else if (arg.isTextual() && arg.asText().contains(".")) {
            resource = arg.asText().substring(0, arg.asText().indexOf('.'));
            attribute = arg.asText().substring(resource.length() + 1);
        } else {
            findings.add(doc.finding(path, "expects [resource, attribute] or \"resource.attribute\""));
            return;
        }
        attribute(doc, resource, attribute, path, resources, deps, findings);
    }

    private void attribute(TemplateDocument doc, String resource, String attribute, String path, Map<String, JsonNode> resources,
            Set<String> deps, List<Finding> findings) {
        if (!resources.containsKey(resource)) {
            findings.add(doc.finding(path, "'" + resource + "' is not a resource of this template"));
            return;
        }
        if (deps != null) {
            deps.add(resource);
        }
        String type = doc.type(resource);
        Optional<ResourceSpec> rs = spec.resource(type);
        if (attribute != null && rs.isPresent() && !rs.get().attributes().containsKey(attribute)) {
            findings.add(doc.finding(path, type + " has no attribute '" + attribute + "' (it has: "
                    + String.join(", ", rs.get().attributes().keySet()) + ")"));
        }
    }

    private void sub(TemplateDocument doc, JsonNode arg, String path, Set<String> parameters, Map<String, JsonNode> resources,
            Set<String> deps, List<Finding> findings) {
        String text;
        Set<String> local = Set.of();
        if (arg.isTextual()) {
            text = arg.asText();
        } else if (arg.isArray() && arg.size() == 2 && arg.get(0).isTextual()) {
            text = arg.get(0).asText();
            Set<String> names = new LinkedHashSet<>();
            arg.get(1).fieldNames().forEachRemaining(names::add);
            local = names;
        } else {
            findings.add(doc.finding(path, "expects a string or [string, {variables}]"));
            return;
        }
        Matcher m = SUB_VARIABLE.matcher(text);
        while (m.find()) {
            String variable = m.group(1).trim();
            if (local.contains(variable)) {
                continue;
            }
            int dot = variable.indexOf('.');
            if (dot > 0 && !variable.startsWith("AWS::")) {
                attribute(doc, variable.substring(0, dot), variable.substring(dot + 1), path + " ${" + variable + "}",
                        resources, deps, findings);
            } else {
                ref(doc, variable, path + " ${" + variable + "}", parameters, resources, deps, findings);
            }
        }
    }

    private static void cycles(TemplateDocument doc, Map<String, Set<String>> edges, List<Finding> findings) {
        Map<String, Integer> state = new LinkedHashMap<>();
        for (String start : edges.keySet()) {
            List<String> stack = new ArrayList<>();
            if (visit(start, edges, state, stack)) {
                findings.add(doc.finding("Resources." + stack.get(0), "dependency cycle: " + String.join(" -> ", stack)));
                return;
            }
        }
    }

    /** Depth-first search; on a cycle, {@code path} holds it, first node repeated last. */
    private static boolean visit(String node, Map<String, Set<String>> edges, Map<String, Integer> state, List<String> path) {
        Integer s = state.get(node);
        if (s != null && s == 2) {
            return false;
        }
        if (s != null && s == 1) {
            int from = path.indexOf(node);
            List<String> cycle = new ArrayList<>(path.subList(from, path.size()));
            cycle.add(node);
            path.clear();
            path.addAll(cycle);
            return true;
        }
        state.put(node, 1);
        path.add(node);
        for (String next : edges.getOrDefault(node, Set.of())) {
            if (visit(next, edges, state, path)) {
                return true;
            }
        }
        path.remove(path.size() - 1);
        state.put(node, 2);
        return false;
    }
}
