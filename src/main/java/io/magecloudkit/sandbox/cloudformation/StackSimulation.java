package io.magecloudkit.sandbox.cloudformation;

import io.magecloudkit.sandbox.cloudformation.StackState.Operation;
import io.magecloudkit.sandbox.cloudformation.StackState.Phase;
import io.magecloudkit.sandbox.cloudformation.StackState.Resource;
import io.magecloudkit.sandbox.cloudformation.StackState.Snapshot;
import io.magecloudkit.sandbox.cloudformation.StackState.Status;
import io.magecloudkit.sandbox.cloudformation.StackState.Task;
import io.magecloudkit.sandbox.cloudformation.StackState.TaskAction;
import io.magecloudkit.sandbox.cloudformation.StackState.TaskState;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The stack state machine, run on the simulated clock: an operation goes through phases
 * (create, rollback, update, cleanup, delete); in each, resource tasks whose dependencies are
 * done run in parallel, a failure cancels what runs and rolls back, and each step leaves the
 * events CloudFormation would.
 */
final class StackSimulation {
    /** What the simulation needs from the rest of the region. */
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

    private static final String USER_INITIATED = "User Initiated";

    private final Region region;
    private final ResourceTasks tasks;
    private final StackOutputPublisher outputs;

    StackSimulation(ResourceProvisioner provisioner, ReplacementRules rules, Region region) {
        this.region = region;
        this.tasks = new ResourceTasks(provisioner, rules, region);
        this.outputs = new StackOutputPublisher(region);
    }

    // ---- starting operations ----

    void startCreate(StackState stack, long now, boolean deleteOnFailure) {
        Template template = Template.parse(stack.templateBody);
        DependencyGraph graph = DependencyGraph.of(template);
        StackContext context = LiveStackContext.of(stack, template, region.environment());
        Operation op = operation(Phase.CREATE, now);
        op.deleteAfterRollback = deleteOnFailure;
        for (String logicalId : graph.creationOrder()) {
            if (context.included(logicalId)) {
                op.tasks.add(ResourceTasks.task(logicalId, TaskAction.CREATE, graph.dependenciesOf(logicalId)));
            }
        }
        stack.operation = op;
        transition(stack, now, Status.CREATE_IN_PROGRESS, USER_INITIATED);
    }

