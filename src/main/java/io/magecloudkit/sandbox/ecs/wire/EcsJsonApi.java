package io.magecloudkit.sandbox.ecs.wire;

import static io.magecloudkit.sandbox.ecs.wire.EcsJsonRenderer.JSON;
import static io.magecloudkit.sandbox.ecs.wire.EcsJsonRenderer.wrap;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.magecloudkit.sandbox.SandboxError;
import io.magecloudkit.sandbox.ecs.control.EcsControlPlane;
import io.magecloudkit.sandbox.ecs.control.EcsResults.TaskDefinitionView;
import io.magecloudkit.sandbox.ecs.control.EcsResults.Failure;
import io.magecloudkit.sandbox.ecs.control.EcsResults.Started;

/**
 * The ECS JSON 1.1 API ({@code AmazonEC2ContainerServiceV20141113.*}): each operation is a
 * parse into a typed request ({@link EcsRequestParser}), a call of the {@link EcsControlPlane}
 * and a render of its result. Errors travel as {@link SandboxError}; the server renders them.
 */
public final class EcsJsonApi {
    private final EcsControlPlane ecs;

    public EcsJsonApi(EcsControlPlane ecs) {
        this.ecs = ecs;
    }

    /** Handles one operation; throws {@link SandboxError} for AWS error answers. */
    public ObjectNode handle(String operation, JsonNode body) {
        JsonFields in = JsonFields.of(body);
        return switch (operation) {
            case "CreateCluster" -> wrap("cluster", EcsJsonRenderer.cluster(ecs.clusters().create(EcsRequestParser.createCluster(in))));
            case "DescribeClusters" -> EcsJsonRenderer.described(ecs.clusters().describe(EcsRequestParser.describeClusters(in)),
                    "clusters", EcsJsonRenderer::cluster);
            case "RegisterTaskDefinition" -> registered(ecs.taskDefinitions().register(EcsRequestParser.registerTaskDefinition(in)));
            case "DescribeTaskDefinition" -> registered(ecs.taskDefinitions().describe(EcsRequestParser.describeTaskDefinition(in)));
            case "ListTaskDefinitions" -> EcsJsonRenderer.page(ecs.taskDefinitions().list(EcsRequestParser.listTaskDefinitions(in)),
                    "taskDefinitionArns");
            case "DeregisterTaskDefinition" -> registered(ecs.taskDefinitions().deregister(in.string("taskDefinition")));
            case "CreateService" -> wrap("service", ServiceJsonRenderer.service(ecs.services().create(EcsRequestParser.createService(in))));
            case "UpdateService" -> wrap("service", ServiceJsonRenderer.service(ecs.services().update(EcsRequestParser.updateService(in))));
            case "DescribeServices" -> EcsJsonRenderer.described(ecs.services().describe(EcsRequestParser.describeServices(in)),
                    "services", ServiceJsonRenderer::service);
            case "DeleteService" -> wrap("service", ServiceJsonRenderer.service(ecs.services().delete(EcsRequestParser.deleteService(in))));
            case "ListTasks" -> EcsJsonRenderer.page(ecs.tasks().list(EcsRequestParser.listTasks(in)), "taskArns");
            case "DescribeTasks" -> EcsJsonRenderer.described(ecs.tasks().describe(EcsRequestParser.describeTasks(in)),
                    "tasks", TaskJsonRenderer::task);
            case "RunTask" -> started(ecs.tasks().run(EcsRequestParser.runTask(in)));
            case "ListClusters" -> EcsJsonRenderer.page(ecs.clusters().list(EcsRequestParser.listClusters(in)), "clusterArns");
            case "ListServices" -> EcsJsonRenderer.page(ecs.services().list(EcsRequestParser.listServices(in)), "serviceArns");
            case "ListContainerInstances" -> EcsJsonRenderer.page(
                    ecs.containerInstances().list(EcsRequestParser.listContainerInstances(in)), "containerInstanceArns");
            case "DescribeContainerInstances" -> EcsJsonRenderer.described(
                    ecs.containerInstances().describe(EcsRequestParser.describeContainerInstances(in)),
                    "containerInstances", ContainerInstanceJsonRenderer::containerInstance);
            case "UpdateContainerInstancesState" -> EcsJsonRenderer.described(
                    ecs.containerInstances().updateState(EcsRequestParser.updateContainerInstancesState(in)),
                    "containerInstances", ContainerInstanceJsonRenderer::containerInstance);
            case "StopTask" -> wrap("task", TaskJsonRenderer.task(ecs.tasks().stop(EcsRequestParser.stopTask(in))));
            case "ListServiceDeployments" -> ServiceDeploymentJsonRenderer.page(
                    ecs.serviceDeployments().list(EcsRequestParser.listServiceDeployments(in)));
            case "DescribeServiceDeployments" -> EcsJsonRenderer.described(
                    ecs.serviceDeployments().describe(in.strings("serviceDeploymentArns")), "serviceDeployments",
                    ServiceDeploymentJsonRenderer::deployment);
            case "DescribeServiceRevisions" -> EcsJsonRenderer.described(
                    ecs.serviceDeployments().describeRevisions(in.strings("serviceRevisionArns")), "serviceRevisions",
                    ServiceDeploymentJsonRenderer::revision);
            case "StopServiceDeployment" -> JSON.createObjectNode().put("serviceDeploymentArn",
                    ecs.serviceDeployments().stop(EcsRequestParser.stopServiceDeployment(in)));
            case "TagResource" -> {
                ecs.tags().tagResource(EcsRequestParser.tagResource(in));
                yield JSON.createObjectNode();
            }
            case "UntagResource" -> {
                ecs.tags().untagResource(EcsRequestParser.untagResource(in));
                yield JSON.createObjectNode();
            }
            case "ListTagsForResource" -> wrap("tags", EcsJsonRenderer.tags(ecs.tags().listTagsForResource(in.string("resourceArn"))));
            default -> throw new SandboxError(400, "UnknownOperationException", null);
        };
    }

    /** True for operations that change state (the sandbox persists after them). */
    public static boolean mutates(String operation) {
        return !(operation.startsWith("Describe") || operation.startsWith("List"));
    }

    /** RegisterTaskDefinition and DescribeTaskDefinition carry the tags beside the definition, not in it. */
    private static ObjectNode registered(TaskDefinitionView view) {
        ObjectNode out = wrap("taskDefinition", EcsJsonRenderer.taskDefinition(view));
        if (view.tags() != null) {
            out.set("tags", EcsJsonRenderer.tags(view.tags()));
        }
        return out;
    }

    private static ObjectNode started(Started started) {
        ObjectNode out = JSON.createObjectNode();
        ArrayNode list = out.putArray("tasks");
        started.tasks().forEach(t -> list.add(TaskJsonRenderer.task(t)));
        ArrayNode failures = out.putArray("failures");
        for (Failure f : started.failures()) {
            ObjectNode n = failures.addObject();
            if (f.arn() != null) {
                n.put("arn", f.arn());
            }
            n.put("reason", f.reason());
        }
        return out;
    }
}
