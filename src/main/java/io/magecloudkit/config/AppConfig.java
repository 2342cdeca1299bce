package io.magecloudkit.config;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One app: one ECS service, one task definition family.
 *
 * @param kind       {@code magento}, {@code wordpress} or {@code generic}
 * @param containers every container the kind knows (disabled ones included), in task order
 * @param cpu        task-level CPU units
 * @param memory     task-level memory in MiB
 * @param secrets    environment variable name → where its value lives
 * @param cron       the cron runner (Magento apps)
 * @param consumers  the message-queue consumers (Magento apps)
 */
public record AppConfig(String name, String kind, Map<String, ContainerConfig> containers, int desiredCount, int cpu,
        int memory, String healthCheckPath, Map<String, String> environment, Map<String, SecretRef> secrets,
        DeploymentConfig deployment, CronConfig cron, ConsumersConfig consumers) {

    /** An app with its kind's cron runner and consumers. */
    public AppConfig(String name, String kind, Map<String, ContainerConfig> containers, int desiredCount, int cpu,
            int memory, String healthCheckPath, Map<String, String> environment, Map<String, SecretRef> secrets,
            DeploymentConfig deployment) {
        this(name, kind, containers, desiredCount, cpu, memory, healthCheckPath, environment, secrets, deployment,
                CronConfig.defaults(kind), ConsumersConfig.DEFAULTS);
    }

    public AppConfig {
        containers = ordered(containers);
        environment = ordered(environment);
        secrets = ordered(secrets);
    }

    /** The containers that run, in task order. */
    public List<ContainerConfig> enabledContainers() {
        return containers.values().stream().filter(ContainerConfig::enabled).toList();
    }

    private static <V> Map<String, V> ordered(Map<String, V> map) {
        return Collections.unmodifiableMap(new LinkedHashMap<>(map));
    }
}
