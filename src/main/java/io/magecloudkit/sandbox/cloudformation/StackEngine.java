package io.magecloudkit.sandbox.cloudformation;

import io.magecloudkit.sandbox.SandboxError;
import io.magecloudkit.sandbox.cloudformation.StackState.Event;
import io.magecloudkit.sandbox.cloudformation.StackState.Operation;
import io.magecloudkit.sandbox.cloudformation.StackState.Output;
import io.magecloudkit.sandbox.cloudformation.StackState.Resource;
import io.magecloudkit.sandbox.cloudformation.StackState.Snapshot;
import io.magecloudkit.sandbox.cloudformation.StackState.Task;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;

/**
 * Runs stack operations on the simulated clock: every resource action takes a few seconds,
 * actions whose dependencies are done run in parallel, a failure cancels what runs and rolls
 * back, and each step leaves the events CloudFormation would.
 */
final class StackEngine {
    /** What the engine needs from the rest of the region. */
    interface Region {
        CloudEnvironment environment();

        /** The name of another live stack exporting this name, or null. */
        String exporterOf(String exportName, String exceptStackId);

        /** Names of other live stacks importing this export. */
        List<String> importersOf(String exportName, String exceptStackId);

        /** The reason an injected failure gives, consumed; null when none is armed. */
        String takeInjectedFailure(String logicalId, String operation);

        void operationFinished(StackState stack, boolean succeeded);
    }

    private static final String STACK_TYPE = "AWS::CloudFormation::Stack";

    private final ResourceProvisioner provisioner;
    private final ReplacementRules rules;
    private final Region region;

    StackEngine(ResourceProvisioner provisioner, ReplacementRules rules, Region region) {
        this.provisioner = provisioner;
        this.rules = rules;
        this.region = region;
    }

    // ---- starting operations ----

    void startCreate(StackState stack, long now, boolean deleteOnFailure) {
        Template template = Template.parse(stack.templateBody);
        DependencyGraph graph = DependencyGraph.of(template);
        StackContext context = context(stack, template);
        Operation op = new Operation();
        op.phase = "CREATE";
        op.time = now;
        op.deleteAfterRollback = deleteOnFailure;
        for (String logicalId : graph.creationOrder()) {
            if (context.included(logicalId)) {
                op.tasks.add(task(logicalId, "CREATE", graph.dependenciesOf(logicalId)));
            }
        }
        stack.operation = op;
        stack.status = "CREATE_IN_PROGRESS";
        stack.statusReason = "User Initiated";
        stackEvent(stack, now, "CREATE_IN_PROGRESS", "User Initiated");
    }

    /** Starts an update to the stack's new template and parameters (already set on the stack). */
    void startUpdate(StackState stack, Snapshot previous, List<ChangeSetState.Change> changes, long now) {
        Template template = Template.parse(stack.templateBody);
        DependencyGraph graph = DependencyGraph.of(template);
        Operation op = new Operation();
        op.phase = "UPDATE";
        op.time = now;
        op.previous = previous;
        Set<String> touched = new LinkedHashSet<>();
        for (ChangeSetState.Change change : changes) {
            if (change.action.equals("Remove")) {
                Resource removed = stack.resources.remove(change.logicalId);
                if (removed != null) {
                    op.removed.put(change.logicalId, removed);
                }
            } else {
                touched.add(change.logicalId);
            }
        }
        for (String logicalId : graph.creationOrder()) {
            if (touched.contains(logicalId)) {
                String action = stack.resources.containsKey(logicalId) ? "UPDATE" : "CREATE";
                op.tasks.add(task(logicalId, action, graph.dependenciesOf(logicalId)));
            }
        }
        stack.operation = op;
        stack.status = "UPDATE_IN_PROGRESS";
        stack.statusReason = "User Initiated";
        stack.lastUpdatedTime = now;
        stackEvent(stack, now, "UPDATE_IN_PROGRESS", "User Initiated");
    }

