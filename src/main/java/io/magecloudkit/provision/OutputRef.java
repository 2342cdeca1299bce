package io.magecloudkit.provision;

import java.util.List;

/**
 * Where a stack parameter's value comes from when another stack produces it: outputs of an
 * earlier stack, joined with commas when there are several (subnet lists).
 */
public record OutputRef(String stack, List<String> outputs) {
    public OutputRef {
        outputs = List.copyOf(outputs);
        if (outputs.isEmpty()) {
            throw new IllegalArgumentException("an output reference names at least one output");
        }
    }

    @Override
    public String toString() {
        return stack + "." + String.join(",", outputs);
    }
}
