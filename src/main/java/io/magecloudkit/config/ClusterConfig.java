package io.magecloudkit.config;

import java.util.List;

/**
 * One ECS cluster of EC2 app servers in an environment.
 *
 * @param apps the apps whose services run on this cluster, in file order
 */
public record ClusterConfig(String name, String instanceType, int minSize, int maxSize, int desiredCapacity,
        List<String> apps) {
    public ClusterConfig {
        apps = List.copyOf(apps);
    }
}
