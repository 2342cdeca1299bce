package io.magecloudkit.sandbox.elbv2.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.magecloudkit.sandbox.elbv2.Listener;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class TrafficRoutingTest {
    static Listener listener(int port, String... actionTypes) {
        Listener l = new Listener();
        l.port = port;
        int order = 1;
        for (String type : actionTypes) {
            Listener.Action a = new Listener.Action();
            a.type = type;
            a.order = order++;
            l.defaultActions.add(a);
        }
        return l;
    }

    static Stream<Arguments> listeners() {
        Listener redirect80 = listener(80, "redirect");
        Listener forward443 = listener(443, "forward");
        Listener forward8080 = listener(8080, "forward");
        Listener fixed81 = listener(81, "fixed-response");
        return Stream.of(
                Arguments.of("no listener", List.of(), null, null),
                Arguments.of("the forwarding one over a lower redirecting one", List.of(redirect80, forward443), null, 443),
                Arguments.of("the lowest forwarding port", List.of(forward8080, redirect80, forward443), null, 443),
                Arguments.of("without a forwarding one, the lowest port", List.of(fixed81, redirect80), null, 80),
                Arguments.of("an explicit port", List.of(redirect80, forward443), 80, 80),
                Arguments.of("an explicit port without a listener", List.of(redirect80, forward443), 9000, null),
                Arguments.of("a listener whose rule forwards", List.of(redirect80, withRule(listener(443, "fixed-response"), 10,
                        List.of("/*"), List.of(), "forward")), null, 443));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("listeners")
    void listenerChoice(String why, List<Listener> listeners, Integer port, Integer expectedPort) {
        assertEquals(expectedPort, TrafficRouting.listener(listeners, port).map(l -> l.port).orElse(null));
    }

    static Stream<Arguments> targets() {
        return Stream.of(
                Arguments.of(0, 0L, -1),
                Arguments.of(0, 7L, -1),
                Arguments.of(1, 0L, 0),
                Arguments.of(1, 5L, 0),
                Arguments.of(3, 0L, 0),
                Arguments.of(3, 1L, 1),
                Arguments.of(3, 2L, 2),
                Arguments.of(3, 3L, 0),
                Arguments.of(2, Long.MAX_VALUE, 1));
    }

    @ParameterizedTest(name = "{0} healthy, request {1} -> {2}")
    @MethodSource("targets")
    void roundRobin(int healthy, long counter, int expected) {
        assertEquals(expected, TrafficRouting.target(healthy, counter));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("actions")
    void actionChoice(String why, Listener listener, String expectedType) {
        assertEquals(expectedType, TrafficRouting.action(listener, "shop-alb", "/").map(a -> a.type).orElse(null));
    }

    static Stream<Arguments> actions() {
        Listener reversed = listener(80, "fixed-response", "forward");
        reversed.defaultActions.get(0).order = 2;
        reversed.defaultActions.get(1).order = 1;
        return Stream.of(
                Arguments.of("the lowest order", reversed, "forward"),
                Arguments.of("authentication is passed over", listener(80, "authenticate-oidc", "forward"), "forward"),
                Arguments.of("only authentication", listener(80, "authenticate-cognito"), null));
    }

    static Listener withRule(Listener l, int priority, List<String> paths, List<String> hosts, String actionType) {
        Listener.Rule r = new Listener.Rule();
        r.arn = "rule-" + priority;
        r.priority = priority;
        r.pathPatterns.addAll(paths);
        r.hostHeaders.addAll(hosts);
        Listener.Action a = new Listener.Action();
        a.type = actionType;
        r.actions.add(a);
        l.rules.add(r);
        return l;
    }

    static Stream<Arguments> rules() {
        Listener catchAll = withRule(listener(443, "fixed-response"), 10, List.of("/*"), List.of(), "forward");
        Listener byPath = withRule(listener(443, "fixed-response"), 5, List.of("/static/*.css"), List.of(), "redirect");
        Listener both = withRule(withRule(listener(443, "fixed-response"), 20, List.of("/*"), List.of(), "forward"),
                3, List.of("/admin?"), List.of(), "redirect");
        Listener byHost = withRule(listener(443, "fixed-response"), 1, List.of(), List.of("SHOP-*.elb.amazonaws.com"), "forward");
        Listener other = withRule(listener(443, "fixed-response"), 1, List.of(), List.of(), "forward");
        other.rules.get(0).otherConditions = true;
        return Stream.of(
                Arguments.of("a catch-all path rule", catchAll, "shop-alb", "/health_check.php", "forward"),
                Arguments.of("a path rule that does not match: the default", byPath, "shop-alb", "/static/a.js", "fixed-response"),
                Arguments.of("a path rule that matches", byPath, "shop-alb", "/static/x/a.css", "redirect"),
                Arguments.of("the lowest priority of two matching", both, "shop-alb", "/admin1", "redirect"),
                Arguments.of("? is one character", both, "shop-alb", "/admin12", "forward"),
                Arguments.of("host names ignore case", byHost, "shop-1234.elb.amazonaws.com", "/", "forward"),
                Arguments.of("another host: the default", byHost, "blog-1.elb.amazonaws.com", "/", "fixed-response"),
                Arguments.of("a condition kind not simulated never matches", other, "shop-alb", "/", "fixed-response"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("rules")
    void ruleChoice(String why, Listener listener, String host, String path, String expectedType) {
        assertEquals(expectedType, TrafficRouting.action(listener, host, path).map(a -> a.type).orElse(null));
    }
}
