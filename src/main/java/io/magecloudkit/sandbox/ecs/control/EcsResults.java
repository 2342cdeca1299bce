package io.magecloudkit.sandbox.ecs.control;

import io.magecloudkit.sandbox.ecs.EcsState.Cluster;
import io.magecloudkit.sandbox.ecs.EcsState.ContainerInstance;
import io.magecloudkit.sandbox.ecs.EcsState.Deployment;
import io.magecloudkit.sandbox.ecs.EcsState.Service;
import io.magecloudkit.sandbox.ecs.EcsState.ServiceDeploymentRecord;
import io.magecloudkit.sandbox.ecs.EcsState.ServiceRevision;
import io.magecloudkit.sandbox.ecs.EcsState.Task;
import io.magecloudkit.sandbox.ecs.EcsState.TaskDefinition;
import io.magecloudkit.sandbox.ecs.control.EcsRequests.Tag;
import java.util.List;

/**
 * What the ECS control plane answers: the resources with the figures ECS derives from their
 * tasks. {@code tags} is null where the operation does not return tags (or was not asked to).
 */
public final class EcsResults {
    private EcsResults() {
    }

    public record ClusterView(Cluster cluster, int runningTasks, int pendingTasks, int activeServices, List<Tag> tags,
            int registeredContainerInstances) {
    }

    /** An instance with what its tasks leave free. */
    public record ContainerInstanceView(ContainerInstance instance, int remainingCpu, int remainingMemory, List<Integer> usedPorts,
            int runningTasks, int pendingTasks) {
    }

    /** RunTask's answer: the tasks started and, on EC2 capacity, why the others could not be placed. */
    public record Started(List<TaskView> tasks, List<Failure> failures) {
    }

    public record TaskDefinitionView(TaskDefinition taskDefinition, List<Tag> tags) {
    }

    /** @param desiredCount the deployment's own: the service's for the primary, its active tasks for an old one */
    public record DeploymentView(Deployment deployment, int desiredCount, int runningCount, int pendingCount) {
    }

    public record ServiceView(Service service, int runningCount, int pendingCount, List<DeploymentView> deployments, List<Tag> tags) {
    }

    public record TaskView(Task task, List<Tag> tags) {
    }

    /** A resource a Describe operation did not find. */
    public record Failure(String arn, String reason) {
    }

    public record Described<T>(List<T> found, List<Failure> failures) {
    }

    /** @param nextToken null on the last page */
    public record Page(List<String> items, String nextToken) {
    }

    /** A service revision's tasks: those it asks for, and its active ones running or not yet running. */
    public record RevisionCount(String arn, int requestedTaskCount, int runningTaskCount, int pendingTaskCount) {
    }

    /** @param threshold the circuit breaker's failure threshold for the service's desired count */
    public record ServiceDeploymentView(Service service, ServiceDeploymentRecord record, List<RevisionCount> sources, RevisionCount target,
            int threshold) {
    }

    public record ServiceDeploymentPage(List<ServiceDeploymentView> items, String nextToken) {
    }

    public record ContainerImage(String containerName, String image) {
    }

    public record ServiceRevisionView(Service service, ServiceRevision revision, List<ContainerImage> containerImages) {
    }
}
