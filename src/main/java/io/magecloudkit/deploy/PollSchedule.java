package io.magecloudkit.deploy;

import java.time.Duration;

/**
 * How long the gate waits between looks: often while a verdict can come any moment (the first
 * minutes of a rollout), then less. At the fastest it makes about two ECS calls a second, far
 * under ECS's DescribeServices limit (a bucket of 100, refilled at 20 a second). Pure.
 */
public final class PollSchedule {
    private PollSchedule() {
    }

    public static Duration interval(Duration elapsed) {
        long s = elapsed.toSeconds();
        if (s < 60) {
            return Duration.ofSeconds(2);
        }
        if (s < 300) {
            return Duration.ofSeconds(5);
        }
        return Duration.ofSeconds(10);
    }
}
