package io.magecloudkit.sandbox.cloudformation;

import io.magecloudkit.sandbox.SandboxError;
import io.magecloudkit.sandbox.cloudformation.StackState.Operation;
import io.magecloudkit.sandbox.cloudformation.StackState.Phase;
import io.magecloudkit.sandbox.cloudformation.StackState.Resource;
import io.magecloudkit.sandbox.cloudformation.StackState.ResourceStatus;
import io.magecloudkit.sandbox.cloudformation.StackState.Task;
import io.magecloudkit.sandbox.cloudformation.StackState.TaskAction;
import io.magecloudkit.sandbox.cloudformation.StackState.TaskState;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * The resource state machine of the simulation: a task starts a resource action (create,
 * update in place or by replacement, restore, delete) through the provisioner and completes
 * it a few simulated seconds later, leaving the events CloudFormation would.
 */
final class ResourceTasks {
    private final ResourceProvisioner provisioner;
    private final ReplacementRules rules;
    private final PropertiesValidator validator = PropertiesValidator.standard();
    private final StackSimulation.Region region;

    ResourceTasks(ResourceProvisioner provisioner, ReplacementRules rules, StackSimulation.Region region) {
        this.provisioner = provisioner;
        this.rules = rules;
        this.region = region;
    }

    static Task task(String logicalId, TaskAction action, Set<String> after) {
        Task task = new Task();
        task.logicalId = logicalId;
        task.action = action;
        task.after = new ArrayList<>(after);
        return task;
    }

    void start(StackState stack, Operation op, Task task) {
        task.state = TaskState.RUNNING;
        long t = op.time;
        switch (task.action) {
            case CREATE -> startCreate(stack, op, task, t);
            case UPDATE -> startUpdate(stack, op, task, t);
            case RESTORE -> {
                Resource current = stack.resources.get(task.logicalId);
                StackEvents.resource(stack, t, current, ResourceStatus.UPDATE_IN_PROGRESS, null);
                task.endAt = t + ResourceDurations.update(current.type);
            }
            case DELETE -> {
                Resource subject = subject(stack, task);
                if (subject == null) {
                    task.state = TaskState.DONE;
                    return;
                }
                if (subject.deletionPolicy.equals("Retain")) {
                    StackEvents.resource(stack, t, subject, ResourceStatus.DELETE_SKIPPED, null);
                    subject.status = ResourceStatus.DELETE_SKIPPED;
                    task.state = TaskState.DONE;
                    return;
                }
                StackEvents.resource(stack, t, subject, ResourceStatus.DELETE_IN_PROGRESS, null);
                subject.status = ResourceStatus.DELETE_IN_PROGRESS;
                task.endAt = t + ResourceDurations.delete(subject.type);
            }
        }
    }

    private void startCreate(StackState stack, Operation op, Task task, long t) {
        Template template = Template.parse(stack.templateBody);
        Resource resource = new Resource();
        resource.logicalId = task.logicalId;
        resource.type = template.type(task.logicalId);
        resource.deletionPolicy = template.deletionPolicy(task.logicalId);
        resource.status = ResourceStatus.CREATE_IN_PROGRESS;
        resource.timestamp = t;
        task.endAt = t + ResourceDurations.create(resource.type);
        StackEvents.resource(stack, t, resource, ResourceStatus.CREATE_IN_PROGRESS, null);
        stack.resources.put(task.logicalId, resource);
        if (op.phase == Phase.UPDATE) {
            op.created.put(task.logicalId, resource);
        }
        String injected = region.takeInjectedFailure(task.logicalId, "CREATE");
        if (injected != null) {
            task.failure = injected;
            return;
        }
        try {
            resource.properties = LiveStackContext.of(stack, template, region.environment()).properties(task.logicalId);
            Optional<String> invalid = validator.check(task.logicalId, resource.type, resource.properties);
            if (invalid.isPresent()) {
                task.failure = invalid.get();
                return;
            }
            ResourceProvisioner.Provisioned made = provisioner.create(stack.stackName, task.logicalId, resource.type, resource.properties);
            resource.physicalId = made.physicalId();
            resource.attributes = new LinkedHashMap<>(made.attributes());
            StackEvents.resource(stack, t, resource, ResourceStatus.CREATE_IN_PROGRESS, "Resource creation Initiated");
        } catch (RuntimeException e) {
            task.failure = failureReason(e);
        }
    }

