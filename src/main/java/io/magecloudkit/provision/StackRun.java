package io.magecloudkit.provision;

import io.magecloudkit.EventSink;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import software.amazon.awssdk.services.cloudformation.model.DescribeChangeSetResponse;
import software.amazon.awssdk.services.cloudformation.model.Stack;

/**
 * Brings one stack to its rendered template and parameters: settle what an earlier run left, skip
 * when the fingerprint matches, else change set → diff → guard → execute → follow the events.
 */
final class StackRun {
    private static final String NO_CHANGES = "didn't contain changes";
    private static final String NO_UPDATES = "No updates are to be performed";

    private final CloudFormationStacks stacks;
    private final ProvisionRequest request;
    private final ReplacementGuard guard;
    private final EventSink sink;
    private final Set<String> changing;
    private final boolean protect;
    private final String runId;

    StackRun(CloudFormationStacks stacks, ProvisionRequest request, EventSink sink, Set<String> changing, boolean protect,
            String runId) {
        this.stacks = stacks;
        this.request = request;
        this.guard = new ReplacementGuard(request.spec());
        this.sink = sink;
        this.changing = changing;
        this.protect = protect;
        this.runId = runId;
    }

    StackResult apply(RenderedStack stack, Optional<Stack> described) {
        String name = stack.name();
        Optional<Stack> existing = described;
        StackCondition condition = condition(existing);
        if (condition == StackCondition.WAIT) {
            sink.info(name + ": " + existing.get().stackStatusAsString() + " from an earlier run; waiting for it to finish");
            new EventStream(stacks, request.backoff(), sink).follow(existing.get().stackId(), name, null);
            existing = stacks.describe(name);
            condition = condition(existing);
        }
        if (condition == StackCondition.STUCK) {
            Stack s = existing.get();
            return result(stack, "failed", List.of(), StackCondition.explain(name, s.stackStatusAsString(), s.stackStatusReason()), Map.of());
        }
        boolean recreate = condition == StackCondition.RECREATE;
        if (recreate) {
            String status = existing.get().stackStatusAsString();
            if (request.planOnly()) {
                return result(stack, "would recreate", List.of(), name + " is " + status + ": provision deletes it and creates it again", Map.of());
            }
            sink.info(name + ": " + status + " (an earlier create failed); deleting it to create it again");
            String token = token("delete");
            changing.add(name);
            stacks.deleteStack(name, token);
            new EventStream(stacks, request.backoff(), sink).follow(existing.get().stackId(), name, token);
            changing.remove(name);
            existing = stacks.describe(name);
            condition = condition(existing);
            if (condition != StackCondition.ABSENT) {
                return result(stack, "failed", List.of(), name + " could not be deleted: it is " + existing.get().stackStatusAsString(), Map.of());
            }
        }
        String fingerprint = StackFingerprint.of(stack);
        if (existing.isPresent()) {
            Stack s = existing.get();
            if (StackFingerprint.unchanged(condition, CloudFormationStacks.tag(s, StackFingerprint.TAG).orElse(null), fingerprint)) {
                if (protect && !Boolean.TRUE.equals(s.enableTerminationProtection()) && !request.planOnly()) {
                    stacks.terminationProtection(name, true);
                }
                return result(stack, "unchanged", List.of(), null, CloudFormationStacks.outputs(s));
            }
        }
        return change(stack, existing, fingerprint, recreate);
    }

