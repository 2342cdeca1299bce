package io.magecloudkit.sandbox.ecs.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The rolling update's decisions, one scheduler step per row. Tasks are written "o1+":
 * o = of an old deployment, n = of the new (primary) one; + healthy, - not (yet) healthy;
 * they are listed in launch order.
 */
class RollingUpdateTest {

    static List<RollingUpdate.Candidate> tasks(String spec) {
        List<RollingUpdate.Candidate> out = new ArrayList<>();
        if (spec == null) {
            return out;
        }
        String[] items = spec.split(" ");
        for (int i = 0; i < items.length; i++) {
            String item = items[i];
            out.add(new RollingUpdate.Candidate(item.substring(0, item.length() - 1), item.startsWith("n"), item.endsWith("+"), i));
        }
        return out;
    }

    static List<String> ids(String spec) {
        return spec == null ? List.of() : Arrays.asList(spec.split(" "));
    }

    @ParameterizedTest(name = "desired {0}, min {1}%, max {2}%, launching {3}, tasks [{4}]: stop [{5}], start {6}")
    @CsvSource(delimiter = '|', textBlock = """
            # AWS's documented example: two old tasks go at once, four new ones start.
            4 |  50 | 200 | true  | o1+ o2+ o3+ o4+                 | o1 o2       | 4
            # maximumPercent 100: stop first, then start into the room made.
            4 |  50 | 100 | true  | o1+ o2+ o3+ o4+                 | o1 o2       | 2
            # minimumHealthyPercent 100: nothing old stops until new tasks are healthy.
            4 | 100 | 200 | true  | o1+ o2+ o3+ o4+                 |             | 4
            4 | 100 | 200 | true  | o1+ o2+ o3+ o4+ n5- n6- n7- n8- |             | 0
            4 | 100 | 200 | true  | o1+ o2+ o3+ o4+ n5+ n6+ n7+ n8+ | o1 o2 o3 o4 | 0
            # Unhealthy tasks stop whatever the minimum, before healthy ones.
            2 | 100 | 200 | true  | o1+ o2-                         | o2          | 2
            2 |  50 | 200 | true  | o1+ o2- o3+                     | o2 o1       | 2
            # Scaling in: the surplus new tasks go, unhealthy and then youngest first.
            1 | 100 | 200 | true  | n1+ n2+ n3+                     | n3 n2       | 0
            1 | 100 | 200 | true  | n1+ n2- n3+                     | n2 n3       | 0
            0 | 100 | 200 | true  | n1+ n2+                         | n2 n1       | 0
            # A failed deployment starts nothing more; the old tasks keep serving.
            2 | 100 | 200 | false | o1+ o2+                         |             | 0
            # Steady: nothing to do.
            3 | 100 | 200 | true  | n1+ n2+ n3+                     |             | 0
            # Rounding: ceil for the minimum (ceil(3 x 50%) = 2), floor for the maximum (floor(3 x 150%) = 4).
            3 |  50 | 150 | true  | o1+ o2+ o3+                     | o1          | 2
            """)
    void step(int desired, int minPercent, int maxPercent, boolean launching, String tasks, String stop, int start) {
        RollingUpdate.Step step = RollingUpdate.step(new RollingUpdate.Limits(desired, minPercent, maxPercent), launching, tasks(tasks));
        assertEquals(ids(stop), step.stop());
        assertEquals(start, step.start());
    }

    @ParameterizedTest(name = "desired {0}, primary tasks healthy [{1}], others [{2}]: settled {3}")
    @CsvSource(delimiter = '|', textBlock = """
            2 | true true      |                   | true
            2 | true           |                   | false
            2 | true false     |                   | false
            2 | true true true |                   | false
            0 |                |                   | true
            # An old deployment with tasks left keeps the rollout going.
            2 | true true      | live              | false
            2 | true true      | gone              | false
            # A failed deployment whose tasks are gone does not (it stays listed during a rollback).
            2 | true true      | failed-gone       | true
            2 | true true      | failed-live       | false
            2 | true true      | failed-gone live  | false
            """)
    void settled(int desired, String primaryHealthy, String others, boolean expected) {
        List<Boolean> healthy = ids(primaryHealthy).stream().map(Boolean::parseBoolean).toList();
        List<RollingUpdate.OtherDeployment> deployments = ids(others).stream()
                .map(d -> new RollingUpdate.OtherDeployment(d.startsWith("failed"), d.endsWith("live"))).toList();
        assertEquals(expected, RollingUpdate.settled(desired, healthy, deployments));
    }

    @ParameterizedTest(name = "primary completed {0}, old failed {1}, old has live tasks {2}: retires {3}")
    @CsvSource({
            "true,  false, false, true",
            "true,  true,  false, true",
            "false, false, false, true",
            "false, true,  false, false",
            "true,  false, true,  false",
            "false, false, true,  false",
            "false, true,  true,  false",
    })
    void retires(boolean primaryCompleted, boolean failed, boolean live, boolean expected) {
        assertEquals(expected, RollingUpdate.retires(primaryCompleted, new RollingUpdate.OtherDeployment(failed, live)));
    }
}
