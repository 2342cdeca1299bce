package io.magecloudkit.sandbox.server;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import io.magecloudkit.sandbox.elbv2.sim.LoadBalancerTraffic;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.UUID;

/**
 * HTTP through the sandbox's load balancers: {@code /_sandbox/lb/NAME/PATH} (NAME the load
 * balancer's name or DNS name, optionally {@code NAME:PORT} for one listener) answers as a
 * request to {@code http://DNS-NAME/PATH} would. Unsigned, like the rest of {@code /_sandbox/}.
 */
public final class LoadBalancerHandler implements HttpHandler {
    public static final String PREFIX = "/_sandbox/lb/";

    private final SandboxCore core;

    public LoadBalancerHandler(SandboxCore core) {
        this.core = core;
    }

    @Override
    public void handle(HttpExchange exchange) throws IOException {
        exchange.getRequestBody().readAllBytes();
        String rest = exchange.getRequestURI().getRawPath().substring(PREFIX.length());
        int slash = rest.indexOf('/');
        String target = slash < 0 ? rest : rest.substring(0, slash);
        String path = slash < 0 ? "/" : rest.substring(slash);
        String query = exchange.getRequestURI().getRawQuery();
        String pathAndQuery = query == null ? path : path + "?" + query;
        LoadBalancerTraffic.Answer answer;
        int colon = target.lastIndexOf(':');
        if (target.isEmpty()) {
            answer = new LoadBalancerTraffic.Answer(404, "text/plain; charset=utf-8",
                    "Name a load balancer: " + PREFIX + "NAME/PATH (NAME its name or DNS name, NAME:PORT for one listener).\n", Map.of());
        } else if (colon >= 0 && !target.substring(colon + 1).matches("\\d{1,5}")) {
            answer = new LoadBalancerTraffic.Answer(400, "text/plain; charset=utf-8",
                    "'" + target.substring(colon + 1) + "' is not a listener port in " + PREFIX + target + "\n", Map.of());
        } else {
            String name = colon < 0 ? target : target.substring(0, colon);
            Integer port = colon < 0 ? null : Integer.valueOf(target.substring(colon + 1));
            answer = core.locked(s -> s.loadBalancerTraffic.serve(name, port, pathAndQuery));
        }
        answer.headers().forEach((k, v) -> exchange.getResponseHeaders().set(k, v));
        byte[] body = "HEAD".equals(exchange.getRequestMethod()) ? new byte[0] : answer.body().getBytes(StandardCharsets.UTF_8);
        AwsHandler.send(exchange, answer.status(), answer.contentType(), body, UUID.randomUUID().toString());
    }
}
