package io.magecloudkit.sandbox.ecs;

/**
 * What the ECS simulation needs of a target group to move its targets through
 * initial → healthy / unhealthy → draining, with ELBv2's defaults for an ALB target group.
 */
public record TargetGroupSettings(String targetType, int intervalSeconds, int healthyThreshold, int unhealthyThreshold,
        int deregistrationDelaySeconds) {
    public static final TargetGroupSettings DEFAULTS = new TargetGroupSettings("instance", 30, 5, 2, 300);

    /** Finds the settings of a target group by ARN; null when the sandbox does not know it. */
    public interface Directory {
        TargetGroupSettings lookup(String targetGroupArn);
    }
}
