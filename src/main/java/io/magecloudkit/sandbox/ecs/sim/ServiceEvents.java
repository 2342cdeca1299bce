package io.magecloudkit.sandbox.ecs.sim;

import io.magecloudkit.sandbox.ecs.EcsState.Service;
import io.magecloudkit.sandbox.ecs.EcsState.ServiceEvent;
import io.magecloudkit.sandbox.ecs.EcsState.Task;
import java.util.List;
import java.util.UUID;

/** The service events ECS writes, in its wording, newest first and capped as DescribeServices shows them. */
final class ServiceEvents {
    static final int MAX_EVENTS = 100;
    static final long REPEAT_AFTER_MILLIS = 300_000;

    private ServiceEvents() {
    }

    static void add(Service service, long t, String message) {
        ServiceEvent e = new ServiceEvent();
        e.id = UUID.randomUUID().toString();
        e.createdAt = t;
        e.message = "(service " + service.name + ") " + message;
        service.events.add(0, e);
        while (service.events.size() > MAX_EVENTS) {
            service.events.remove(service.events.size() - 1);
        }
    }

    /**
     * Adds an event unless the newest one already says the same (the scheduler retries every
     * step; ECS repeats such a message only every few minutes).
     */
    static void addUnlessRepeated(Service service, long t, String message) {
        String full = "(service " + service.name + ") " + message;
        for (ServiceEvent e : service.events) {
            if (t - e.createdAt >= REPEAT_AFTER_MILLIS) {
                break;
            }
            if (e.message.equals(full)) {
                return;
            }
        }
        add(service, t, message);
    }

    static void started(Service service, long t, List<Task> started) {
        if (!started.isEmpty()) {
            add(service, t, "has started " + started.size() + " tasks:" + ids(started) + ".");
            service.steady = false;
        }
    }

    static void stopped(Service service, long t, List<Task> stopped) {
        if (!stopped.isEmpty()) {
            add(service, t, "has stopped " + stopped.size() + " running tasks:" + ids(stopped) + ".");
            service.steady = false;
        }
    }

    private static String ids(List<Task> tasks) {
        StringBuilder out = new StringBuilder();
        for (Task task : tasks) {
            out.append(" (task ").append(task.id).append(")");
        }
        return out.toString();
    }
}