    private void startUpdate(StackState stack, Operation op, Task task, long t) {
        Template template = Template.parse(stack.templateBody);
        Resource old = stack.resources.get(task.logicalId);
        String type = template.type(task.logicalId);
        task.endAt = t + ResourceDurations.update(type);
        Map<String, Object> properties;
        try {
            properties = LiveStackContext.of(stack, template, region.environment()).properties(task.logicalId);
        } catch (SandboxError e) {
            StackEvents.resource(stack, t, old, ResourceStatus.UPDATE_IN_PROGRESS, null);
            task.failure = failureReason(e);
            return;
        }
        Optional<String> invalid = validator.check(task.logicalId, type, properties);
        if (invalid.isPresent()) {
            StackEvents.resource(stack, t, old, ResourceStatus.UPDATE_IN_PROGRESS, null);
            task.failure = invalid.get();
            return;
        }
        boolean replace = !old.type.equals(type) || requiresReplacement(type, old.properties, properties);
        String injected = region.takeInjectedFailure(task.logicalId, "UPDATE");
        if (!replace) {
            StackEvents.resource(stack, t, old, ResourceStatus.UPDATE_IN_PROGRESS, null);
            old.status = ResourceStatus.UPDATE_IN_PROGRESS;
            if (injected != null) {
                task.failure = injected;
                return;
            }
            op.modified.add(task.logicalId);
            try {
                ResourceProvisioner.Provisioned made = provisioner.update(stack.stackName, task.logicalId, type, old.physicalId, properties);
                old.properties = properties;
                if (made.physicalId() != null) {
                    old.physicalId = made.physicalId();
                }
                old.attributes = new LinkedHashMap<>(made.attributes());
            } catch (RuntimeException e) {
                // A provisioner's own failure (ResourceFailure) or any other error fails the resource, not the sandbox.
                task.failure = failureReason(e);
            }
            return;
        }
        StackEvents.resource(stack, t, old, ResourceStatus.UPDATE_IN_PROGRESS,
                "Requested update requires the creation of a new physical resource; hence creating one.");
        Resource fresh = old.copy();
        fresh.type = type;
        fresh.deletionPolicy = template.deletionPolicy(task.logicalId);
        fresh.properties = properties;
        fresh.status = ResourceStatus.UPDATE_IN_PROGRESS;
        fresh.physicalId = null;
        op.replaced.put(task.logicalId, old);
        stack.resources.put(task.logicalId, fresh);
        if (injected != null) {
            task.failure = injected;
            return;
        }
        try {
            ResourceProvisioner.Provisioned made = provisioner.create(stack.stackName, task.logicalId, type, properties);
            fresh.physicalId = made.physicalId();
            fresh.attributes = new LinkedHashMap<>(made.attributes());
            op.created.put(task.logicalId, fresh);
            StackEvents.resource(stack, t, fresh, ResourceStatus.UPDATE_IN_PROGRESS, "Resource creation Initiated");
        } catch (ResourceProvisioner.ResourceFailure e) {
            task.failure = failureReason(e);
        }
    }

    private boolean requiresReplacement(String type, Map<String, Object> before, Map<String, Object> after) {
        Set<String> names = new LinkedHashSet<>(before.keySet());
        names.addAll(after.keySet());
        for (String name : names) {
            if (rules.requiresReplacement(type, name) && !Objects.equals(ChangeSetDiffer.normalise(before.get(name)),
                    ChangeSetDiffer.normalise(after.get(name)))) {
                return true;
            }
        }
        return false;
    }

