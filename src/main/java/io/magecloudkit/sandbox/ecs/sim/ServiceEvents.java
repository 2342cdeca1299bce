package io.magecloudkit.sandbox.ecs.sim;

import io.magecloudkit.sandbox.ecs.EcsState.Service;
import io.magecloudkit.sandbox.ecs.EcsState.ServiceEvent;
import io.magecloudkit.sandbox.ecs.EcsState.Task;
import java.util.List;
import java.util.UUID;

/** The service events ECS writes, in its wording, newest first and capped as DescribeServices shows them. */
final class ServiceEvents {
    static final int MAX_EVENTS = 100;

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
