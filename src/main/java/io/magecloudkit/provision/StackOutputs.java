package io.magecloudkit.provision;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/** The outputs of stacks that exist already, by stack name and output key. */
public record StackOutputs(Map<String, Map<String, String>> byStack) {

    /** No stack exists yet (offline rendering). */
    public static final StackOutputs NONE = new StackOutputs(Map.of());

    public StackOutputs {
        Map<String, Map<String, String>> copy = new LinkedHashMap<>();
        byStack.forEach((k, v) -> copy.put(k, Collections.unmodifiableMap(new LinkedHashMap<>(v))));
        byStack = Collections.unmodifiableMap(copy);
    }

    public Optional<String> get(String stack, String output) {
        return Optional.ofNullable(byStack.getOrDefault(stack, Map.of()).get(output));
    }
}
