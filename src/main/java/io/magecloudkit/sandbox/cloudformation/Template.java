package io.magecloudkit.sandbox.cloudformation;

import io.magecloudkit.sandbox.SandboxError;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/** A parsed template: its sections as plain maps, checked for the structure CloudFormation demands. */
final class Template {
    private static final Set<String> SECTIONS = Set.of("AWSTemplateFormatVersion", "Description", "Metadata",
            "Parameters", "Rules", "Mappings", "Conditions", "Transform", "Resources", "Outputs", "Hooks");
    private static final Set<String> RESOURCE_KEYS = Set.of("Type", "Properties", "DependsOn", "Condition",
            "DeletionPolicy", "UpdateReplacePolicy", "Metadata", "CreationPolicy", "UpdatePolicy");

    /** CloudFormation's quota of resources per stack (raised from 200 in 2020; not adjustable). */
    static final int MAX_RESOURCES = 500;

    final String body;
    final String description;
    final Map<String, Map<String, Object>> parameters;
    final Map<String, Object> mappings;
    final Map<String, Object> conditions;
    final Map<String, Map<String, Object>> resources;
    final Map<String, Map<String, Object>> outputs;

    private Template(String body, Map<String, Object> root) {
        this.body = body;
        this.description = root.get("Description") == null ? null : String.valueOf(root.get("Description"));
        this.parameters = section(root, "Parameters");
        this.mappings = map(root.get("Mappings"), "Mappings");
        this.conditions = map(root.get("Conditions"), "Conditions");
        this.resources = section(root, "Resources");
        this.outputs = section(root, "Outputs");
    }

    /** Recently parsed bodies: stack operations and describe calls re-read the same few templates on every tick. */
    private static final Map<String, Template> RECENT = java.util.Collections.synchronizedMap(
            new LinkedHashMap<>(16, 0.75f, true) {
                private static final long serialVersionUID = 1L;

                @Override
                protected boolean removeEldestEntry(Map.Entry<String, Template> eldest) {
                    return size() > 32;
                }
            });

    static Template parse(String body) {
        Template cached = body == null ? null : RECENT.get(body);
        if (cached != null) {
            return cached;
        }
        Template template = parseFresh(body);
        RECENT.put(body, template);
        return template;
    }

    private static Template parseFresh(String body) {
        Map<String, Object> root = TemplateReader.read(body);
        Set<String> unknown = new TreeSet<>(root.keySet());
        unknown.removeAll(SECTIONS);
        if (!unknown.isEmpty()) {
            throw error("Template format error: Invalid template property or properties " + unknown);
        }
        if (!(root.get("Resources") instanceof Map<?, ?> resources) || resources.isEmpty()) {
            throw error("Template format error: At least one Resources member must be defined.");
        }
        if (resources.size() > MAX_RESOURCES) {
            throw error("Template format error: Number of resources, " + resources.size() + ", is greater than maximum allowed, "
                    + MAX_RESOURCES);
        }
        if (root.containsKey("Transform")) {
            throw error("Template format error: Transform is not supported by the sandbox");
        }
        Template template = new Template(body, root);
        template.resources.forEach((logicalId, resource) -> {
            if (!(resource.get("Type") instanceof String type) || type.isBlank()) {
                throw error("Template format error: [/Resources/" + logicalId + "] Every Resources object must contain a Type member.");
            }
            for (String key : resource.keySet()) {
                if (!RESOURCE_KEYS.contains(key)) {
                    throw error("Invalid template resource property '" + key + "'");
                }
            }
            if (resource.get("Properties") != null && !(resource.get("Properties") instanceof Map)) {
                throw error("Template format error: [/Resources/" + logicalId + "/Properties] must be an object");
            }
        });
        template.outputs.forEach((key, output) -> {
            if (!output.containsKey("Value")) {
                throw error("Template format error: Every Outputs member must contain a Value object, the Outputs member " + key + " does not");
            }
        });
        return template;
    }

    String type(String logicalId) {
        return (String) resources.get(logicalId).get("Type");
    }

    @SuppressWarnings("unchecked")
    Map<String, Object> properties(String logicalId) {
        Object properties = resources.get(logicalId).get("Properties");
        return properties == null ? Map.of() : (Map<String, Object>) properties;
    }

    String condition(String logicalId) {
        Object condition = resources.get(logicalId).get("Condition");
        return condition == null ? null : String.valueOf(condition);
    }

    List<String> dependsOn(String logicalId) {
        Object dependsOn = resources.get(logicalId).get("DependsOn");
        List<String> names = new ArrayList<>();
        if (dependsOn instanceof String name) {
            names.add(name);
        } else if (dependsOn instanceof List<?> list) {
            list.forEach(item -> names.add(String.valueOf(item)));
        }
        return names;
    }

    String deletionPolicy(String logicalId) {
        Object policy = resources.get(logicalId).get("DeletionPolicy");
        return policy == null ? "Delete" : String.valueOf(policy);
    }

    /** IAM resources make CloudFormation ask for CAPABILITY_IAM, or CAPABILITY_NAMED_IAM when they carry custom names. */
    List<String> requiredCapabilities() {
        boolean iam = false;
        boolean named = false;
        for (String logicalId : resources.keySet()) {
            String type = type(logicalId);
            if (type.startsWith("AWS::IAM::")) {
                iam = true;
                Map<String, Object> properties = properties(logicalId);
                named |= properties.containsKey("RoleName") || properties.containsKey("UserName")
                        || properties.containsKey("GroupName") || properties.containsKey("ManagedPolicyName")
                        || properties.containsKey("InstanceProfileName");
            }
        }
        return named ? List.of("CAPABILITY_NAMED_IAM") : iam ? List.of("CAPABILITY_IAM") : List.of();
    }

    List<String> iamResourceTypes() {
        Set<String> types = new TreeSet<>();
        resources.keySet().forEach(id -> {
            if (type(id).startsWith("AWS::IAM::")) {
                types.add(type(id));
            }
        });
        return new ArrayList<>(types);
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Map<String, Object>> section(Map<String, Object> root, String name) {
        Map<String, Object> section = map(root.get(name), name);
        Map<String, Map<String, Object>> entries = new LinkedHashMap<>();
        section.forEach((key, value) -> {
            if (!(value instanceof Map)) {
                throw error("Template format error: [/" + name + "/" + key + "] must be an object");
            }
            entries.put(key, (Map<String, Object>) value);
        });
        return entries;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(Object value, String name) {
        if (value == null) {
            return new LinkedHashMap<>();
        }
        if (!(value instanceof Map)) {
            throw error("Template format error: " + name + " must be an object");
        }
        return (Map<String, Object>) value;
    }

    static SandboxError error(String message) {
        return new SandboxError(400, "ValidationError", message);
    }
}
