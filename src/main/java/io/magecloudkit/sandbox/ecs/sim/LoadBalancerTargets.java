package io.magecloudkit.sandbox.ecs.sim;

import io.magecloudkit.sandbox.ecs.EcsIds;
import io.magecloudkit.sandbox.ecs.EcsState.LoadBalancer;
import io.magecloudkit.sandbox.ecs.EcsState.Service;
import io.magecloudkit.sandbox.ecs.EcsState.Target;
import io.magecloudkit.sandbox.ecs.EcsState.TargetState;
import io.magecloudkit.sandbox.ecs.EcsState.Task;
import io.magecloudkit.sandbox.ecs.TargetGroupSettings;
import java.util.ArrayList;
import java.util.List;

/**
 * A task's registrations in its service's target groups, moved through ELBv2's states
 * initial → healthy / unhealthy → draining → gone on the target group's health check and
 * deregistration settings.
 */
final class LoadBalancerTargets {
    private final TargetGroupSettings.Directory targetGroups;
    private final EcsIds ids;

    LoadBalancerTargets(TargetGroupSettings.Directory targetGroups, EcsIds ids) {
        this.targetGroups = targetGroups;
        this.ids = ids;
    }

    /** Registers a task that just started in every target group of its service. */
    void register(Service service, Task task, long t) {
        if (service == null || service.loadBalancers == null) {
            return;
        }
        List<String> registeredIn = new ArrayList<>();
        for (LoadBalancer lb : service.loadBalancers) {
            String tgArn = lb.targetGroupArn();
            if (tgArn == null) {
                continue;
            }
            TargetGroupSettings tg = settings(tgArn);
            Target target = new Target();
            target.targetGroupArn = tgArn;
            boolean ip = "ip".equals(tg.targetType());
            target.id = ip ? task.privateIp : "i-0" + task.id.substring(0, 16);
            target.port = ip ? (lb.containerPort() == null ? 80 : lb.containerPort()) : 32768 + (int) (ids.next() % 28000);
            target.registeredAt = t;
            target.healthyAt = t + (long) tg.intervalSeconds() * tg.healthyThreshold() * 1000;
            task.targets.add(target);
            if (!registeredIn.contains(tgArn)) {
                registeredIn.add(tgArn);
            }
        }
        for (String tgArn : registeredIn) {
            ServiceEvents.add(service, t, "registered 1 targets in (target-group " + tgArn + ")");
        }
    }

    /** Moves the targets of a running task to healthy, or to unhealthy once its fault makes checks fail. */
    void check(Task task, long t) {
        boolean failing = task.targetsFail || task.targetsFailFrom != null && t >= task.targetsFailFrom;
        for (Target target : task.targets) {
            TargetGroupSettings tg = settings(target.targetGroupArn);
            if (failing && target.state != TargetState.unhealthy) {
                if (target.unhealthyAt == null) {
                    long from = Math.max(target.registeredAt, task.targetsFailFrom == null ? target.registeredAt : task.targetsFailFrom);
                    target.unhealthyAt = from + (long) tg.intervalSeconds() * tg.unhealthyThreshold() * 1000;
                }
                if (t >= target.unhealthyAt) {
                    target.state = TargetState.unhealthy;
                    target.reason = "Target.ResponseCodeMismatch";
                    target.description = "Health checks failed with these codes: [502]";
                }
            } else if (!failing && target.state == TargetState.initial && t >= target.healthyAt) {
                target.state = TargetState.healthy;
                target.reason = null;
                target.description = null;
            }
        }
    }

    /** Starts deregistering every target of a stopping task; returns the target groups it leaves. */
    List<String> drain(Task task, long t) {
        List<String> drained = new ArrayList<>();
        for (Target target : task.targets) {
            target.state = TargetState.draining;
            target.reason = "Target.DeregistrationInProgress";
            target.description = "Target deregistration is in progress";
            target.deregisteredAt = t;
            if (!drained.contains(target.targetGroupArn)) {
                drained.add(target.targetGroupArn);
            }
        }
        return drained;
    }

    /** Forgets the targets whose deregistration delay has passed. */
    void removeDrained(Task task, long t) {
        task.targets.removeIf(target -> target.deregisteredAt != null
                && t >= target.deregisteredAt + settings(target.targetGroupArn).deregistrationDelaySeconds() * 1000L);
    }

    private TargetGroupSettings settings(String tgArn) {
        TargetGroupSettings s = targetGroups.lookup(tgArn);
        return s != null ? s : TargetGroupSettings.DEFAULTS;
    }
}
