package io.magecloudkit.sandbox.server;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import io.magecloudkit.sandbox.SandboxError;
import io.magecloudkit.sandbox.ecr.EcrApi;
import io.magecloudkit.sandbox.ecs.control.EcsRequests.RegisterContainerInstances;
import io.magecloudkit.sandbox.faults.FaultConfig;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.UUID;

/**
 * The sandbox's own control API under {@code /_sandbox/} (a path no AWS API uses): health,
 * clock, faults, reset, seeding ECR images and the log of AWS requests answered. Loopback only,
 * so no signature is asked for.
 */
public final class AdminHandler implements HttpHandler {
    public static final String PREFIX = "/_sandbox/";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final SandboxCore core;

    public AdminHandler(SandboxCore core) {
        this.core = core;
    }

    @Override
    public void handle(HttpExchange exchange) throws IOException {
        String path = exchange.getRequestURI().getPath().substring(PREFIX.length());
        String method = exchange.getRequestMethod();
        byte[] body = exchange.getRequestBody().readAllBytes();
        try {
            JsonNode out = switch (method + " " + path) {
                case "GET health" -> health();
                case "POST clock/advance" -> advance(body);
                case "GET faults" -> JSON.valueToTree(core.faults().config());
                case "PUT faults" -> {
                    FaultConfig config = FaultConfig.parse(new String(body, StandardCharsets.UTF_8), "PUT /_sandbox/faults");
                    core.configureFaults(config);
                    yield JSON.valueToTree(config);
                }
                case "POST reset" -> {
                    core.reset();
                    yield health();
                }
                case "GET requests" -> requests(exchange.getRequestURI().getRawQuery());
                case "POST ecr/images" -> putImage(body);
                case "POST ecs/container-instances" -> registerContainerInstances(body);
                default -> throw new SandboxError(404, "NotFound", "no such sandbox admin resource: " + method + " " + PREFIX + path);
            };
            AwsHandler.send(exchange, 200, "application/json", JSON.writeValueAsBytes(out), UUID.randomUUID().toString());
        } catch (SandboxError e) {
            reply(exchange, e.status(), e.getMessage());
        } catch (IllegalArgumentException | IOException | UnsupportedOperationException e) {
            reply(exchange, 400, e.getMessage());
        }
    }

    private JsonNode health() {
        ObjectNode n = JSON.createObjectNode();
        n.put("status", "ok").put("time", core.clock().now().toString()).put("speed", core.clock().speed())
                .put("region", core.config().region()).put("accountId", core.config().accountId());
        return n;
    }

    private JsonNode advance(byte[] body) throws IOException {
        JsonNode in = JSON.readTree(body);
        if (in == null || !in.path("seconds").isNumber() || in.path("seconds").asDouble() < 0) {
            throw new IllegalArgumentException("body must be {\"seconds\": N} with N >= 0");
        }
        core.clock().advance(Duration.ofMillis((long) (in.path("seconds").asDouble() * 1000)));
        core.tick();
        core.persist();
        return health();
    }

    /** {"last": N, "requests": [{"sequence", "service", "operation", "write"}]}; {@code ?after=N} for the newer ones. */
    private JsonNode requests(String query) {
        long after = 0;
        if (query != null && query.startsWith("after=")) {
            try {
                after = Long.parseLong(query.substring("after=".length()));
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("after must be a whole number: " + query);
            }
        }
        ObjectNode out = JSON.createObjectNode();
        out.put("last", core.requests().last());
        out.set("requests", JSON.valueToTree(core.requests().since(after)));
        return out;
    }

    private JsonNode putImage(byte[] body) throws IOException {
        JsonNode in = JSON.readTree(body);
        if (in == null || !in.hasNonNull("repositoryName") || !in.hasNonNull("imageManifest")) {
            throw new IllegalArgumentException("body must name repositoryName and imageManifest (and usually imageTag)");
        }
        EcrApi.Image image = core.locked(s -> s.ecr.putImage(in.path("repositoryName").asText(), in.path("imageTag").asText(null),
                in.path("imageManifest").asText(), in.path("imageManifestMediaType").asText("application/vnd.oci.image.manifest.v1+json")));
        core.persist();
        return JSON.createObjectNode().put("imageDigest", image.digest);
    }

    /** Stands in for EC2 instances whose ECS agent registers them: {"cluster", "instanceType", "count", "reservedMemory"}. */
    private JsonNode registerContainerInstances(byte[] body) throws IOException {
        JsonNode in = JSON.readTree(body);
        if (in == null || !in.path("instanceType").isTextual()) {
            throw new IllegalArgumentException("body must name instanceType (and usually cluster and count)");
        }
        RegisterContainerInstances request = new RegisterContainerInstances(in.path("cluster").asText("default"),
                in.path("instanceType").asText(), in.path("count").asInt(1), in.path("reservedMemory").asInt(0), null);
        var views = core.locked(s -> s.ecsControlPlane.containerInstances().register(request));
        core.persist();
        ObjectNode out = JSON.createObjectNode();
        var arns = out.putArray("containerInstanceArns");
        views.forEach(v -> arns.add(v.instance().arn));
        return out;
    }

    private static void reply(HttpExchange exchange, int status, String message) throws IOException {
        byte[] out = JSON.writeValueAsBytes(JSON.createObjectNode().put("message", String.valueOf(message)));
        AwsHandler.send(exchange, status, "application/json", out, UUID.randomUUID().toString());
    }
}
