package io.magecloudkit.provision;

import io.magecloudkit.MckException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Groups stacks into waves: every stack of a wave depends only on stacks of earlier waves, so the
 * stacks of one wave can change in parallel. Pure; the plan's order is kept inside each wave.
 */
public final class ProvisionWaves {
    private ProvisionWaves() {
    }

    /** Creation order: dependencies first. A dependency outside the list counts as already there. */
    public static List<List<RenderedStack>> of(List<RenderedStack> stacks) {
        Set<String> names = new HashSet<>();
        stacks.forEach(s -> names.add(s.name()));
        List<List<RenderedStack>> waves = new ArrayList<>();
        Set<String> placed = new HashSet<>();
        List<RenderedStack> left = new ArrayList<>(stacks);
        while (!left.isEmpty()) {
            List<RenderedStack> wave = left.stream()
                    .filter(s -> s.dependsOn().stream().allMatch(d -> placed.contains(d) || !names.contains(d)))
                    .toList();
            if (wave.isEmpty()) {
                throw new MckException(MckException.Kind.USAGE, "the stacks depend on each other in a cycle: "
                        + left.stream().map(RenderedStack::name).toList());
            }
            waves.add(wave);
            wave.forEach(s -> placed.add(s.name()));
            left.removeAll(wave);
        }
        return waves;
    }

    /** Deletion order: the creation waves reversed, so nothing is deleted while a stack still uses it. */
    public static List<List<RenderedStack>> reversed(List<RenderedStack> stacks) {
        List<List<RenderedStack>> waves = new ArrayList<>(of(stacks));
        java.util.Collections.reverse(waves);
        return waves;
    }
}
