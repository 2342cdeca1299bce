package io.magecloudkit.sandbox.cloudformation;

import io.magecloudkit.sandbox.cloudformation.StackState.Resource;
import java.util.Locale;

/** Evaluates a stack's template against its live resources: Ref and Fn::GetAtt give what was provisioned. */
final class LiveStackContext {
    private LiveStackContext() {
    }

    static StackContext of(StackState stack, Template template, CloudEnvironment environment) {
        return new StackContext(template, stack.stackId, stack.stackName, stack.parameters, environment,
                new StackContext.ResourceValues() {
                    @Override
                    public Object ref(String logicalId) {
                        return provisioned(stack, logicalId).physicalId;
                    }

                    @Override
                    public Object attribute(String logicalId, String attribute) {
                        Resource resource = provisioned(stack, logicalId);
                        Object value = resource.attributes.get(attribute);
                        // Unsupported attributes of well-known types were rejected when the template was
                        // validated; anything else gets a plausible value rather than a failure.
                        return value != null ? value : plausibleAttribute(resource, attribute, environment);
                    }
                });
    }

    private static Resource provisioned(StackState stack, String logicalId) {
        Resource resource = stack.resources.get(logicalId);
        if (resource == null || resource.physicalId == null) {
            throw Template.error("Template format error: Unresolved resource dependencies [" + logicalId
                    + "] in the Resources block of the template");
        }
        return resource;
    }

    private static String plausibleAttribute(Resource resource, String attribute, CloudEnvironment environment) {
        if (attribute.endsWith("Arn")) {
            String[] parts = resource.type.split("::");
            String service = parts.length > 1 ? parts[1].toLowerCase(Locale.ROOT) : "cloudformation";
            String kind = parts.length > 2 ? parts[2].toLowerCase(Locale.ROOT) : "resource";
            return "arn:" + environment.partition() + ":" + service + ":" + environment.region() + ":"
                    + environment.accountId() + ":" + kind + "/" + resource.physicalId;
        }
        return resource.physicalId;
    }
}
