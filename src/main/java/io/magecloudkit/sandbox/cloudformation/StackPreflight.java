package io.magecloudkit.sandbox.cloudformation;

import io.magecloudkit.sandbox.SandboxError;
import io.magecloudkit.sandbox.cloudformation.StackRequests.ParameterInput;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The checks a stack request passes before anything changes: parameters, capabilities, and one
 * evaluation of the whole template with stand-in resource values, so bad imports, mappings or
 * SSM names fail the call rather than the operation.
 */
final class StackPreflight {
    private StackPreflight() {
    }

    /** The request's parameter values, previous values looked up in the stack being updated (null for a new one). */
    static Map<String, String> givenParameters(List<ParameterInput> parameters, StackState previous) {
        Map<String, String> given = new LinkedHashMap<>();
        for (ParameterInput parameter : parameters) {
            if (parameter.usePreviousValue()) {
                if (previous == null || !previous.parameters.containsKey(parameter.key())) {
                    throw CloudFormationRegion.validation("Invalid input for parameter key " + parameter.key()
                            + ". Cannot specify usePreviousValue as true for a parameter key not in the previous template");
                }
                given.put(parameter.key(), previous.parameters.get(parameter.key()));
            } else {
                given.put(parameter.key(), parameter.value());
            }
        }
        return given;
    }

    static void checkCapabilities(Template template, List<String> given) {
        for (String required : template.requiredCapabilities()) {
            boolean granted = given.contains(required)
                    || (required.equals("CAPABILITY_IAM") && given.contains("CAPABILITY_NAMED_IAM"));
            if (!granted) {
                throw new SandboxError(400, "InsufficientCapabilitiesException", "Requires capabilities : [" + required + "]");
            }
        }
    }

    static void checkUpdatable(StackState stack) {
        if (!stack.status.updatable()) {
            throw CloudFormationRegion.validation("Stack:" + stack.stackId + " is in " + stack.status + " state and can not be updated.");
        }
    }

    static void evaluate(Template template, String stackId, String name, Map<String, String> parameters, CloudEnvironment environment) {
        checkZones(template, parameters, environment);
        Set<String> excluded = new HashSet<>();
        StackContext context = new StackContext(template, stackId, name, parameters, environment,
                new StackContext.ResourceValues() {
                    @Override
                    public Object ref(String logicalId) {
                        return known(logicalId);
                    }

                    @Override
                    public Object attribute(String logicalId, String attribute) {
                        return known(logicalId);
                    }

                    /** A resource whose condition is false does not exist for the others. */
                    private Object known(String logicalId) {
                        if (excluded.contains(logicalId)) {
                            throw unresolved(logicalId);
                        }
                        return ChangeSetDiffer.KNOWN_AFTER_APPLY;
                    }
                });
        for (String logicalId : template.resources.keySet()) {
            if (!context.included(logicalId)) {
                excluded.add(logicalId);
            }
        }
        for (String logicalId : template.resources.keySet()) {
            if (context.included(logicalId)) {
                for (String dependency : template.dependsOn(logicalId)) {
                    if (excluded.contains(dependency)) {
                        throw unresolved(dependency);
                    }
                }
                context.properties(logicalId);
            }
        }
        for (Map<String, Object> output : template.outputs.values()) {
            if (context.intrinsics.included(output)) {
                context.intrinsics.evaluate(output.get("Value"));
            }
        }
    }

    private static void checkZones(Template template, Map<String, String> parameters, CloudEnvironment environment) {
        parameters.forEach((key, value) -> {
            String type = String.valueOf(template.parameters.get(key).getOrDefault("Type", "String"));
            if (type.equals("AWS::EC2::AvailabilityZone::Name") || type.equals("List<AWS::EC2::AvailabilityZone::Name>")) {
                for (String zone : value.split(",")) {
                    if (!environment.availabilityZones(environment.region()).contains(zone.trim())) {
                        throw CloudFormationRegion.validation("Parameter validation failed: parameter value " + zone.trim()
                                + " for parameter name " + key + " does not exist.");
                    }
                }
            }
        });
    }

    private static SandboxError unresolved(String logicalId) {
        return Template.error("Template format error: Unresolved resource dependencies [" + logicalId
                + "] in the Resources block of the template");
    }
}
