package io.magecloudkit.sandbox.cloudformation;

import io.magecloudkit.sandbox.server.Xml;
import java.util.List;

/** The wire layer's way out for change sets: typed results to CloudFormation's query-protocol XML. */
final class ChangeSetXmlRenderer {
    private final String requestId;

    ChangeSetXmlRenderer(String requestId) {
        this.requestId = requestId;
    }

    String created(ChangeSetState cs) {
        return StackXmlRenderer.result("CreateChangeSet").element("Id", cs.id).element("StackId", cs.stackId).finish(requestId);
    }

    String executed() {
        return StackXmlRenderer.result("ExecuteChangeSet").finish(requestId);
    }

    String deleted() {
        return StackXmlRenderer.result("DeleteChangeSet").finish(requestId);
    }

    String describe(ChangeSetState cs) {
        Xml xml = StackXmlRenderer.result("DescribeChangeSet");
        xml.element("ChangeSetName", cs.name).element("ChangeSetId", cs.id).element("StackId", cs.stackId)
                .element("StackName", cs.stackName).element("Description", cs.description).open("Parameters");
        Template proposed = Template.parse(cs.templateBody);
        cs.parameters.forEach((key, value) -> xml.open("member").element("ParameterKey", key)
                .element("ParameterValue", proposed.parameters.containsKey(key) && "true".equalsIgnoreCase(
                        String.valueOf(proposed.parameters.get(key).get("NoEcho"))) ? "****" : value).close("member"));
        xml.close("Parameters").time("CreationTime", cs.creationTime).element("ExecutionStatus", cs.executionStatus)
                .element("Status", cs.status).element("StatusReason", cs.status == ChangeSetState.Status.FAILED ? cs.statusReason : null);
        xml.open("NotificationARNs").close("NotificationARNs");
        xml.open("RollbackConfiguration").open("RollbackTriggers").close("RollbackTriggers").close("RollbackConfiguration");
        StackXmlRenderer.tags(xml.members("Capabilities", cs.capabilities), cs.tags).open("Changes");
        for (ChangeSetState.Change change : cs.status.computed() ? cs.changes : List.<ChangeSetState.Change>of()) {
            xml.open("member").element("Type", "Resource").open("ResourceChange")
                    .element("Action", change.action).element("LogicalResourceId", change.logicalId)
                    .element("PhysicalResourceId", change.physicalId).element("ResourceType", change.resourceType)
                    .element("Replacement", change.replacement).members("Scope", change.scope).open("Details");
            for (ChangeSetState.Detail detail : change.details) {
                xml.open("member").open("Target").element("Attribute", detail.attribute).element("Name", detail.name)
                        .element("RequiresRecreation", detail.requiresRecreation).close("Target")
                        .element("Evaluation", detail.evaluation).element("ChangeSource", detail.changeSource)
                        .element("CausingEntity", detail.causingEntity).close("member");
            }
            xml.close("Details").close("ResourceChange").close("member");
        }
        return xml.close("Changes").element("IncludeNestedStacks", false).finish(requestId);
    }

    String list(List<ChangeSetState> changeSets, int from) {
        Xml xml = StackXmlRenderer.result("ListChangeSets").open("Summaries");
        for (ChangeSetState cs : StackXmlRenderer.page(changeSets, from)) {
            xml.open("member").element("StackId", cs.stackId).element("StackName", cs.stackName)
                    .element("ChangeSetId", cs.id).element("ChangeSetName", cs.name)
                    .element("ExecutionStatus", cs.executionStatus).element("Status", cs.status)
                    .element("StatusReason", cs.status == ChangeSetState.Status.FAILED ? cs.statusReason : null)
                    .time("CreationTime", cs.creationTime).element("Description", cs.description)
                    .element("IncludeNestedStacks", false).close("member");
        }
        return StackXmlRenderer.nextToken(xml.close("Summaries"), changeSets.size(), from).finish(requestId);
    }
}