    void startDelete(StackState stack, long now) {
        stack.status = "DELETE_IN_PROGRESS";
        stack.statusReason = "User Initiated";
        stackEvent(stack, now, "DELETE_IN_PROGRESS", "User Initiated");
        for (String exportName : stack.exports.keySet()) {
            List<String> importers = region.importersOf(exportName, stack.stackId);
            if (!importers.isEmpty()) {
                String reason = "Export " + exportName + " cannot be deleted as it is in use by " + String.join(", ", importers);
                stack.status = "DELETE_FAILED";
                stack.statusReason = reason;
                stack.operation = null;
                stackEvent(stack, now, "DELETE_FAILED", reason);
                region.operationFinished(stack, false);
                return;
            }
        }
        Operation op = new Operation();
        op.phase = "DELETE";
        op.time = now;
        op.tasks.addAll(deleteTasks(stack, stack.resources.values(), null));
        stack.operation = op;
    }

    /** Stops an operation that cannot go on, leaving the stack in the matching failed state. */
    void abandon(StackState stack, long now, String reason) {
        String status = stack.status;
        String failed = status.startsWith("UPDATE_ROLLBACK") ? "UPDATE_ROLLBACK_FAILED"
                : status.startsWith("UPDATE") ? "UPDATE_ROLLBACK_FAILED"
                : status.startsWith("ROLLBACK") ? "ROLLBACK_FAILED"
                : status.startsWith("DELETE") ? "DELETE_FAILED" : "CREATE_FAILED";
        stack.operation = null;
        stack.status = failed;
        stack.statusReason = reason;
        stackEvent(stack, now, failed, reason);
        region.operationFinished(stack, false);
    }

    // ---- running ----

    void advance(StackState stack, long now) {
        while (stack.operation != null) {
            Operation op = stack.operation;
            startReadyTasks(stack, op);
            boolean active = op.tasks.stream().anyMatch(t -> t.state.equals("PENDING") || t.state.equals("RUNNING"));
            if (!active) {
                finishPhase(stack, op);
                continue;
            }
            long next = op.tasks.stream().filter(t -> t.state.equals("RUNNING")).mapToLong(t -> t.endAt).min().orElse(Long.MAX_VALUE);
            if (next == Long.MAX_VALUE) {
                // Nothing runs and nothing can start: dependencies that never finish. Cancel them.
                op.tasks.stream().filter(t -> t.state.equals("PENDING")).forEach(t -> t.state = "CANCELLED");
                continue;
            }
            if (next > now) {
                return;
            }
            op.time = next;
            for (Task task : List.copyOf(op.tasks)) {
                if (task.state.equals("RUNNING") && task.endAt == next) {
                    complete(stack, op, task);
                }
            }
            if (!op.failed.isEmpty() && (op.phase.equals("CREATE") || op.phase.equals("UPDATE"))) {
                cancelRunning(stack, op);
            }
        }
    }

    private void startReadyTasks(StackState stack, Operation op) {
        if (!op.failed.isEmpty() && (op.phase.equals("CREATE") || op.phase.equals("UPDATE"))) {
            return;
        }
        for (Task task : op.tasks) {
            if (task.state.equals("PENDING") && ready(op, task)) {
                start(stack, op, task);
            }
        }
    }

    private static boolean ready(Operation op, Task task) {
        for (Task other : op.tasks) {
            if (task.after.contains(other.logicalId) && other != task && !other.state.equals("DONE")
                    && !other.state.equals("CANCELLED")) {
                return false;
            }
        }
        return true;
    }

