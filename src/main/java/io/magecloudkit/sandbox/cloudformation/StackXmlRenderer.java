package io.magecloudkit.sandbox.cloudformation;

import io.magecloudkit.sandbox.cloudformation.StackRequests.Export;
import io.magecloudkit.sandbox.cloudformation.StackRequests.StackResources;
import io.magecloudkit.sandbox.cloudformation.StackState.Resource;
import io.magecloudkit.sandbox.server.Xml;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/** The wire layer's way out for stacks: typed results to CloudFormation's query-protocol XML, paged as AWS pages them. */
final class StackXmlRenderer {
    static final String NAMESPACE = "http://cloudformation.amazonaws.com/doc/2010-05-15/";
    static final int PAGE = 100;

    private final String requestId;

    StackXmlRenderer(String requestId) {
        this.requestId = requestId;
    }

    static Xml result(String action) {
        return Xml.result(action, NAMESPACE);
    }

    String metadataOnly(String action) {
        return Xml.metadataOnly(action, NAMESPACE, requestId);
    }

    String stackId(String action, StackState stack) {
        return result(action).element("StackId", stack.stackId).finish(requestId);
    }

    String validateTemplate(Template template) {
        Xml xml = result("ValidateTemplate").open("Parameters");
        template.parameters.forEach((key, declaration) -> xml.open("member").element("ParameterKey", key)
                .element("DefaultValue", ParameterResolver.defaultValue(declaration.get("Default")))
                .element("NoEcho", "true".equalsIgnoreCase(String.valueOf(declaration.get("NoEcho"))))
                .element("Description", declaration.get("Description")).close("member"));
        xml.close("Parameters").element("Description", template.description);
        List<String> capabilities = template.requiredCapabilities();
        xml.members("Capabilities", capabilities);
        if (!capabilities.isEmpty()) {
            xml.element("CapabilitiesReason", "The following resource(s) require capabilities: " + template.iamResourceTypes());
        }
        return xml.open("DeclaredTransforms").close("DeclaredTransforms").finish(requestId);
    }

    /** @param ssm resolves the value of an AWS::SSM::Parameter::Value parameter */
    String describeStacks(List<StackState> stacks, int from, Function<String, String> ssm) {
        Xml xml = result("DescribeStacks").open("Stacks");
        for (StackState stack : page(stacks, from)) {
            stack(xml.open("member"), stack, ssm).close("member");
        }
        return nextToken(xml.close("Stacks"), stacks.size(), from).finish(requestId);
    }

    private static Xml stack(Xml xml, StackState stack, Function<String, String> ssm) {
        xml.element("StackId", stack.stackId).element("StackName", stack.stackName).element("ChangeSetId", stack.changeSetId)
                .element("Description", stack.description).open("Parameters");
        Template template = stack.templateBody == null ? null : Template.parse(stack.templateBody);
        stack.parameters.forEach((key, value) -> {
            boolean hidden = stack.noEcho.contains(key);
            xml.open("member").element("ParameterKey", key).element("ParameterValue", hidden ? "****" : value);
            if (template != null && template.parameters.containsKey(key)
                    && String.valueOf(template.parameters.get(key).get("Type")).startsWith("AWS::SSM::Parameter::Value<")) {
                xml.element("ResolvedValue", hidden ? "****" : ssm.apply(value));
            }
            xml.close("member");
        });
        xml.close("Parameters").time("CreationTime", stack.creationTime).time("DeletionTime", stack.deletionTime)
                .time("LastUpdatedTime", stack.lastUpdatedTime);
        xml.open("RollbackConfiguration").open("RollbackTriggers").close("RollbackTriggers").close("RollbackConfiguration");
        xml.element("StackStatus", stack.status).element("StackStatusReason", stack.statusReason)
                .element("DisableRollback", stack.disableRollback);
        xml.open("NotificationARNs").close("NotificationARNs").members("Capabilities", stack.capabilities).open("Outputs");
        for (StackState.Output output : stack.outputs) {
            xml.open("member").element("OutputKey", output.key).element("OutputValue", output.value)
                    .element("Description", output.description).element("ExportName", output.exportName).close("member");
        }
        tags(xml.close("Outputs"), stack.tags).element("EnableTerminationProtection", stack.terminationProtection);
        return xml.open("DriftInformation").element("StackDriftStatus", "NOT_CHECKED").close("DriftInformation");
    }

