package io.magecloudkit.provision;

import java.util.List;

/**
 * What a destroy run did.
 *
 * @param stacks  the environment's existing stacks in deletion order
 * @param deleted those deleted by this run (empty without --yes: a listing only)
 */
public record DestroyResult(String environment, boolean listedOnly, List<String> stacks, List<String> deleted) {
    public DestroyResult {
        stacks = List.copyOf(stacks);
        deleted = List.copyOf(deleted);
    }
}