    /** Starts an update to the stack's new template and parameters (already set on the stack). */
    void startUpdate(StackState stack, Snapshot previous, List<ChangeSetState.Change> changes, long now) {
        Template template = Template.parse(stack.templateBody);
        DependencyGraph graph = DependencyGraph.of(template);
        Operation op = operation(Phase.UPDATE, now);
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
                TaskAction action = stack.resources.containsKey(logicalId) ? TaskAction.UPDATE : TaskAction.CREATE;
                op.tasks.add(ResourceTasks.task(logicalId, action, graph.dependenciesOf(logicalId)));
            }
        }
        stack.operation = op;
        stack.lastUpdatedTime = now;
        transition(stack, now, Status.UPDATE_IN_PROGRESS, USER_INITIATED);
    }

    void startDelete(StackState stack, long now) {
        transition(stack, now, Status.DELETE_IN_PROGRESS, USER_INITIATED);
        for (String exportName : stack.exports.keySet()) {
            List<String> importers = region.importersOf(exportName, stack.stackId);
            if (!importers.isEmpty()) {
                transition(stack, now, Status.DELETE_FAILED,
                        "Export " + exportName + " cannot be deleted as it is in use by " + String.join(", ", importers));
                end(stack, false);
                return;
            }
        }
        Operation op = operation(Phase.DELETE, now);
        op.tasks.addAll(tasks.deleteTasks(stack, stack.resources.values(), null));
        stack.operation = op;
    }

    /** Stops an operation that cannot go on, leaving the stack in the matching failed state. */
    void abandon(StackState stack, long now, String reason) {
        transition(stack, now, stack.status.abandoned(), reason);
        end(stack, false);
    }

    // ---- running ----

    void advance(StackState stack, long now) {
        while (stack.operation != null) {
            Operation op = stack.operation;
            startReadyTasks(stack, op);
            if (op.tasks.stream().noneMatch(t -> t.state.active())) {
                finishPhase(stack, op);
                continue;
            }
            long next = op.tasks.stream().filter(t -> t.state == TaskState.RUNNING).mapToLong(t -> t.endAt).min().orElse(Long.MAX_VALUE);
            if (next == Long.MAX_VALUE) {
                // Nothing runs and nothing can start: dependencies that never finish. Cancel them.
                op.tasks.stream().filter(t -> t.state == TaskState.PENDING).forEach(t -> t.state = TaskState.CANCELLED);
                continue;
            }
            if (next > now) {
                return;
            }
            op.time = next;
            for (Task task : List.copyOf(op.tasks)) {
                if (task.state == TaskState.RUNNING && task.endAt == next) {
                    tasks.complete(stack, op, task);
                }
            }
            if (!op.failed.isEmpty() && op.phase.rollsBackOnFailure()) {
                tasks.cancelRunning(stack, op);
            }
        }
    }

    private void startReadyTasks(StackState stack, Operation op) {
        if (!op.failed.isEmpty() && op.phase.rollsBackOnFailure()) {
            return;
        }
        for (Task task : op.tasks) {
            if (task.state == TaskState.PENDING && ready(op, task)) {
                tasks.start(stack, op, task);
            }
        }
    }

    private static boolean ready(Operation op, Task task) {
        for (Task other : op.tasks) {
            if (task.after.contains(other.logicalId) && other != task && !other.state.finished()) {
                return false;
            }
        }
        return true;
    }

    // ---- phase transitions ----

    private void finishPhase(StackState stack, Operation op) {
        long t = op.time;
        switch (op.phase) {
            case CREATE -> {
                String failure = op.failed.isEmpty() ? outputs.publish(stack) : null;
                if (op.failed.isEmpty() && failure == null) {
                    transition(stack, t, Status.CREATE_COMPLETE, null);
                    end(stack, true);
                    return;
                }
                String reason = failure != null ? failure : "The following resource(s) failed to create: " + op.failed + ". ";
                if (stack.disableRollback) {
                    transition(stack, t, Status.CREATE_FAILED, reason);
                    end(stack, false);
                    return;
                }
                reason = reason + (failure == null ? "" : failure.endsWith(".") ? " " : ". ") + "Rollback requested by user.";
                transition(stack, t, Status.ROLLBACK_IN_PROGRESS, reason);
                stack.outputs = new ArrayList<>();
                stack.exports = new LinkedHashMap<>();
                nextPhase(op, Phase.ROLLBACK, tasks.deleteTasks(stack, stack.resources.values(), null));
            }
            case ROLLBACK -> {
                settle(stack, t, Status.ROLLBACK_COMPLETE);
                stack.operation = null;
                if (op.deleteAfterRollback) {
                    startDelete(stack, t);
                    return;
                }
                region.operationFinished(stack, false);
            }
            case UPDATE -> finishUpdate(stack, op, t);
            case UPDATE_CLEANUP -> {
                op.removed.keySet().forEach(stack.resources::remove);
                transition(stack, t, Status.UPDATE_COMPLETE, null);
                end(stack, true);
            }
            case UPDATE_ROLLBACK -> {
                settle(stack, t, Status.UPDATE_ROLLBACK_COMPLETE_CLEANUP_IN_PROGRESS);
                List<Resource> garbage = new ArrayList<>();
                for (var entry : op.created.entrySet()) {
                    garbage.add(entry.getValue());
                    if (!op.previous.resources.containsKey(entry.getKey())) {
                        stack.resources.remove(entry.getKey());
                    }
                }
                op.removed.forEach(stack.resources::put);
                nextPhase(op, Phase.UPDATE_ROLLBACK_CLEANUP, tasks.deleteTasks(stack, garbage, null));
            }
            case UPDATE_ROLLBACK_CLEANUP -> {
                settle(stack, t, Status.UPDATE_ROLLBACK_COMPLETE);
                end(stack, false);
            }
            case DELETE -> {
                stack.deletionTime = t;
                stack.exports = new LinkedHashMap<>();
                stack.imports = new LinkedHashSet<>();
                transition(stack, t, Status.DELETE_COMPLETE, null);
                end(stack, true);
            }
        }
    }

    private void finishUpdate(StackState stack, Operation op, long t) {
        String failure = op.failed.isEmpty() ? outputs.publish(stack) : null;
        if (op.failed.isEmpty() && failure == null) {
            transition(stack, t, Status.UPDATE_COMPLETE_CLEANUP_IN_PROGRESS, null);
            List<Resource> garbage = new ArrayList<>(op.replaced.values());
            garbage.addAll(op.removed.values());
            nextPhase(op, Phase.UPDATE_CLEANUP, tasks.deleteTasks(stack, garbage, op.previous.templateBody));
            return;
        }
        boolean createdFailed = op.failed.stream().anyMatch(id -> op.created.containsKey(id) && !op.replaced.containsKey(id));
        String reason = failure != null ? failure
                : "The following resource(s) failed to " + (createdFailed ? "create" : "update") + ": " + op.failed + ". ";
        transition(stack, t, Status.UPDATE_ROLLBACK_IN_PROGRESS, reason);
        restoreStackLevel(stack, op.previous);
        List<Task> restores = new ArrayList<>();
        Set<String> restore = new LinkedHashSet<>(op.modified);
        restore.addAll(op.replaced.keySet());
        op.failed.stream().filter(op.previous.resources::containsKey).forEach(restore::add);
        for (String logicalId : restore) {
            if (op.previous.resources.containsKey(logicalId) && stack.resources.containsKey(logicalId)) {
                restores.add(ResourceTasks.task(logicalId, TaskAction.RESTORE, Set.of()));
            }
        }
        nextPhase(op, Phase.UPDATE_ROLLBACK, restores);
    }

    private static Operation operation(Phase phase, long now) {
        Operation op = new Operation();
        op.phase = phase;
        op.time = now;
        return op;
    }

    /** Moves the stack to a status with this reason, on the stack and on its event. */
    private static void transition(StackState stack, long t, Status status, String reason) {
        stack.status = status;
        stack.statusReason = reason;
        StackEvents.stack(stack, t, status, reason);
    }

    /** Moves a rolling-back stack on: it keeps the reason of the rollback, the event carries none. */
    private static void settle(StackState stack, long t, Status status) {
        stack.status = status;
        StackEvents.stack(stack, t, status, null);
    }

    private void end(StackState stack, boolean succeeded) {
        stack.operation = null;
        region.operationFinished(stack, succeeded);
    }

    private static void nextPhase(Operation op, Phase phase, List<Task> tasks) {
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
}
