package io.magecloudkit.sandbox.ecs.control;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.magecloudkit.sandbox.SandboxError;
import io.magecloudkit.sandbox.ecs.EcsIds;
import io.magecloudkit.sandbox.ecs.EcsState;
import io.magecloudkit.sandbox.ecs.EcsState.TaskDefinition;
import io.magecloudkit.sandbox.ecs.EcsState.TaskDefinitionStatus;
import io.magecloudkit.sandbox.ecs.TaskDefinitionDocument;
import io.magecloudkit.sandbox.ecs.TaskDefinitionDocument.ContainerSpec;
import io.magecloudkit.sandbox.ecs.control.EcsRequests.DescribeTaskDefinition;
import io.magecloudkit.sandbox.ecs.control.EcsRequests.ListTaskDefinitions;
import io.magecloudkit.sandbox.ecs.control.EcsRequests.RegisterTaskDefinition;
import io.magecloudkit.sandbox.ecs.control.EcsResults.Page;
import io.magecloudkit.sandbox.ecs.control.EcsResults.TaskDefinitionView;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.function.LongSupplier;

/** Task definition families and revisions: register, describe, list, deregister, and "family[:revision]" references. */
public final class TaskDefinitionOperations {
    private final EcsState state;
    private final EcsIds ids;
    private final TagOperations tags;
    private final LongSupplier now;

    TaskDefinitionOperations(EcsState state, EcsIds ids, TagOperations tags, LongSupplier now) {
        this.state = state;
        this.ids = ids;
        this.tags = tags;
        this.now = now;
    }

    public TaskDefinitionView register(RegisterTaskDefinition request) {
        String family = request.family() == null ? "" : request.family();
        if (!family.matches("[A-Za-z0-9_-]{1,255}")) {
            throw new SandboxError(400, "ClientException",
                    "Family contains invalid characters or is too long: up to 255 letters, numbers, hyphens and underscores are allowed.");
        }
        List<ContainerSpec> containers = TaskDefinitionDocument.containers(request.definition());
        if (containers.isEmpty()) {
            throw new SandboxError(400, "ClientException", "Container list cannot be empty.");
        }
        if (containers.stream().anyMatch(c -> c.name() == null || c.image() == null)) {
            throw new SandboxError(400, "ClientException", "Container.name and Container.image should not be null or empty.");
        }
        int revision = 1;
        for (TaskDefinition td : state.taskDefinitions.values()) {
            if (td.family.equals(family)) {
                revision = Math.max(revision, td.revision + 1);
            }
        }
        TaskDefinition td = new TaskDefinition();
        td.family = family;
        td.revision = revision;
        td.arn = ids.arn("task-definition/" + family + ":" + revision);
        td.registeredAt = now.getAsLong();
        ObjectNode body = request.definition().deepCopy();
        body.remove("tags");
        body.put("family", family);
        td.body = body;
        state.taskDefinitions.put(td.arn, td);
        tags.put(td.arn, request.tags());
        return new TaskDefinitionView(td, tags.of(td.arn));
    }

    public TaskDefinitionView describe(DescribeTaskDefinition request) {
        TaskDefinition td = resolve(request.taskDefinition());
        return new TaskDefinitionView(td, request.includeTags() ? tags.of(td.arn) : null);
    }

    public Page list(ListTaskDefinitions request) {
        List<TaskDefinition> all = new ArrayList<>();
        for (TaskDefinition td : state.taskDefinitions.values()) {
            if ((request.familyPrefix() == null || td.family.equals(request.familyPrefix()))
                    && (request.status() == null || td.status == request.status())) {
                all.add(td);
            }
        }
        Comparator<TaskDefinition> order = Comparator.comparing((TaskDefinition td) -> td.family).thenComparingInt(td -> td.revision);
        all.sort(request.descending() ? order.reversed() : order);
        return Pages.page(all.stream().map(td -> td.arn).toList(), request.page(), 100);
    }

    public TaskDefinitionView deregister(String ref) {
        if (ref == null || !ref.contains(":")) {
            throw new SandboxError(400, "ClientException", "Invalid revision number. Number: " + ref);
        }
        TaskDefinition td = resolve(ref);
        if (td.status == TaskDefinitionStatus.ACTIVE) {
            td.status = TaskDefinitionStatus.INACTIVE;
            td.deregisteredAt = now.getAsLong();
        }
        return new TaskDefinitionView(td, null);
    }

    /** A "family", "family:revision" or ARN reference; a bare family means its latest ACTIVE revision. */
    public TaskDefinition resolve(String ref) {
        if (ref == null || ref.isBlank()) {
            throw new SandboxError(400, "ClientException", "TaskDefinition can not be blank.");
        }
        String familyRev = ref.startsWith("arn:") ? ref.substring(ref.indexOf("task-definition/") + "task-definition/".length()) : ref;
        TaskDefinition found = null;
        if (familyRev.contains(":")) {
            found = state.taskDefinitions.get(ids.arn("task-definition/" + familyRev));
        } else {
            for (TaskDefinition td : state.taskDefinitions.values()) {
                if (td.family.equals(familyRev) && td.status == TaskDefinitionStatus.ACTIVE
                        && (found == null || td.revision > found.revision)) {
                    found = td;
                }
            }
        }
        if (found == null) {
            throw new SandboxError(400, "ClientException", "Unable to describe task definition.");
        }
        return found;
    }
}
