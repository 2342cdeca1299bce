package io.magecloudkit.sandbox;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.magecloudkit.TestProperties;
import io.magecloudkit.aws.AwsSession;
import io.magecloudkit.aws.AwsSettings;
import io.magecloudkit.sandbox.botocore.BotocoreValidatingInterceptor;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;

/**
 * A sandbox on a free loopback port plus an {@link AwsSession} (the engine's real SDK clients)
 * pointed at it. Extra SDK interceptors (e.g. a response validator) plug in through
 * {@link Builder#interceptors}.
 *
 * <pre>
 * try (SandboxFixture f = SandboxFixture.builder().sandbox(c -> c.speed(0.001)).start()) {
 *     f.session().ecs().createCluster(r -> r.clusterName("main"));
 *     f.advanceUntil(Duration.ofMinutes(5), () -> ...);
 * }
 * </pre>
 */
public final class SandboxFixture implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Sandbox sandbox;
    private final AwsSession session;
    private final BotocoreValidatingInterceptor validator;
    /** The SDK's credential properties this fixture set, put back on close. */
    private final TestProperties credentials;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private SandboxFixture(Sandbox sandbox, AwsSession session, BotocoreValidatingInterceptor validator, TestProperties credentials) {
        this.sandbox = sandbox;
        this.session = session;
        this.validator = validator;
        this.credentials = credentials;
    }

    /** Checks every response the session received against botocore's service models. */
    public BotocoreValidatingInterceptor validator() {
        return validator;
    }

    public static Builder builder() {
        return new Builder();
    }

    /** A sandbox with default settings and a session with the SDK's default retries. */
    public static SandboxFixture start() {
        return builder().start();
    }

    public Sandbox sandbox() {
        return sandbox;
    }

    public AwsSession session() {
        return session;
    }

    public URI endpoint() {
        return sandbox.endpoint();
    }

    /** Advances the simulated clock a second at a time until the condition holds; fails after {@code limit} of simulated time. */
    public void advanceUntil(Duration limit, BooleanSupplier condition) {
        long steps = limit.toSeconds();
        for (long i = 0; i <= steps; i++) {
            if (condition.getAsBoolean()) {
                return;
            }
            sandbox.advance(Duration.ofSeconds(1));
        }
        throw new AssertionError("condition not reached within " + limit + " of simulated time");
    }

    /** Calls the admin API; returns the JSON answer, failing on a non-2xx status. */
    public JsonNode admin(String method, String path, String body) {
        HttpResponse<String> r = adminRaw(method, path, body);
        if (r.statusCode() / 100 != 2) {
            throw new AssertionError("admin " + method + " " + path + " answered " + r.statusCode() + ": " + r.body());
        }
        try {
            return JSON.readTree(r.body());
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    /** The sequence number of the newest request in the sandbox's request log (0 before any). */
    public long lastRequest() {
        return admin("GET", "requests?after=" + Long.MAX_VALUE, null).path("last").asLong();
    }

    /** "service Operation" of every write call the sandbox answered after request {@code after}, from its request log. */
    public java.util.List<String> writesSince(long after) {
        java.util.List<String> out = new java.util.ArrayList<>();
        for (JsonNode r : admin("GET", "requests?after=" + after, null).path("requests")) {
            if (r.path("write").asBoolean()) {
                out.add(r.path("service").asText() + " " + r.path("operation").asText());
            }
        }
        return out;
    }

    public HttpResponse<String> adminRaw(String method, String path, String body) {
        HttpRequest.Builder b = HttpRequest.newBuilder(sandbox.endpoint().resolve("/_sandbox/" + path)).timeout(Duration.ofSeconds(10));
        b.method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        try {
            return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new AssertionError(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    @Override
    public void close() {
        try {
            session.close();
        } finally {
            try {
                sandbox.close();
            } finally {
                credentials.close();
            }
        }
        // Every test through the fixture doubles as a conformance test of what it received.
        validator.assertNoViolations();
    }

    public static final class Builder {
        private final SandboxConfig.Builder config = SandboxConfig.builder();
        private List<ExecutionInterceptor> interceptors = List.of();
        private final Map<String, String> environment = new HashMap<>();

        private Builder() {
        }

        /** Adjusts the sandbox configuration (port 0, test/test keys by default). */
        public Builder sandbox(Consumer<SandboxConfig.Builder> adjust) {
            adjust.accept(config);
            return this;
        }

        /** Extra SDK interceptors on every client of the session. */
        public Builder interceptors(List<ExecutionInterceptor> v) {
            this.interceptors = List.copyOf(v);
            return this;
        }

        /** Limits SDK attempts (AWS_MAX_ATTEMPTS) so fault tests see the error rather than the retries. */
        public Builder maxAttempts(int attempts) {
            environment.put("AWS_MAX_ATTEMPTS", Integer.toString(attempts));
            return this;
        }

        public SandboxFixture start() {
            SandboxConfig c = config.build();
            // The session takes credentials from the SDK default chain, whose first link is these properties.
            TestProperties credentials = TestProperties.set("aws.accessKeyId", c.accessKey(), "aws.secretAccessKey", c.secretKey(),
                    "aws.disableEc2Metadata", "true");
            BotocoreValidatingInterceptor validator = new BotocoreValidatingInterceptor();
            List<ExecutionInterceptor> all = new java.util.ArrayList<>(interceptors);
            all.add(validator);
            Sandbox sandbox;
            try {
                sandbox = Sandbox.start(c);
            } catch (RuntimeException e) {
                credentials.close();
                throw e;
            }
            try {
                AwsSession session = AwsSession.open(AwsSettings.builder().region(c.region()).endpoint(sandbox.endpoint())
                        .environment(Map.copyOf(environment)).interceptors(all)
                        .apiCallTimeout(Duration.ofSeconds(30)).attemptTimeout(Duration.ofSeconds(10)).build());
                return new SandboxFixture(sandbox, session, validator, credentials);
            } catch (RuntimeException e) {
                sandbox.close();
                credentials.close();
                throw e;
            }
        }
    }
}
