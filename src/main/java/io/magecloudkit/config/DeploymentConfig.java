package io.magecloudkit.config;

/** ECS rolling-deployment settings of one service. */
public record DeploymentConfig(int minimumHealthyPercent, int maximumPercent, int healthCheckGracePeriodSeconds) {
}