    private void start(StackState stack, Operation op, Task task) {
        task.state = "RUNNING";
        long t = op.time;
        switch (task.action) {
            case "CREATE" -> startCreateTask(stack, op, task, t);
            case "UPDATE" -> startUpdateTask(stack, op, task, t);
            case "RESTORE" -> {
                Resource current = stack.resources.get(task.logicalId);
                resourceEvent(stack, t, current, "UPDATE_IN_PROGRESS", null);
                task.endAt = t + Durations.update(current.type);
            }
            case "DELETE" -> {
                Resource subject = subject(stack, task);
                if (subject == null) {
                    task.state = "DONE";
                    return;
                }
                if (subject.deletionPolicy.equals("Retain")) {
                    resourceEvent(stack, t, subject, "DELETE_SKIPPED", null);
                    subject.status = "DELETE_SKIPPED";
                    task.state = "DONE";
                    return;
                }
                resourceEvent(stack, t, subject, "DELETE_IN_PROGRESS", null);
                subject.status = "DELETE_IN_PROGRESS";
                task.endAt = t + Durations.delete(subject.type);
            }
            default -> throw new IllegalStateException("unknown task action " + task.action);
        }
    }

    private void startCreateTask(StackState stack, Operation op, Task task, long t) {
        Template template = Template.parse(stack.templateBody);
        Resource resource = new Resource();
        resource.logicalId = task.logicalId;
        resource.type = template.type(task.logicalId);
        resource.deletionPolicy = template.deletionPolicy(task.logicalId);
        resource.status = "CREATE_IN_PROGRESS";
        resource.timestamp = t;
        task.endAt = t + Durations.create(resource.type);
        resourceEvent(stack, t, resource, "CREATE_IN_PROGRESS", null);
        stack.resources.put(task.logicalId, resource);
        if (op.phase.equals("UPDATE")) {
            op.created.put(task.logicalId, resource);
        }
        String injected = region.takeInjectedFailure(task.logicalId, "CREATE");
        if (injected != null) {
            task.failure = injected;
            return;
        }
        try {
            resource.properties = context(stack, template).properties(task.logicalId);
            ResourceProvisioner.Provisioned made = provisioner.create(stack.stackName, task.logicalId, resource.type, resource.properties);
            resource.physicalId = made.physicalId();
            resource.attributes = new LinkedHashMap<>(made.attributes());
            resourceEvent(stack, t, resource, "CREATE_IN_PROGRESS", "Resource creation Initiated");
        } catch (RuntimeException e) {
            task.failure = failureReason(e);
        }
    }

    private void startUpdateTask(StackState stack, Operation op, Task task, long t) {
        Template template = Template.parse(stack.templateBody);
        Resource old = stack.resources.get(task.logicalId);
        String type = template.type(task.logicalId);
        task.endAt = t + Durations.update(type);
        Map<String, Object> properties;
        try {
            properties = context(stack, template).properties(task.logicalId);
        } catch (SandboxError e) {
            resourceEvent(stack, t, old, "UPDATE_IN_PROGRESS", null);
            task.failure = failureReason(e);
            return;
        }
        boolean replace = !old.type.equals(type) || requiresReplacement(type, old.properties, properties);
        String injected = region.takeInjectedFailure(task.logicalId, "UPDATE");
        if (!replace) {
            resourceEvent(stack, t, old, "UPDATE_IN_PROGRESS", null);
            old.status = "UPDATE_IN_PROGRESS";
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
        resourceEvent(stack, t, old, "UPDATE_IN_PROGRESS", "Requested update requires the creation of a new physical resource; hence creating one.");
        Resource fresh = old.copy();
        fresh.type = type;
        fresh.deletionPolicy = template.deletionPolicy(task.logicalId);
        fresh.properties = properties;
        fresh.status = "UPDATE_IN_PROGRESS";
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
            resourceEvent(stack, t, fresh, "UPDATE_IN_PROGRESS", "Resource creation Initiated");
        } catch (ResourceProvisioner.ResourceFailure e) {
            task.failure = failureReason(e);
        }
    }

