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
     * target group (an HTTP listener that only redirects to HTTPS is passed over).
     */
    public static Optional<Listener> listener(List<Listener> listeners, Integer port) {
        if (port != null) {
            return listeners.stream().filter(l -> l.port == port).findFirst();
        }
        Comparator<Listener> byPort = Comparator.comparingInt(l -> l.port);
        Optional<Listener> forwarding = listeners.stream()
                .filter(l -> l.defaultActions.stream().anyMatch(a -> "forward".equals(a.type))).min(byPort);
        return forwarding.isPresent() ? forwarding : listeners.stream().min(byPort);
    }

    /** The action that answers: the lowest Order, else the first given (authentication actions are not simulated). */
    public static Optional<Listener.Action> action(Listener listener) {
        return listener.defaultActions.stream().filter(a -> !a.type.startsWith("authenticate-"))
                .min(Comparator.comparingInt(a -> a.order == null ? Integer.MAX_VALUE : a.order));
    }

    /** Round robin: the {@code counter}-th of the healthy targets (-1 when there is none). */
    public static int target(int healthyCount, long counter) {
        return healthyCount == 0 ? -1 : (int) Math.floorMod(counter, (long) healthyCount);
    }
}