    private StackResult change(RenderedStack stack, Optional<Stack> existing, String fingerprint, boolean recreate) {
        String name = stack.name();
        boolean create = existing.isEmpty();
        Map<String, String> tags = new LinkedHashMap<>();
        tags.put("Project", request.config().project());
        tags.put("Environment", request.environment());
        tags.put(StackFingerprint.TAG, fingerprint);
        String changeSetId = stacks.createChangeSet(stack, create, "mck-" + runId, tags);
        DescribeChangeSetResponse cs = stacks.awaitChangeSet(changeSetId, request.backoff());
        Map<String, String> before = existing.map(CloudFormationStacks::outputs).orElse(Map.of());
        if ("FAILED".equals(cs.statusAsString())) {
            String reason = String.valueOf(cs.statusReason());
            discard(changeSetId, name, create);
            if (noChange(reason)) {
                sink.info(name + ": no change");
                return result(stack, "no change", List.of(), null, before);
            }
            return result(stack, "failed", List.of(), "change set failed: " + reason, before);
        }
        List<ResourceChange> changes = stacks.changes(cs);
        List<String> lines = changes.stream().map(ResourceChange::line).toList();
        sink.info(name + ": " + (create ? "create" : "update") + ", " + changes.size() + " resource change(s)");
        lines.forEach(l -> sink.info(name + ":   " + l));
        List<ReplacementGuard.Refusal> refusals = guard.check(name, changes, request.allowReplacement());
        if (!refusals.isEmpty()) {
            discard(changeSetId, name, create);
            refusals.forEach(r -> sink.warn("refused: " + r.message()));
            return result(stack, "refused", lines, String.join("; ", refusals.stream().map(ReplacementGuard.Refusal::message).toList()), before);
        }
        if (request.planOnly()) {
            discard(changeSetId, name, create);
            return result(stack, create ? "would create" : "would update", lines, null, before);
        }
        String token = token(create ? "create" : "update");
        changing.add(name);
        try {
            stacks.executeChangeSet(changeSetId, token);
            String stackId = cs.stackId();
            EventStream.Outcome outcome = new EventStream(stacks, request.backoff(), sink).follow(stackId, name, token);
            String status = outcome.stack() == null ? "DELETE_COMPLETE" : outcome.stack().stackStatusAsString();
            if (status.equals("CREATE_COMPLETE") || status.equals("UPDATE_COMPLETE")) {
                if (create && protect) {
                    stacks.terminationProtection(name, true);
                }
                String action = recreate ? "recreated" : create ? "created" : "updated";
                sink.info(name + ": " + action);
                return result(stack, action, lines, null, CloudFormationStacks.outputs(outcome.stack()));
            }
            String cause = RootCause.of(outcome.events(), CloudFormationStacks.STACK_TYPE)
                    .map(e -> e.logicalId() + " (" + e.type() + ") " + e.status() + ": " + e.reason())
                    .orElse(outcome.stack() == null ? "the stack was deleted" : String.valueOf(outcome.stack().stackStatusReason()));
            sink.warn(name + ": failed; root cause: " + cause + "; the stack is now " + status);
            return result(stack, "failed", lines, cause + " (stack left " + status + ")", before);
        } finally {
            changing.remove(name);
        }
    }

    /** Whether a failed change set only says there is nothing to do (AWS's and the sandbox's wording). */
    static boolean noChange(String reason) {
        return reason != null && (reason.contains(NO_CHANGES) || reason.contains(NO_UPDATES));
    }

    /** Deletes a change set that will not run; for a new stack also the empty stack the change set made. */
    private void discard(String changeSetId, String name, boolean create) {
        stacks.deleteChangeSet(changeSetId);
        if (create) {
            stacks.describe(name).filter(s -> "REVIEW_IN_PROGRESS".equals(s.stackStatusAsString()))
                    .ifPresent(s -> stacks.deleteStack(s.stackId(), token("discard")));
        }
    }

    private String token(String what) {
        return "mck-" + what + "-" + runId + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    private static StackCondition condition(Optional<Stack> stack) {
        return StackCondition.of(stack.map(Stack::stackStatusAsString).orElse(null));
    }

    private static StackResult result(RenderedStack stack, String action, List<String> changes, String problem,
            Map<String, String> outputs) {
        return new StackResult(stack.name(), stack.module(), action, new ArrayList<>(changes), problem, outputs);
    }
}