    boolean requiresReplacement(String type, Map<String, Object> before, Map<String, Object> after) {
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

    private void complete(StackState stack, Operation op, Task task) {
        long t = op.time;
        switch (task.action) {
            case "CREATE", "UPDATE" -> {
                Resource resource = stack.resources.get(task.logicalId);
                String verb = task.action.equals("CREATE") ? "CREATE" : "UPDATE";
                resource.timestamp = t;
                if (task.failure != null) {
                    task.state = "FAILED";
                    resource.status = verb + "_FAILED";
                    resource.statusReason = task.failure;
                    resourceEvent(stack, t, resource, verb + "_FAILED", task.failure);
                    op.failed.add(task.logicalId);
                } else {
                    task.state = "DONE";
                    resource.status = verb + "_COMPLETE";
                    resource.statusReason = null;
                    resourceEvent(stack, t, resource, verb + "_COMPLETE", null);
                }
            }
            case "RESTORE" -> {
                task.state = "DONE";
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
                restored.status = "UPDATE_COMPLETE";
                restored.statusReason = null;
                restored.timestamp = t;
                stack.resources.put(task.logicalId, restored);
                resourceEvent(stack, t, restored, "UPDATE_COMPLETE", null);
            }
            case "DELETE" -> {
                task.state = "DONE";
                Resource subject = subject(stack, task);
                if (subject.physicalId != null) {
                    try {
                        provisioner.delete(stack.stackName, subject.logicalId, subject.type, subject.physicalId, subject.properties);
                    } catch (RuntimeException e) {
                        // Deleting something already gone is not an error.
                    }
                }
                subject.status = "DELETE_COMPLETE";
                subject.statusReason = null;
                subject.timestamp = t;
                resourceEvent(stack, t, subject, "DELETE_COMPLETE", null);
            }
            default -> throw new IllegalStateException(task.action);
        }
    }

    private void cancelRunning(StackState stack, Operation op) {
        for (Task task : op.tasks) {
            if (task.state.equals("RUNNING")) {
                task.state = "CANCELLED";
                Resource resource = stack.resources.get(task.logicalId);
                String verb = task.action.equals("CREATE") ? "CREATE" : "UPDATE";
                String reason = task.action.equals("CREATE") ? "Resource creation cancelled" : "Resource update cancelled";
                resource.status = verb + "_FAILED";
                resource.statusReason = reason;
                resourceEvent(stack, op.time, resource, verb + "_FAILED", reason);
            } else if (task.state.equals("PENDING")) {
                task.state = "CANCELLED";
            }
        }
    }

    // ---- phase transitions ----

    private void finishPhase(StackState stack, Operation op) {
        long t = op.time;
        switch (op.phase) {
            case "CREATE" -> {
                String failure = op.failed.isEmpty() ? publishOutputs(stack) : null;
                if (op.failed.isEmpty() && failure == null) {
                    succeed(stack, t, "CREATE_COMPLETE");
                    return;
                }
                String reason = failure != null ? failure
                        : "The following resource(s) failed to create: " + op.failed + ". ";
                if (stack.disableRollback) {
                    stack.status = "CREATE_FAILED";
                    stack.statusReason = reason;
                    stackEvent(stack, t, "CREATE_FAILED", reason);
                    stack.operation = null;
                    region.operationFinished(stack, false);
                    return;
                }
                reason = reason + (failure == null ? "" : failure.endsWith(".") ? " " : ". ") + "Rollback requested by user.";
                stack.status = "ROLLBACK_IN_PROGRESS";
                stack.statusReason = reason;
                stackEvent(stack, t, "ROLLBACK_IN_PROGRESS", reason);
                stack.outputs = new ArrayList<>();
                stack.exports = new LinkedHashMap<>();
                nextPhase(op, "ROLLBACK", deleteTasks(stack, stack.resources.values(), null));
            }
            case "ROLLBACK" -> {
                stack.status = "ROLLBACK_COMPLETE";
                stackEvent(stack, t, "ROLLBACK_COMPLETE", null);
                stack.operation = null;
                if (op.deleteAfterRollback) {
                    startDelete(stack, t);
                    return;
                }
                region.operationFinished(stack, false);
            }
            case "UPDATE" -> {
                String failure = op.failed.isEmpty() ? publishOutputs(stack) : null;
                if (op.failed.isEmpty() && failure == null) {
                    stack.status = "UPDATE_COMPLETE_CLEANUP_IN_PROGRESS";
                    stack.statusReason = null;
                    stackEvent(stack, t, "UPDATE_COMPLETE_CLEANUP_IN_PROGRESS", null);
                    List<Resource> garbage = new ArrayList<>(op.replaced.values());
                    garbage.addAll(op.removed.values());
                    nextPhase(op, "UPDATE_CLEANUP", deleteTasks(stack, garbage, op.previous.templateBody));
                    return;
                }
                boolean createdFailed = op.failed.stream().anyMatch(id -> op.created.containsKey(id) && !op.replaced.containsKey(id));
                String reason = failure != null ? failure
                        : "The following resource(s) failed to " + (createdFailed ? "create" : "update") + ": " + op.failed + ". ";
                stack.status = "UPDATE_ROLLBACK_IN_PROGRESS";
                stack.statusReason = reason;
                stackEvent(stack, t, "UPDATE_ROLLBACK_IN_PROGRESS", reason);
                restoreStackLevel(stack, op.previous);
                List<Task> restores = new ArrayList<>();
                Set<String> restore = new LinkedHashSet<>(op.modified);
                restore.addAll(op.replaced.keySet());
                op.failed.stream().filter(op.previous.resources::containsKey).forEach(restore::add);
                for (String logicalId : restore) {
                    if (op.previous.resources.containsKey(logicalId) && stack.resources.containsKey(logicalId)) {
                        restores.add(task(logicalId, "RESTORE", Set.of()));
                    }
                }
                nextPhase(op, "UPDATE_ROLLBACK", restores);
            }
            case "UPDATE_CLEANUP" -> {
                op.removed.keySet().forEach(stack.resources::remove);
                succeed(stack, t, "UPDATE_COMPLETE");
            }
            case "UPDATE_ROLLBACK" -> {
                stack.status = "UPDATE_ROLLBACK_COMPLETE_CLEANUP_IN_PROGRESS";
                stackEvent(stack, t, "UPDATE_ROLLBACK_COMPLETE_CLEANUP_IN_PROGRESS", null);
                List<Resource> garbage = new ArrayList<>();
                for (var entry : op.created.entrySet()) {
                    garbage.add(entry.getValue());
                    if (!op.previous.resources.containsKey(entry.getKey())) {
                        stack.resources.remove(entry.getKey());
                    }
                }
                op.removed.forEach(stack.resources::put);
                nextPhase(op, "UPDATE_ROLLBACK_CLEANUP", deleteTasks(stack, garbage, null));
            }
            case "UPDATE_ROLLBACK_CLEANUP" -> {
                stack.status = "UPDATE_ROLLBACK_COMPLETE";
                stackEvent(stack, t, "UPDATE_ROLLBACK_COMPLETE", null);
                stack.operation = null;
                region.operationFinished(stack, false);
            }
            case "DELETE" -> {
                stack.status = "DELETE_COMPLETE";
                stack.statusReason = null;
                stack.deletionTime = t;
                stack.exports = new LinkedHashMap<>();
                stack.imports = new LinkedHashSet<>();
                stackEvent(stack, t, "DELETE_COMPLETE", null);
                stack.operation = null;
                region.operationFinished(stack, true);
            }
            default -> throw new IllegalStateException(op.phase);
        }
    }

    private void succeed(StackState stack, long t, String status) {
        stack.status = status;
        stack.statusReason = null;
        stackEvent(stack, t, status, null);
        stack.operation = null;
        region.operationFinished(stack, true);
    }

    private static void nextPhase(Operation op, String phase, List<Task> tasks) {
        op.phase = phase;
        op.tasks = tasks;
        op.failed = new ArrayList<>();
    }

    private static void restoreStackLevel(StackState stack, Snapshot previous) {
        stack.templateBody = previous.templateBody;
        stack.description = previous.description;
        stack.parameters = new LinkedHashMap<>(previous.parameters);
        stack.noEcho = new LinkedHashSet<>(previous.noEcho);
        stack.capabilities = new ArrayList<>(previous.capabilities);
        stack.tags = new LinkedHashMap<>(previous.tags);
        stack.outputs = new ArrayList<>(previous.outputs);
        stack.exports = new LinkedHashMap<>(previous.exports);
        stack.imports = new LinkedHashSet<>(previous.imports);
    }

    /** Evaluates the outputs; returns the failure reason when an export clashes or is still in use. */
    private String publishOutputs(StackState stack) {
        Template template = Template.parse(stack.templateBody);
        StackContext context = context(stack, template);
        List<Output> outputs = new ArrayList<>();
        Map<String, String> exports = new LinkedHashMap<>();
        try {
            // Evaluating the resources again records every export the stack imports.
            for (String logicalId : template.resources.keySet()) {
                if (context.included(logicalId) && stack.resources.containsKey(logicalId)) {
                    context.properties(logicalId);
                }
            }
            for (var entry : template.outputs.entrySet()) {
                if (!context.intrinsics.included(entry.getValue())) {
                    continue;
                }
                Output output = new Output();
                output.key = entry.getKey();
                output.value = Intrinsics.scalar(context.intrinsics.evaluate(entry.getValue().get("Value")));
                Object description = entry.getValue().get("Description");
                output.description = description == null ? null : String.valueOf(description);
                if (entry.getValue().get("Export") instanceof Map<?, ?> export && export.get("Name") != null) {
                    output.exportName = Intrinsics.scalar(context.intrinsics.evaluate(export.get("Name")));
                    if (exports.containsKey(output.exportName)) {
                        return "Template error: duplicate export name " + output.exportName;
                    }
                    exports.put(output.exportName, output.value);
                }
                outputs.add(output);
            }
        } catch (SandboxError e) {
            return e.getMessage();
        }
        for (String name : exports.keySet()) {
            String exporter = region.exporterOf(name, stack.stackId);
            if (exporter != null) {
                return "Export with name " + name + " is already exported by stack " + exporter;
            }
        }
        for (var entry : stack.exports.entrySet()) {
            List<String> importers = region.importersOf(entry.getKey(), stack.stackId);
            if (importers.isEmpty()) {
                continue;
            }
            if (!exports.containsKey(entry.getKey())) {
                return "Export " + entry.getKey() + " cannot be deleted as it is in use by " + String.join(", ", importers);
            }
            if (!exports.get(entry.getKey()).equals(entry.getValue())) {
                return "Cannot update export " + entry.getKey() + " as it is in use by " + String.join(", ", importers);
            }
        }
        stack.outputs = outputs;
        stack.exports = exports;
        stack.imports = context.imports;
        return null;
    }

    // ---- helpers ----

    /** Delete tasks in reverse dependency order: a resource goes after everything that depends on it. */
    private List<Task> deleteTasks(StackState stack, Iterable<Resource> resources, String templateBody) {
        Template template = Template.parse(templateBody != null ? templateBody : stack.templateBody);
        DependencyGraph graph = DependencyGraph.of(template);
        List<Task> tasks = new ArrayList<>();
        Set<String> ids = new LinkedHashSet<>();
        for (Resource resource : resources) {
            if (!"DELETE_COMPLETE".equals(resource.status)) {
                ids.add(resource.logicalId);
            }
        }
        for (Resource resource : resources) {
            if ("DELETE_COMPLETE".equals(resource.status)) {
                continue;
            }
            Set<String> after = new LinkedHashSet<>();
            if (template.resources.containsKey(resource.logicalId)) {
                graph.dependentsOf(resource.logicalId).stream().filter(ids::contains).forEach(after::add);
            }
            Task task = task(resource.logicalId, "DELETE", after);
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

    private static Task task(String logicalId, String action, Set<String> after) {
        Task task = new Task();
        task.logicalId = logicalId;
        task.action = action;
        task.after = new ArrayList<>(after);
        return task;
    }

    StackContext context(StackState stack, Template template) {
        return new StackContext(template, stack.stackId, stack.stackName, stack.parameters, region.environment(),
                new StackContext.ResourceValues() {
                    @Override
                    public Object ref(String logicalId) {
                        Resource resource = stack.resources.get(logicalId);
                        if (resource == null || resource.physicalId == null) {
                            throw Template.error("Template format error: Unresolved resource dependencies [" + logicalId
                                    + "] in the Resources block of the template");
                        }
                        return resource.physicalId;
                    }

                    @Override
                    public Object attribute(String logicalId, String attribute) {
                        Resource resource = stack.resources.get(logicalId);
                        if (resource == null || resource.physicalId == null) {
                            throw Template.error("Template format error: Unresolved resource dependencies [" + logicalId
                                    + "] in the Resources block of the template");
                        }
                        Object value = resource.attributes.get(attribute);
                        // Unsupported attributes of well-known types were rejected when the template was
                        // validated; anything else gets a plausible value rather than a failure.
                        return value != null ? value : plausibleAttribute(resource, attribute);
                    }
                });
    }

    private String plausibleAttribute(Resource resource, String attribute) {
        if (attribute.endsWith("Arn") || attribute.equals("Arn")) {
            String[] parts = resource.type.split("::");
            String service = parts.length > 1 ? parts[1].toLowerCase(java.util.Locale.ROOT) : "cloudformation";
            String kind = parts.length > 2 ? parts[2].toLowerCase(java.util.Locale.ROOT) : "resource";
            CloudEnvironment environment = region.environment();
            return "arn:" + environment.partition() + ":" + service + ":" + environment.region() + ":"
                    + environment.accountId() + ":" + kind + "/" + resource.physicalId;
        }
        return resource.physicalId;
    }

    private static String failureReason(RuntimeException e) {
        return e.getMessage() != null ? e.getMessage() : e.getClass().getSimpleName();
    }

    private static void stackEvent(StackState stack, long t, String status, String reason) {
        Event event = new Event();
        event.eventId = UUID.randomUUID().toString();
        event.logicalId = stack.stackName;
        event.physicalId = stack.stackId;
        event.type = STACK_TYPE;
        event.timestamp = t;
        event.status = status;
        event.reason = reason;
        event.clientRequestToken = stack.clientRequestToken;
        stack.events.add(event);
    }

    private static void resourceEvent(StackState stack, long t, Resource resource, String status, String reason) {
        Event event = new Event();
        event.eventId = resource.logicalId + "-" + status + "-" + UUID.randomUUID();
        event.logicalId = resource.logicalId;
        event.physicalId = resource.physicalId;
        event.type = resource.type;
        event.timestamp = t;
        event.status = status;
        event.reason = reason;
        event.clientRequestToken = stack.clientRequestToken;
        stack.events.add(event);
    }

    /** How long resource actions take, in simulated milliseconds. */
    static final class Durations {
        private Durations() {
        }

        private static boolean slow(String type) {
            return type.startsWith("AWS::RDS::") || type.startsWith("AWS::ElastiCache::")
                    || type.startsWith("AWS::OpenSearchService::") || type.equals("AWS::EC2::NatGateway")
                    || type.equals("AWS::ECS::Service");
        }

        static long create(String type) {
            return slow(type) ? 60_000 : 5_000;
        }

        static long update(String type) {
            return slow(type) ? 30_000 : 5_000;
        }

        static long delete(String type) {
            return slow(type) ? 30_000 : 3_000;
        }
    }
}
