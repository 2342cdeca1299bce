package io.magecloudkit.sandbox.cloudformation;

import io.magecloudkit.sandbox.SandboxError;
import io.magecloudkit.sandbox.server.QueryRequest;
import java.util.Map;

/**
 * The wire layer of CloudFormation: one query-protocol action parsed into a typed request,
 * run by the control plane, rendered as XML. Errors leave as {@link SandboxError}, which the
 * server renders as AWS's {@code <ErrorResponse>}.
 */
final class CloudFormationQueryApi {
    private final StackControlPlane stacks;
    private final ChangeSetControlPlane changeSets;
    private final CloudFormationRegion region;

    CloudFormationQueryApi(StackControlPlane stacks, ChangeSetControlPlane changeSets, CloudFormationRegion region) {
        this.stacks = stacks;
        this.changeSets = changeSets;
        this.region = region;
    }

    String handle(String action, Map<String, String> params, String requestId) {
        QueryRequest q = new QueryRequest(params);
        StackXmlRenderer out = new StackXmlRenderer(requestId);
        ChangeSetXmlRenderer changeSetOut = new ChangeSetXmlRenderer(requestId);
        return switch (action == null ? "" : action) {
            case "ValidateTemplate" -> out.validateTemplate(stacks.validateTemplate(CloudFormationRequestParser.templateBody(q)));
            case "CreateStack" -> out.stackId("CreateStack", stacks.createStack(CloudFormationRequestParser.createStack(q)));
            case "UpdateStack" -> out.stackId("UpdateStack", stacks.updateStack(CloudFormationRequestParser.updateStack(q)));
            case "DeleteStack" -> {
                stacks.deleteStack(q.required("StackName"), q.get("ClientRequestToken"));
                yield out.metadataOnly("DeleteStack");
            }
            case "DescribeStacks" -> out.describeStacks(stacks.describeStacks(q.get("StackName")),
                    CloudFormationRequestParser.pageStart(q), region::ssmParameter);
            case "ListStacks" -> out.listStacks(stacks.listStacks(q.list("StackStatusFilter")), CloudFormationRequestParser.pageStart(q));
            case "DescribeStackEvents" -> {
                String name = q.required("StackName");
                yield out.describeStackEvents(region.stack(name), stacks.stackEvents(name), CloudFormationRequestParser.pageStart(q));
            }
            case "DescribeStackResources" -> out.describeStackResources(
                    stacks.describeStackResources(q.get("StackName"), q.get("PhysicalResourceId"), q.get("LogicalResourceId")));
            case "ListStackResources" -> out.listStackResources(stacks.listStackResources(q.required("StackName")),
                    CloudFormationRequestParser.pageStart(q));
            case "GetTemplate" -> out.getTemplate(q.get("ChangeSetName") != null
                    ? stacks.template(q.get("StackName"), q.get("ChangeSetName")) : stacks.template(q.required("StackName"), null));
            case "ListExports" -> out.listExports(stacks.listExports(), CloudFormationRequestParser.pageStart(q));
            case "UpdateTerminationProtection" -> {
                Boolean enable = q.bool("EnableTerminationProtection");
                if (enable == null) {
                    throw QueryRequest.notNull("EnableTerminationProtection");
                }
                yield out.stackId("UpdateTerminationProtection", stacks.updateTerminationProtection(q.required("StackName"), enable));
            }
            case "CreateChangeSet" -> changeSetOut.created(changeSets.create(CloudFormationRequestParser.createChangeSet(q)));
            case "DescribeChangeSet" -> changeSetOut.describe(changeSets.describe(q.required("ChangeSetName"), q.get("StackName")));
            case "ExecuteChangeSet" -> {
                changeSets.execute(CloudFormationRequestParser.executeChangeSet(q));
                yield changeSetOut.executed();
            }
            case "DeleteChangeSet" -> {
                changeSets.delete(q.required("ChangeSetName"), q.get("StackName"));
                yield changeSetOut.deleted();
            }
            case "ListChangeSets" -> changeSetOut.list(changeSets.list(q.required("StackName")), CloudFormationRequestParser.pageStart(q));
            default -> throw new SandboxError(400, "InvalidAction", "The action " + action + " is not valid for this web service.");
        };
    }
}
