package io.magecloudkit.provision;

import java.util.List;
import java.util.Map;

/**
 * What a provision or plan run did, stack by stack, and every stack's outputs (what later steps read).
 *
 * @param succeeded false when a stack failed or a change was refused
 */
public record ProvisionResult(String environment, String region, boolean planOnly, boolean succeeded,
        List<StackResult> stacks, Map<String, Map<String, String>> outputs) {
    public ProvisionResult {
        stacks = List.copyOf(stacks);
        outputs = Map.copyOf(outputs);
    }
}
