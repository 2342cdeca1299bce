package io.magecloudkit.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The timers a service's events show of its last rollouts, case by case. */
class RolloutHistoryTest {
    static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");
    static final String TG = " targets in (target-group arn:aws:elasticloadbalancing:us-east-1:1:targetgroup/shop/abc)";

    /** "seconds:kind" per event, oldest first: started, registered, deregistered, stopped, steady, completed. */
    static List<RolloutHistory.Event> events(String spec) {
        List<RolloutHistory.Event> out = new ArrayList<>();
        for (String one : spec.trim().split("\\s+")) {
            String[] p = one.split(":");
            String message = switch (p[1]) {
                case "started" -> "(service shop) has started 2 tasks: (task a) (task b).";
                case "registered" -> "(service shop) registered 1" + TG;
                case "deregistered" -> "(service shop) deregistered 1" + TG;
                case "stopped" -> "(service shop) has stopped 1 running tasks: (task c).";
                case "steady" -> "(service shop) has reached a steady state.";
                case "completed" -> "(service shop) (deployment ecs-svc/1) deployment completed.";
                default -> "(service shop) " + p[1];
            };
            out.add(new RolloutHistory.Event(T0.plusSeconds(Long.parseLong(p[0])), message));
        }
        return out;
    }

    static Duration seconds(String s) {
        return "-".equals(s.trim()) ? null : Duration.ofSeconds(Long.parseLong(s.trim()));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        // case                              | events                                                                     | launch | healthy | drain
        "a service created                   | 0:started 25:registered 26:registered 46:completed 46:steady                | 25     | 20      | -",
        "then scaled out: the newest counts  | 0:started 30:registered 50:steady 100:started 125:registered 145:steady     | 25     | 20      | -",
        "a rolling deploy                    | 0:deregistered 0:stopped 0:started 25:registered 28:registered 47:deregistered 47:stopped 48:deregistered 48:stopped 80:completed 80:steady | 25 | 19 | 32",
        "no load balancer: nothing measured  | 0:started 25:steady                                                         | -      | -       | -",
        "steady states alone measure nothing | 0:steady 21600:steady                                                       | -      | -       | -",
        "a drain without a completion        | 0:started 25:registered 45:deregistered 45:stopped                          | 25     | 20      | -",
    })
    void measures(String name, String spec, String launch, String healthy, String drain) {
        RolloutHistory.Measured m = RolloutHistory.read(events(spec));
        assertEquals(seconds(launch), m.launch(), "launch");
        assertEquals(seconds(healthy), m.healthy(), "healthy");
        assertEquals(seconds(drain), m.drainToCompleted(), "drain");
    }
}
