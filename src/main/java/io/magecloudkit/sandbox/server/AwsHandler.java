package io.magecloudkit.sandbox.server;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import io.magecloudkit.sandbox.SandboxError;
import io.magecloudkit.sandbox.cloudformation.CloudFormationService;
import io.magecloudkit.sandbox.ecr.EcrApi;
import io.magecloudkit.sandbox.ecs.wire.EcsJsonApi;
import io.magecloudkit.sandbox.elbv2.wire.Elbv2QueryApi;
import io.magecloudkit.sandbox.faults.FaultInjector;
import io.magecloudkit.sandbox.logs.wire.LogsJsonApi;
import io.magecloudkit.sandbox.secretsmanager.wire.SecretsManagerJsonApi;
import io.magecloudkit.sandbox.ssm.SsmApi;
import io.magecloudkit.sandbox.sts.StsApi;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;

/**
 * The AWS side of the endpoint: verifies the SigV4 signature, routes by the credential
 * scope's service name and X-Amz-Target (JSON 1.1) or Action (query), injects configured
 * faults, and renders answers and errors in each protocol's shape.
 */
public final class AwsHandler implements HttpHandler {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String JSON_TYPE = "application/x-amz-json-1.1";

    /** The protocol and namespace of each service the sandbox speaks, by SigV4 signing name. */
    enum Service {
        ECS("ecs", true, "AmazonEC2ContainerServiceV20141113", null),
        ECR("ecr", true, "AmazonEC2ContainerRegistry_V20150921", null),
        SSM("ssm", true, "AmazonSSM", null),
        LOGS("logs", true, "Logs_20140328", null),
        SECRETSMANAGER("secretsmanager", true, "secretsmanager", null),
        STS("sts", false, null, StsApi.NAMESPACE),
        ELBV2("elasticloadbalancing", false, null, Elbv2QueryApi.NAMESPACE),
        CLOUDFORMATION("cloudformation", false, null, CloudFormationService.NAMESPACE);

        final String signingName;
        final boolean json;
        final String targetPrefix;
        final String namespace;

        Service(String signingName, boolean json, String targetPrefix, String namespace) {
            this.signingName = signingName;
            this.json = json;
            this.targetPrefix = targetPrefix;
            this.namespace = namespace;
        }

        static Service bySigningName(String name) {
            for (Service s : values()) {
                if (s.signingName.equals(name)) {
                    return s;
                }
            }
            return null;
        }

        static Service byTarget(String target) {
            for (Service s : values()) {
                if (s.targetPrefix != null && target.startsWith(s.targetPrefix + ".")) {
                    return s;
                }
            }
            return null;
        }

        static Service byVersion(String version) {
            return switch (version == null ? "" : version) {
                case "2011-06-15" -> STS;
                case "2015-12-01" -> ELBV2;
                case "2010-05-15" -> CLOUDFORMATION;
                default -> null;
            };
        }
    }

    private final SandboxCore core;
    private final SigV4Verifier verifier;

    public AwsHandler(SandboxCore core) {
        this.core = core;
        this.verifier = new SigV4Verifier(core.config().region(), core::secretFor);
    }