    static Xml tags(Xml xml, Map<String, String> tags) {
        xml.open("Tags");
        tags.forEach((key, value) -> xml.open("member").element("Key", key).element("Value", value).close("member"));
        return xml.close("Tags");
    }

    String listStacks(List<StackState> stacks, int from) {
        Xml xml = result("ListStacks").open("StackSummaries");
        for (StackState stack : page(stacks, from)) {
            xml.open("member").element("StackId", stack.stackId).element("StackName", stack.stackName)
                    .element("TemplateDescription", stack.description).time("CreationTime", stack.creationTime)
                    .time("LastUpdatedTime", stack.lastUpdatedTime).time("DeletionTime", stack.deletionTime)
                    .element("StackStatus", stack.status).element("StackStatusReason", stack.statusReason)
                    .open("DriftInformation").element("StackDriftStatus", "NOT_CHECKED").close("DriftInformation")
                    .close("member");
        }
        return nextToken(xml.close("StackSummaries"), stacks.size(), from).finish(requestId);
    }

    String describeStackEvents(StackState stack, List<StackState.Event> newestFirst, int from) {
        Xml xml = result("DescribeStackEvents").open("StackEvents");
        for (StackState.Event event : page(newestFirst, from)) {
            xml.open("member").element("StackId", stack.stackId).element("EventId", event.eventId)
                    .element("StackName", stack.stackName).element("LogicalResourceId", event.logicalId)
                    .element("PhysicalResourceId", event.physicalId == null ? "" : event.physicalId)
                    .element("ResourceType", event.type).time("Timestamp", event.timestamp).element("ResourceStatus", event.status)
                    .element("ResourceStatusReason", event.reason).element("ClientRequestToken", event.clientRequestToken)
                    .close("member");
        }
        return nextToken(xml.close("StackEvents"), newestFirst.size(), from).finish(requestId);
    }

    String describeStackResources(StackResources selected) {
        Xml xml = result("DescribeStackResources").open("StackResources");
        for (Resource resource : selected.resources()) {
            xml.open("member").element("StackName", selected.stack().stackName).element("StackId", selected.stack().stackId)
                    .element("LogicalResourceId", resource.logicalId).element("PhysicalResourceId", resource.physicalId)
                    .element("ResourceType", resource.type).time("Timestamp", resource.timestamp)
                    .element("ResourceStatus", resource.status).element("ResourceStatusReason", resource.statusReason)
                    .open("DriftInformation").element("StackResourceDriftStatus", "NOT_CHECKED").close("DriftInformation")
                    .close("member");
        }
        return xml.close("StackResources").finish(requestId);
    }

    String listStackResources(List<Resource> resources, int from) {
        Xml xml = result("ListStackResources").open("StackResourceSummaries");
        for (Resource resource : page(resources, from)) {
            xml.open("member").element("LogicalResourceId", resource.logicalId).element("PhysicalResourceId", resource.physicalId)
                    .element("ResourceType", resource.type).time("LastUpdatedTimestamp", resource.timestamp)
                    .element("ResourceStatus", resource.status).element("ResourceStatusReason", resource.statusReason)
                    .open("DriftInformation").element("StackResourceDriftStatus", "NOT_CHECKED").close("DriftInformation")
                    .close("member");
        }
        return nextToken(xml.close("StackResourceSummaries"), resources.size(), from).finish(requestId);
    }

    String getTemplate(String body) {
        return result("GetTemplate").element("TemplateBody", body).members("StagesAvailable", List.of("Original", "Processed"))
                .finish(requestId);
    }

    String listExports(List<Export> exports, int from) {
        Xml xml = result("ListExports").open("Exports");
        for (Export export : page(exports, from)) {
            xml.open("member").element("ExportingStackId", export.exportingStackId()).element("Name", export.name())
                    .element("Value", export.value()).close("member");
        }
        return nextToken(xml.close("Exports"), exports.size(), from).finish(requestId);
    }

    static <T> List<T> page(List<T> items, int from) {
        return items.subList(Math.min(from, items.size()), Math.min(from + PAGE, items.size()));
    }

    static Xml nextToken(Xml xml, int total, int from) {
        if (from + PAGE < total) {
            xml.element("NextToken", Base64.getEncoder().encodeToString(String.valueOf(from + PAGE).getBytes(StandardCharsets.UTF_8)));
        }
        return xml;
    }
}
