package io.magecloudkit.sandbox.elbv2.sim;

import io.magecloudkit.sandbox.elbv2.Listener;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/** The pure choices a load balancer makes for one request: which listener, which action, which target. */
public final class TrafficRouting {
    private TrafficRouting() {
    }

    /**
     * The listener on {@code port}, or without a port the lowest-port listener that forwards to a
     * target group by a rule or its default action (an HTTP listener that only redirects to HTTPS
     * is passed over).
     */
    public static Optional<Listener> listener(List<Listener> listeners, Integer port) {
        if (port != null) {
            return listeners.stream().filter(l -> l.port == port).findFirst();
        }
        Comparator<Listener> byPort = Comparator.comparingInt(l -> l.port);
        Optional<Listener> forwarding = listeners.stream()
                .filter(l -> forwards(l.defaultActions) || l.rules.stream().anyMatch(r -> forwards(r.actions))).min(byPort);
        return forwarding.isPresent() ? forwarding : listeners.stream().min(byPort);
    }

    private static boolean forwards(List<Listener.Action> actions) {
        return actions.stream().anyMatch(a -> "forward".equals(a.type));
    }

    /**
     * The action that answers: that of the matching rule of lowest priority, else the default
     * actions'; of several, the lowest Order, else the first given (authentication actions are
     * not simulated).
     *
     * @param host the host the request named (the load balancer's name or DNS name)
     * @param path the request's path without its query string
     */
    public static Optional<Listener.Action> action(Listener listener, String host, String path) {
        List<Listener.Action> actions = listener.rules.stream().sorted(Comparator.comparingInt(r -> r.priority))
                .filter(r -> matches(r, host, path)).findFirst().map(r -> r.actions).orElse(listener.defaultActions);
        return actions.stream().filter(a -> !a.type.startsWith("authenticate-"))
                .min(Comparator.comparingInt(a -> a.order == null ? Integer.MAX_VALUE : a.order));
    }

    static boolean matches(Listener.Rule rule, String host, String path) {
        return !rule.otherConditions
                && (rule.pathPatterns.isEmpty() || rule.pathPatterns.stream().anyMatch(p -> glob(p, path, false)))
                && (rule.hostHeaders.isEmpty() || rule.hostHeaders.stream().anyMatch(h -> glob(h, host, true)));
    }

    /** ELB's condition wildcards: * any run of characters, ? one; host names compare without case. */
    static boolean glob(String pattern, String value, boolean ignoreCase) {
        StringBuilder regex = new StringBuilder();
        for (char c : pattern.toCharArray()) {
            regex.append(c == '*' ? ".*" : c == '?' ? "." : java.util.regex.Pattern.quote(String.valueOf(c)));
        }
        int flags = ignoreCase ? java.util.regex.Pattern.CASE_INSENSITIVE : 0;
        return java.util.regex.Pattern.compile(regex.toString(), flags).matcher(value).matches();
    }

    /** Round robin: the {@code counter}-th of the healthy targets (-1 when there is none). */
    public static int target(int healthyCount, long counter) {
        return healthyCount == 0 ? -1 : (int) Math.floorMod(counter, (long) healthyCount);
    }
}