    @Override
    public void handle(HttpExchange exchange) throws IOException {
        String requestId = UUID.randomUUID().toString();
        byte[] body = exchange.getRequestBody().readAllBytes();
        String target = exchange.getRequestHeaders().getFirst("X-Amz-Target");
        boolean json = target != null;
        Map<String, String> params;
        try {
            params = json ? Map.of() : queryParams(exchange, body);
        } catch (IllegalArgumentException e) {
            sendError(exchange, false, null, "", malformedQuery(), requestId);
            return;
        }
        Service service = null;
        String operation;
        if (json) {
            service = Service.byTarget(target);
            operation = target.substring(target.indexOf('.') + 1);
        } else {
            service = Service.byVersion(params.get("Version"));
            operation = params.getOrDefault("Action", "");
        }
        try {
            SigV4Verifier.Authorization auth;
            SigV4Verifier.Caller caller;
            try {
                auth = SigV4Verifier.parse(exchange.getRequestHeaders().getFirst("Authorization"));
                if (auth == null) {
                    throw new SigV4Verifier.AuthFailure(SigV4Verifier.AuthFailure.Kind.MISSING, "Missing Authentication Token");
                }
                caller = verifier.verify(new SigV4Verifier.SignedRequest(exchange.getRequestMethod(),
                        exchange.getRequestURI().getRawPath(), exchange.getRequestURI().getRawQuery(),
                        exchange.getRequestHeaders(), body), auth, Instant.now());
                String token = core.sessionTokenFor(caller.accessKey());
                if (token != null && !token.equals(exchange.getRequestHeaders().getFirst("X-Amz-Security-Token"))) {
                    throw new SigV4Verifier.AuthFailure(SigV4Verifier.AuthFailure.Kind.UNKNOWN_KEY,
                            "The security token included in the request is invalid.");
                }
            } catch (SigV4Verifier.AuthFailure failure) {
                throw json ? failure.forJsonService() : failure.forQueryService();
            } catch (IllegalArgumentException e) {
                // The URL's query string (signed too) did not decode.
                throw malformedQuery();
            }
            Service scoped = Service.bySigningName(caller.service());
            if (scoped == null || scoped.json != json || json && scoped != service) {
                // The scope names a service that does not own this target or action: AWS would have routed
                // the request to that service, which does not know the operation.
                service = scoped != null ? scoped : service;
                throw unknownOperation(json, operation);
            }
            service = scoped;
            core.requests().add(service.signingName, operation, mutates(service, operation));
            FaultInjector.Decision fault = core.faults().decide(service.signingName, operation);
            if (fault.latencyMs() > 0) {
                sleep(fault.latencyMs());
            }
            switch (fault.kind()) {
                case DROP -> throw new DroppedConnection();
                case THROTTLE -> throw json ? new SandboxError(400, "ThrottlingException", "Rate exceeded")
                        : new SandboxError(400, "Throttling", "Rate exceeded");
                case ERROR -> throw serverError(service);
                case UNAVAILABLE -> throw new SandboxError(503, "ServiceUnavailable", "Service is unavailable. Please try again later.");
                default -> { }
            }
            if (json) {
                JsonNode in = body.length == 0 ? JSON.createObjectNode() : JSON.readTree(body);
                if (!in.isObject()) {
                    throw new SandboxError(400, "SerializationException", "Start of structure or map found where not expected.");
                }
                Service svc = service;
                ObjectNode out = svc == Service.ECR ? core.ecr(operation, in) : core.locked(s -> switch (svc) {
                    case ECS -> s.ecs.handle(operation, in);
                    case SSM -> s.ssm.handle(operation, in);
                    case LOGS -> s.logs.handle(operation, in);
                    case SECRETSMANAGER -> s.secretsManager.handle(operation, in);
                    default -> throw new IllegalStateException(svc.name());
                });
                if (mutates(service, operation)) {
                    core.persist();
                }
                send(exchange, 200, JSON_TYPE, JSON.writeValueAsBytes(out), requestId);
            } else {
                if (operation.isEmpty()) {
                    throw new SandboxError(400, "MissingAction", "Missing Action");
                }
                String callerKey = caller.accessKey();
                Service svc = service;
                String xml = core.locked(s -> switch (svc) {
                    case STS -> s.sts.handle(operation, params, callerKey, requestId);
                    case ELBV2 -> s.elbv2.handle(operation, params, requestId);
                    case CLOUDFORMATION -> s.cloudFormation.handle(operation, params, requestId);
                    default -> throw new IllegalStateException(svc.name());
                });
                if (mutates(service, operation)) {
                    core.persist();
                }
                send(exchange, 200, "text/xml", xml.getBytes(StandardCharsets.UTF_8), requestId);
            }
        } catch (DroppedConnection e) {
            // Closing without a status line is what a dropped connection looks like to the client.
            throw e;
        } catch (SandboxError e) {
            sendError(exchange, json, service, operation, e, requestId);
        } catch (com.fasterxml.jackson.core.JacksonException e) {
            sendError(exchange, json, service, operation,
                    new SandboxError(400, "SerializationException", "The request body is not valid JSON."), requestId);
        } catch (java.io.UncheckedIOException e) {
            // The change was made in memory but could not be saved: say so rather than pretend it is kept.
            sendError(exchange, json, service, operation, new SandboxError(500, "InternalFailure",
                    "The sandbox could not save its state: " + e.getMessage(), false), requestId);
        } catch (RuntimeException e) {
            sendError(exchange, json, service, operation, new SandboxError(500, "InternalFailure",
                    "The sandbox failed to handle the request: " + (e.getMessage() != null ? e.getMessage() : "an internal error"), false),
                    requestId);
        }
    }

