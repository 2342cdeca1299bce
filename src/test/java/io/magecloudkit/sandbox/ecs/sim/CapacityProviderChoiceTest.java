package io.magecloudkit.sandbox.ecs.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.magecloudkit.sandbox.ecs.EcsState.CapacityProviderStrategyItem;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Which provider of a strategy launches a service's next tasks: the bases first, then in proportion to the weights. */
class CapacityProviderChoiceTest {
    /** @param strategy "name:weight:base ..." @param expected the providers of the next tasks, one after the other */
    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', textBlock = """
            a:1:0                | a a a
            a:1:2 b:1:0          | a a a b a b
            a:1:0 b:3:0          | b b a b b b a b
            a:0:1 b:1:0          | a b b b
            a:2:0 b:0:0          | a a a
            """)
    void nextProviders(String strategy, String expected) {
        List<CapacityProviderStrategyItem> items = new ArrayList<>();
        for (String item : strategy.split(" ")) {
            String[] p = item.split(":");
            items.add(new CapacityProviderStrategyItem(p[0], Integer.parseInt(p[1]), Integer.parseInt(p[2])));
        }
        Map<String, Integer> running = new LinkedHashMap<>();
        List<String> chosen = new ArrayList<>();
        for (int i = 0; i < expected.split(" ").length; i++) {
            String next = ServiceTaskSettings.provider(items, running);
            chosen.add(next);
            running.merge(next, 1, Integer::sum);
        }
        assertEquals(expected, String.join(" ", chosen));
    }

    @org.junit.jupiter.api.Test
    void withoutAStrategy_noProvider() {
        assertEquals(null, ServiceTaskSettings.provider(List.of(), Map.of()));
    }
}
