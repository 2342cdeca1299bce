package io.magecloudkit.provision;

import java.util.List;
import java.util.Map;

/**
 * What happened to one stack.
 *
 * @param action    unchanged, no change, created, updated, recreated, refused, failed, not reached;
 *                  in a plan: would create, would update, would recreate, pending (waits on a new stack)
 * @param changes   the change set's diff, one line per resource
 * @param problem   why it failed or was refused (the root cause), null otherwise
 */
public record StackResult(String stack, String module, String action, List<String> changes, String problem,
        Map<String, String> outputs) {
    public StackResult {
        changes = List.copyOf(changes);
        outputs = Map.copyOf(outputs);
    }

    public boolean failed() {
        return action.equals("failed") || action.equals("refused");
    }
}
