package io.magecloudkit.sandbox.cloudformation;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * One stack's template evaluated with its parameter values: the scope Ref, Fn::GetAtt and
 * Fn::ImportValue resolve in, with resource values supplied by the caller (the live stack, or
 * placeholders while a change set is computed).
 */
final class StackContext implements Intrinsics.Scope {
    /** The resource values names resolve to. */
    interface ResourceValues {
        Object ref(String logicalId);

        Object attribute(String logicalId, String attribute);
    }

    final Template template;
    final Intrinsics intrinsics;
    final Set<String> imports = new LinkedHashSet<>();
    private final Map<String, Object> values = new LinkedHashMap<>();
    private final CloudEnvironment environment;
    private final ResourceValues resources;

    StackContext(Template template, String stackId, String stackName, Map<String, String> parameters,
            CloudEnvironment environment, ResourceValues resources) {
        this.template = template;
        this.environment = environment;
        this.resources = resources;
        this.intrinsics = new Intrinsics(template, this);
        values.put("AWS::Region", environment.region());
        values.put("AWS::AccountId", environment.accountId());
        values.put("AWS::StackName", stackName);
        values.put("AWS::StackId", stackId);
        values.put("AWS::Partition", environment.partition());
        values.put("AWS::URLSuffix", environment.urlSuffix());
        values.put("AWS::NoValue", Intrinsics.NO_VALUE);
        values.put("AWS::NotificationARNs", List.of());
        parameters.forEach((key, value) -> values.put(key, typed(key, value)));
    }

    private Object typed(String key, String value) {
        Map<String, Object> declaration = template.parameters.get(key);
        String type = declaration == null ? "String" : String.valueOf(declaration.getOrDefault("Type", "String"));
        String resolved = value;
        if (type.startsWith("AWS::SSM::Parameter::Value<")) {
            resolved = environment.ssmParameters().apply(value);
            if (resolved == null) {
                throw Template.error("Unable to fetch parameters [" + value + "] from parameter store for this account.");
            }
        }
        if (ParameterResolver.isList(type)) {
            List<String> items = new ArrayList<>();
            for (String item : resolved.split(",", -1)) {
                items.add(item.trim());
            }
            return items;
        }
        return resolved;
    }

    /** The value a parameter resolves to (differs from the given one for SSM parameter types). */
    String resolvedParameter(String key) {
        return Intrinsics.scalar(values.get(key));
    }

    boolean included(String logicalId) {
        return intrinsics.included(template.resources.get(logicalId));
    }

    @SuppressWarnings("unchecked")
    Map<String, Object> properties(String logicalId) {
        Object properties = intrinsics.evaluate(template.properties(logicalId));
        if (!(properties instanceof Map)) {
            // Properties: !Ref X passes the template's structure check but is no object once evaluated.
            throw Template.error("Template format error: [/Resources/" + logicalId + "/Properties] must be an object");
        }
        return (Map<String, Object>) properties;
    }

    @Override
    public Object parameter(String name) {
        return values.get(name);
    }

    @Override
    public boolean isResource(String logicalId) {
        return template.resources.containsKey(logicalId);
    }

    @Override
    public Object ref(String logicalId) {
        return resources.ref(logicalId);
    }

    @Override
    public Object attribute(String logicalId, String attribute) {
        return resources.attribute(logicalId, attribute);
    }

    @Override
    public String importValue(String exportName) {
        String value = environment.exports().apply(exportName);
        if (value == null) {
            throw Template.error("No export named " + exportName + " found.");
        }
        imports.add(exportName);
        return value;
    }

    @Override
    public List<String> availabilityZones(String region) {
        return environment.availabilityZones(region);
    }
}