    private static boolean mutates(Service service, String operation) {
        return switch (service) {
            case ECS -> EcsJsonApi.mutates(operation);
            case ECR -> EcrApi.mutates(operation);
            case SSM -> SsmApi.mutates(operation);
            case LOGS -> LogsJsonApi.mutates(operation);
            case SECRETSMANAGER -> SecretsManagerJsonApi.mutates(operation);
            case STS -> "AssumeRole".equals(operation);
            case ELBV2 -> Elbv2QueryApi.mutates(operation);
            case CLOUDFORMATION -> !operation.startsWith("Describe") && !operation.startsWith("List") && !operation.startsWith("Get")
                    && !operation.startsWith("Validate") && !operation.startsWith("Estimate");
        };
    }

    /** A server-side fault with the code each service's model declares for it (ECS/ECR ServerException, SSM InternalServerError). */
    private static SandboxError serverError(Service service) {
        String code = switch (service) {
            case ECS, ECR -> "ServerException";
            case SSM -> "InternalServerError";
            case SECRETSMANAGER -> "InternalServiceError";
            case LOGS -> "ServiceUnavailableException";
            default -> "InternalFailure";
        };
        return new SandboxError(500, code, "The request processing has failed because of an unknown error, exception or failure.");
    }

    private static SandboxError unknownOperation(boolean json, String operation) {
        return json ? new SandboxError(400, "UnknownOperationException", null)
                : new SandboxError(400, "InvalidAction", "The action " + operation + " is not valid for this web service.");
    }

    /** AWS's answer to a query string that does not decode (a bad percent escape). */
    private static SandboxError malformedQuery() {
        return new SandboxError(404, "MalformedQueryString", "The query string contains a syntax error.");
    }

    private static Map<String, String> queryParams(HttpExchange exchange, byte[] body) {
        String contentType = exchange.getRequestHeaders().getFirst("Content-Type");
        if ("POST".equals(exchange.getRequestMethod()) && (contentType == null || contentType.startsWith("application/x-www-form-urlencoded"))) {
            return QueryParams.parse(new String(body, StandardCharsets.UTF_8));
        }
        return QueryParams.parse(exchange.getRequestURI().getRawQuery());
    }

    private void sendError(HttpExchange exchange, boolean json, Service service, String operation, SandboxError e, String requestId)
            throws IOException {
        SandboxError error = e;
        if (!json && "UnknownOperationException".equals(e.code())) {
            error = unknownOperation(false, operation);
        }
        if (json) {
            ObjectNode out = JSON.createObjectNode().put("__type", error.code());
            if (error.getMessage() != null) {
                out.put("message", error.getMessage());
            }
            exchange.getResponseHeaders().set("x-amzn-ErrorType", error.code());
            send(exchange, error.status(), JSON_TYPE, JSON.writeValueAsBytes(out), requestId);
        } else {
            String namespace = service == null ? StsApi.NAMESPACE : service.namespace;
            Xml xml = new Xml().open("ErrorResponse", namespace).open("Error")
                    .element("Type", error.senderFault() ? "Sender" : "Receiver").element("Code", error.code())
                    .element("Message", error.getMessage()).close("Error").element("RequestId", requestId).close("ErrorResponse");
            send(exchange, error.status(), "text/xml", xml.toString().getBytes(StandardCharsets.UTF_8), requestId);
        }
    }

    static void send(HttpExchange exchange, int status, String contentType, byte[] body, String requestId) throws IOException {
        exchange.getResponseHeaders().set("Content-Type", contentType);
        exchange.getResponseHeaders().set("x-amzn-RequestId", requestId);
        exchange.getResponseHeaders().set("Date", java.time.format.DateTimeFormatter.RFC_1123_DATE_TIME
                .format(java.time.ZonedDateTime.now(java.time.ZoneOffset.UTC)));
        exchange.sendResponseHeaders(status, body.length == 0 ? -1 : body.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Thrown out of the handler so that the HTTP server closes the connection without answering. */
    static final class DroppedConnection extends RuntimeException {
        private static final long serialVersionUID = 1L;

        DroppedConnection() {
            super("connection dropped by fault injection", null, false, false);
        }
    }
}
