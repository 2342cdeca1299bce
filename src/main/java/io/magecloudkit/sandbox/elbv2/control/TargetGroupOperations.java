package io.magecloudkit.sandbox.elbv2.control;

import io.magecloudkit.sandbox.SandboxError;
import io.magecloudkit.sandbox.ecs.EcsState;
import io.magecloudkit.sandbox.ecs.TargetGroupSettings;
import io.magecloudkit.sandbox.elbv2.Elbv2State;
import io.magecloudkit.sandbox.elbv2.TargetGroup;
import java.util.ArrayList;
import java.util.List;

/**
 * Target groups (made by CloudFormation) and their health. Targets are not registered through
 * the API: they follow the ECS tasks of the services attached to each group, as with
 * ECS-managed registration.
 */
public final class TargetGroupOperations implements TargetGroupSettings.Directory {
    private final Elbv2State state;
    private final EcsState ecs;
    private final LoadBalancerOperations loadBalancers;

    TargetGroupOperations(Elbv2State state, EcsState ecs, LoadBalancerOperations loadBalancers) {
        this.state = state;
        this.ecs = ecs;
        this.loadBalancers = loadBalancers;
    }

    public void put(TargetGroup tg) {
        state.targetGroups.put(tg.arn, tg);
    }

    public TargetGroup remove(String arn) {
        return state.targetGroups.remove(arn);
    }

    /** The target group, or null. */
    public TargetGroup find(String arn) {
        return state.targetGroups.get(arn);
    }

    public TargetGroup get(String arn) {
        TargetGroup tg = state.targetGroups.get(arn);
        if (tg == null) {
            throw new SandboxError(400, "TargetGroupNotFound", "One or more target groups not found");
        }
        return tg;
    }

    public List<TargetGroup> describe(List<String> arns, List<String> names, String loadBalancerArn) {
        List<TargetGroup> found = new ArrayList<>();
        if (!arns.isEmpty()) {
            for (String arn : arns) {
                found.add(get(arn));
            }
        } else if (!names.isEmpty()) {
            for (String name : names) {
                found.add(state.targetGroups.values().stream().filter(g -> g.name.equals(name)).findFirst()
                        .orElseThrow(() -> new SandboxError(400, "TargetGroupNotFound", "One or more target groups not found")));
            }
        } else {
            if (loadBalancerArn != null) {
                loadBalancers.get(loadBalancerArn);
            }
            for (TargetGroup tg : state.targetGroups.values()) {
                if (loadBalancerArn == null || tg.loadBalancerArns.contains(loadBalancerArn)) {
                    found.add(tg);
                }
            }
        }
        return found;
    }

    /**
     * The attributes of a target group the sandbox models (the deregistration delay its targets drain for)
     * and the defaults AWS shows for the others it lists.
     */
    public java.util.Map<String, String> attributes(String arn) {
        TargetGroup tg = describe(List.of(arn), List.of(), null).get(0);
        java.util.Map<String, String> out = new java.util.LinkedHashMap<>();
        out.put("deregistration_delay.timeout_seconds", String.valueOf(tg.deregistrationDelaySeconds));
        out.put("stickiness.enabled", "false");
        out.put("stickiness.type", "lb_cookie");
        out.put("load_balancing.algorithm.type", "round_robin");
        out.put("slow_start.duration_seconds", "0");
        return out;
    }

    /** The targets registered in the group (by the ECS tasks attached to it), optionally only those ids. */
    public List<EcsState.Target> health(String targetGroupArn, List<String> onlyIds) {
        if (targetGroupArn == null) {
            throw Elbv2Checks.validation("1 validation error detected: Value null at 'targetGroupArn' failed to satisfy constraint: Member must not be null");
        }
        if (!state.targetGroups.containsKey(targetGroupArn)) {
            throw new SandboxError(400, "TargetGroupNotFound", "Target groups '" + targetGroupArn + "' not found");
        }
        List<EcsState.Target> out = new ArrayList<>();
        for (EcsState.Task task : ecs.tasks.values()) {
            for (EcsState.Target target : task.targets) {
                if (targetGroupArn.equals(target.targetGroupArn) && (onlyIds.isEmpty() || onlyIds.contains(target.id))) {
                    out.add(target);
                }
            }
        }
        return out;
    }

    @Override
    public TargetGroupSettings lookup(String targetGroupArn) {
        TargetGroup tg = state.targetGroups.get(targetGroupArn);
        return tg == null ? null : new TargetGroupSettings(tg.targetType, tg.healthCheckIntervalSeconds, tg.healthyThresholdCount,
                tg.unhealthyThresholdCount, tg.deregistrationDelaySeconds);
    }
}
