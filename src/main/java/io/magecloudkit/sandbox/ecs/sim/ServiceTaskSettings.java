package io.magecloudkit.sandbox.ecs.sim;

import io.magecloudkit.sandbox.ecs.EcsState;
import io.magecloudkit.sandbox.ecs.EcsState.CapacityProviderStrategyItem;
import io.magecloudkit.sandbox.ecs.EcsState.Deployment;
import io.magecloudkit.sandbox.ecs.EcsState.Service;
import io.magecloudkit.sandbox.ecs.EcsState.Task;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What a service gives the tasks it starts, as ECS documents it: the capacity provider of its strategy that
 * launches each (base first, then by weight), ECS Exec, the managed tags (aws:ecs:clusterName,
 * aws:ecs:serviceName) and the tags propagated from the service or the task definition.
 */
final class ServiceTaskSettings {
    private ServiceTaskSettings() {
    }

    static void apply(EcsState state, Service service, Deployment deployment, Task task) {
        task.capacityProviderName = provider(deployment.capacityProviderStrategy, countsByProvider(state, service, task));
        task.enableExecuteCommand = service.enableExecuteCommand;
        Map<String, String> tags = new LinkedHashMap<>();
        if (service.enableECSManagedTags) {
            tags.put("aws:ecs:clusterName", service.clusterArn.substring(service.clusterArn.indexOf('/') + 1));
            tags.put("aws:ecs:serviceName", service.name);
        }
        String from = switch (service.propagateTags) {
            case "SERVICE" -> service.arn;
            case "TASK_DEFINITION" -> task.taskDefinitionArn;
            default -> null;
        };
        if (from != null) {
            tags.putAll(state.tags.getOrDefault(from, Map.of()));
        }
        if (!tags.isEmpty()) {
            state.tags.computeIfAbsent(task.arn, k -> new LinkedHashMap<>()).putAll(tags);
        }
    }

    /**
     * The provider for the next task: the first whose base is not yet met, else the one furthest below its share of
     * the weights (of the tasks beyond the bases); null without a strategy. Pure, for the table test.
     */
    static String provider(List<CapacityProviderStrategyItem> strategy, Map<String, Integer> running) {
        for (CapacityProviderStrategyItem item : strategy) {
            if (running.getOrDefault(item.capacityProvider(), 0) < item.base()) {
                return item.capacityProvider();
            }
        }
        String best = null;
        double lowest = Double.MAX_VALUE;
        for (CapacityProviderStrategyItem item : strategy) {
            if (item.weight() > 0) {
                // The weights share out the tasks beyond the bases.
                double load = (Math.max(0, running.getOrDefault(item.capacityProvider(), 0) - item.base()) + 1.0) / item.weight();
                if (load < lowest) {
                    lowest = load;
                    best = item.capacityProvider();
                }
            }
        }
        return best != null || strategy.isEmpty() ? best : strategy.get(0).capacityProvider();
    }

    private static Map<String, Integer> countsByProvider(EcsState state, Service service, Task except) {
        Map<String, Integer> counts = new LinkedHashMap<>();
        for (Task t : state.tasksOf(service)) {
            if (t != except && t.active() && t.capacityProviderName != null) {
                counts.merge(t.capacityProviderName, 1, Integer::sum);
            }
        }
        return counts;
    }
}
