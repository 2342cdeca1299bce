package io.magecloudkit.provision;

import java.util.List;
import java.util.Optional;

/** Every stack of one environment, in the order they are created (each after the stacks it depends on). */
public record StackPlan(String project, String environment, String region, List<RenderedStack> stacks) {
    public StackPlan {
        stacks = List.copyOf(stacks);
    }

    public Optional<RenderedStack> stack(String name) {
        return stacks.stream().filter(s -> s.name().equals(name)).findFirst();
    }
}