    void complete(StackState stack, Operation op, Task task) {
        long t = op.time;
        switch (task.action) {
            case CREATE, UPDATE -> {
                Resource resource = stack.resources.get(task.logicalId);
                resource.timestamp = t;
                if (task.failure != null) {
                    task.state = TaskState.FAILED;
                    resource.status = ResourceStatus.failed(task.action);
                    resource.statusReason = task.failure;
                    StackEvents.resource(stack, t, resource, resource.status, task.failure);
                    op.failed.add(task.logicalId);
                } else {
                    task.state = TaskState.DONE;
                    resource.status = ResourceStatus.complete(task.action);
                    resource.statusReason = null;
                    StackEvents.resource(stack, t, resource, resource.status, null);
                }
            }
            case RESTORE -> {
                task.state = TaskState.DONE;
                Resource before = op.previous.resources.get(task.logicalId);
                Resource current = stack.resources.get(task.logicalId);
                Resource restored = before.copy();
                if (!op.replaced.containsKey(task.logicalId) && current.physicalId != null) {
                    try {
                        provisioner.update(stack.stackName, task.logicalId, before.type, before.physicalId, before.properties);
                    } catch (ResourceProvisioner.ResourceFailure e) {
                        // Rolling back to the last known good state is best effort, as in AWS.
                    }
                }
                restored.status = ResourceStatus.UPDATE_COMPLETE;
                restored.statusReason = null;
                restored.timestamp = t;
                stack.resources.put(task.logicalId, restored);
                StackEvents.resource(stack, t, restored, ResourceStatus.UPDATE_COMPLETE, null);
            }
            case DELETE -> {
                task.state = TaskState.DONE;
                Resource subject = subject(stack, task);
                if (subject.physicalId != null) {
                    try {
                        provisioner.delete(stack.stackName, subject.logicalId, subject.type, subject.physicalId, subject.properties);
                    } catch (RuntimeException e) {
                        // Deleting something already gone is not an error.
                    }
                }
                subject.status = ResourceStatus.DELETE_COMPLETE;
                subject.statusReason = null;
                subject.timestamp = t;
                StackEvents.resource(stack, t, subject, ResourceStatus.DELETE_COMPLETE, null);
            }
        }
    }

    /** After a failure: what runs fails as cancelled, what waits never starts. */
    void cancelRunning(StackState stack, Operation op) {
        for (Task task : op.tasks) {
            if (task.state == TaskState.RUNNING) {
                task.state = TaskState.CANCELLED;
                Resource resource = stack.resources.get(task.logicalId);
                String reason = task.action == TaskAction.CREATE ? "Resource creation cancelled" : "Resource update cancelled";
                resource.status = ResourceStatus.failed(task.action);
                resource.statusReason = reason;
                StackEvents.resource(stack, op.time, resource, resource.status, reason);
            } else if (task.state == TaskState.PENDING) {
                task.state = TaskState.CANCELLED;
            }
        }
    }

    /** Delete tasks in reverse dependency order: a resource goes after everything that depends on it. */
    List<Task> deleteTasks(StackState stack, Iterable<Resource> resources, String templateBody) {
        Template template = Template.parse(templateBody != null ? templateBody : stack.templateBody);
        DependencyGraph graph = DependencyGraph.of(template);
        List<Task> tasks = new ArrayList<>();
        Set<String> ids = new LinkedHashSet<>();
        for (Resource resource : resources) {
            if (resource.status != ResourceStatus.DELETE_COMPLETE) {
                ids.add(resource.logicalId);
            }
        }
        for (Resource resource : resources) {
            if (resource.status == ResourceStatus.DELETE_COMPLETE) {
                continue;
            }
            Set<String> after = new LinkedHashSet<>();
            if (template.resources.containsKey(resource.logicalId)) {
                graph.dependentsOf(resource.logicalId).stream().filter(ids::contains).forEach(after::add);
            }
            Task task = task(resource.logicalId, TaskAction.DELETE, after);
            if (stack.resources.get(resource.logicalId) != resource) {
                task.subject = resource;
            }
            tasks.add(task);
        }
        return tasks;
    }

    private static Resource subject(StackState stack, Task task) {
        return task.subject != null ? task.subject : stack.resources.get(task.logicalId);
    }

    private static String failureReason(RuntimeException e) {
        return e.getMessage() != null ? e.getMessage() : e.getClass().getSimpleName();
    }
}
