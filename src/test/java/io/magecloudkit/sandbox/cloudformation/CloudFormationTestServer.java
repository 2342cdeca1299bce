package io.magecloudkit.sandbox.cloudformation;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.magecloudkit.sandbox.SandboxClock;
import io.magecloudkit.sandbox.SandboxError;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import java.util.function.BooleanSupplier;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.retry.RetryMode;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.cloudformation.CloudFormationClient;

/**
 * TEST-ONLY stand-in for the sandbox's HTTP server: decodes CloudFormation query requests,
 * ticks the simulation and renders errors as AWS does, so the real SDK can drive the service.
 */
final class CloudFormationTestServer implements AutoCloseable {
    static final Path TEMPLATES = Path.of("src/test/java/io/magecloudkit/sandbox/cloudformation/templates");

    final SandboxClock clock = new SandboxClock(1.0, Instant.parse("2026-01-01T00:00:00Z"));
    final CloudFormationService service;
    final CloudFormationClient client;
    private final HttpServer server;

    CloudFormationTestServer() throws IOException {
        this(null);
    }

    CloudFormationTestServer(CloudFormationService existing) throws IOException {
        service = existing != null ? existing
                : new CloudFormationService(clock, "us-east-1", "123456789012", new GenericResourceProvisioner("us-east-1", "123456789012"));
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", this::serve);
        server.start();
        client = CloudFormationClient.builder()
                .endpointOverride(URI.create("http://127.0.0.1:" + server.getAddress().getPort()))
                .region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("test", "test")))
                .overrideConfiguration(c -> c.retryStrategy(RetryMode.STANDARD).apiCallTimeout(Duration.ofSeconds(10)))
                .build();
    }

    static String template(String name) {
        try {
            return Files.readString(TEMPLATES.resolve(name));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Advances simulated time step by step until the condition holds (at most a real-time deadline). */
    void awaitCondition(String what, BooleanSupplier condition) {
        long deadline = System.nanoTime() + Duration.ofSeconds(15).toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out waiting for " + what);
            }
            clock.advance(Duration.ofSeconds(5));
        }
    }

    private void serve(HttpExchange exchange) throws IOException {
        String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
        Map<String, String> params = io.magecloudkit.sandbox.server.QueryParams.parse(body);
        int status;
        String response;
        try {
            service.tick(clock.now());
            response = service.handle(params.get("Action"), params);
            status = 200;
        } catch (SandboxError e) {
            status = e.status();
            response = "<ErrorResponse xmlns=\"" + QueryXml.NAMESPACE + "\"><Error><Type>" + (e.senderFault() ? "Sender" : "Receiver")
                    + "</Type><Code>" + e.code() + "</Code><Message>" + QueryXml.escape(e.getMessage())
                    + "</Message></Error><RequestId>" + UUID.randomUUID() + "</RequestId></ErrorResponse>";
        } catch (RuntimeException e) {
            status = 500;
            response = "<ErrorResponse><Error><Type>Receiver</Type><Code>InternalFailure</Code><Message>"
                    + QueryXml.escape(String.valueOf(e)) + "</Message></Error></ErrorResponse>";
            e.printStackTrace();
        }
        byte[] bytes = response.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "text/xml");
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    @Override
    public void close() {
        client.close();
        server.stop(0);
    }
}
