package io.magecloudkit.sandbox.cloudformation;

import io.magecloudkit.cfnspec.CfnSpec;
import io.magecloudkit.cfnspec.ResourceSpec;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Static checks CloudFormation runs before it accepts a template, beyond its structure. */
final class TemplateValidator {
    private TemplateValidator() {
    }

    /** Parses and checks a body: structure, resource types, references, cycles and Fn::GetAtt targets. */
    static Template validate(String body) {
        Template template = Template.parse(body);
        checkTypes(template);
        DependencyGraph.of(template);
        for (String logicalId : template.resources.keySet()) {
            checkGetAtt(template, template.properties(logicalId));
            String condition = template.condition(logicalId);
            if (condition != null && !template.conditions.containsKey(condition)) {
                throw Template.error("Template format error: Unresolved dependencies [" + condition
                        + "]. Cannot reference resources in the Conditions block of the template");
            }
        }
        template.outputs.values().forEach(output -> checkGetAtt(template, output));
        return template;
    }

    /** CloudFormation names every type it does not know, in template order, before any other check. */
    private static void checkTypes(Template template) {
        List<String> unknown = new ArrayList<>();
        for (String logicalId : template.resources.keySet()) {
            String type = template.type(logicalId);
            if (!isCustom(type) && CfnSpec.bundled().resource(type).isEmpty() && !unknown.contains(type)) {
                unknown.add(type);
            }
        }
        if (!unknown.isEmpty()) {
            throw Template.error("Template format error: Unrecognized resource types: [" + String.join(", ", unknown) + "]");
        }
    }

    private static boolean isCustom(String type) {
        return type.startsWith("Custom::") || type.equals("AWS::CloudFormation::CustomResource");
    }

    private static void checkGetAtt(Template template, Object value) {
        if (value instanceof Map<?, ?> map) {
            if (map.size() == 1 && map.get("Fn::GetAtt") instanceof List<?> args && args.size() == 2
                    && args.get(1) instanceof String attribute) {
                String logicalId = String.valueOf(args.get(0));
                if (!template.resources.containsKey(logicalId)) {
                    throw Template.error("Template error: instance of Fn::GetAtt references undefined resource " + logicalId);
                }
                Optional<ResourceSpec> spec = CfnSpec.bundled().resource(template.type(logicalId));
                if (spec.isPresent() && !spec.get().attributes().containsKey(attribute)) {
                    throw Template.error("Template error: resource " + logicalId + " does not support attribute type "
                            + attribute + " in Fn::GetAtt");
                }
                return;
            }
            map.values().forEach(item -> checkGetAtt(template, item));
        } else if (value instanceof List<?> list) {
            list.forEach(item -> checkGetAtt(template, item));
        }
    }
}
