package io.magecloudkit.sandbox.elbv2.sim;

import io.magecloudkit.sandbox.ecs.EcsState;
import io.magecloudkit.sandbox.elbv2.Elbv2State;
import io.magecloudkit.sandbox.elbv2.Listener;
import io.magecloudkit.sandbox.elbv2.LoadBalancer;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Serves HTTP through a sandbox load balancer: a request goes to one healthy target of the
 * listener's target group (round robin) and gets the answer configured for that task's images,
 * or a default naming the task definition and images, so a caller sees which revision served.
 */
public final class LoadBalancerTraffic {
    /** An HTTP answer; headers keep their order. */
    public record Answer(int status, String contentType, String body, Map<String, String> headers) {
        static Answer text(int status, String body) {
            return new Answer(status, "text/plain; charset=utf-8", body, Map.of());
        }
    }

    private final Elbv2State state;
    private final EcsState ecs;
    private final ImageAnswer.Source answers;
    private final Map<String, Long> served = new HashMap<>();

    public LoadBalancerTraffic(Elbv2State state, EcsState ecs, ImageAnswer.Source answers) {
        this.state = state;
        this.ecs = ecs;
        this.answers = answers;
    }

    /**
     * @param loadBalancer its name or DNS name
     * @param port         the listener's port, or null for the first forwarding listener
     * @param pathAndQuery the request's path (with its query string), starting with "/"
     */
    public Answer serve(String loadBalancer, Integer port, String pathAndQuery) {
        LoadBalancer lb = state.loadBalancers.values().stream()
                .filter(b -> b.name.equals(loadBalancer) || b.dnsName.equalsIgnoreCase(loadBalancer)).findFirst().orElse(null);
        if (lb == null) {
            return Answer.text(404, "The sandbox has no load balancer named '" + loadBalancer + "'.\n");
        }
        List<Listener> listeners = state.listeners.values().stream().filter(l -> l.loadBalancerArn.equals(lb.arn)).toList();
        Optional<Listener> listener = TrafficRouting.listener(listeners, port);
        if (listener.isEmpty()) {
            // A real load balancer refuses the connection on a port without a listener.
            return Answer.text(503, "Load balancer '" + lb.name + "' has no listener" + (port == null ? "" : " on port " + port) + ".\n");
        }
        String path = pathAndQuery.contains("?") ? pathAndQuery.substring(0, pathAndQuery.indexOf('?')) : pathAndQuery;
        Listener.Action action = TrafficRouting.action(listener.get(), loadBalancer, path).orElse(null);
        if (action == null) {
            return Answer.text(503, "Listener on port " + listener.get().port + " has no action the sandbox simulates.\n");
        }
        return switch (action.type) {
            case "fixed-response" -> new Answer(Integer.parseInt(action.statusCode),
                    action.contentType == null ? "text/plain" : action.contentType, action.messageBody == null ? "" : action.messageBody, Map.of());
            case "redirect" -> redirect(lb, listener.get(), action, pathAndQuery);
            default -> forward(action.targetGroupArn, pathAndQuery);
        };
    }

    private Answer forward(String targetGroupArn, String pathAndQuery) {
        List<EcsState.Task> healthy = new ArrayList<>();
        for (EcsState.Task task : ecs.tasks.values()) {
            if (task.targets.stream().anyMatch(t -> targetGroupArn.equals(t.targetGroupArn) && t.state == EcsState.TargetState.healthy)) {
                healthy.add(task);
            }
        }
        healthy.sort(Comparator.comparing(t -> t.arn));
        long counter = served.merge(targetGroupArn, 1L, Long::sum) - 1;
        int pick = TrafficRouting.target(healthy.size(), counter);
        if (pick < 0) {
            return new Answer(503, "text/html", "<html><head><title>503 Service Temporarily Unavailable</title></head><body>"
                    + "<center><h1>503 Service Temporarily Unavailable</h1></center></body></html>\n", Map.of());
        }
        EcsState.Task task = healthy.get(pick);
        List<String> images = task.containers.stream().map(c -> c.image).toList();
        String revision = task.taskDefinitionArn.substring(task.taskDefinitionArn.indexOf("task-definition/") + "task-definition/".length());
        String path = pathAndQuery.contains("?") ? pathAndQuery.substring(0, pathAndQuery.indexOf('?')) : pathAndQuery;
        ImageAnswer configured = answers.forTask(task.family, images, path);
        String body = configured != null && configured.body() != null ? configured.body()
                : "task " + task.id + " of " + revision + " answered " + pathAndQuery + "\n"
                        + "taskDefinition: " + task.taskDefinitionArn + "\n"
                        + "images: " + String.join(", ", images) + "\n";
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("X-Sandbox-Task", task.arn);
        headers.put("X-Sandbox-Task-Definition", task.taskDefinitionArn);
        return new Answer(configured == null ? 200 : configured.status(), "text/plain; charset=utf-8", body, headers);
    }

    /** AWS's placeholders (#{protocol}, #{host}, #{port}, #{path}, #{query}) filled from the request. */
    private static Answer redirect(LoadBalancer lb, Listener listener, Listener.Action a, String pathAndQuery) {
        int q = pathAndQuery.indexOf('?');
        String path = (q < 0 ? pathAndQuery : pathAndQuery.substring(0, q)).substring(1);
        String query = q < 0 ? "" : pathAndQuery.substring(q + 1);
        String protocol = fill(a.redirectProtocol == null ? "#{protocol}" : a.redirectProtocol, listener, lb, path, query);
        String port = fill(a.redirectPort == null ? "#{port}" : a.redirectPort, listener, lb, path, query);
        String host = fill(a.redirectHost == null ? "#{host}" : a.redirectHost, listener, lb, path, query);
        String target = fill(a.redirectPath == null ? "/#{path}" : a.redirectPath, listener, lb, path, query);
        String targetQuery = fill(a.redirectQuery == null ? "#{query}" : a.redirectQuery, listener, lb, path, query);
        String location = protocol.toLowerCase(java.util.Locale.ROOT) + "://" + host + ":" + port + target
                + (targetQuery.isEmpty() ? "" : "?" + targetQuery);
        return new Answer("HTTP_301".equals(a.statusCode) ? 301 : 302, "text/html", "", Map.of("Location", location));
    }

    private static String fill(String template, Listener listener, LoadBalancer lb, String path, String query) {
        return template.replace("#{protocol}", listener.protocol).replace("#{port}", String.valueOf(listener.port))
                .replace("#{host}", lb.dnsName).replace("#{path}", path).replace("#{query}", query);
    }
}
