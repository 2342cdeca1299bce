package io.magecloudkit.sandbox.cloudformation;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.magecloudkit.sandbox.SandboxFixture;
import io.magecloudkit.sandbox.SignedHttp;
import io.magecloudkit.sandbox.faults.FaultConfig;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;
import software.amazon.awssdk.services.cloudformation.CloudFormationClient;

/**
 * The CloudFormation tests' way in: a whole sandbox through {@link SandboxFixture} (signature
 * check, real error rendering, every answer checked against botocore's model) with a clock that
 * only moves when a test moves it, plus the test templates.
 */
final class StackSandbox implements AutoCloseable {
    static final Path TEMPLATES = Path.of("src/test/java/io/magecloudkit/sandbox/cloudformation/templates");
    private static final ObjectMapper JSON = new ObjectMapper();

    final SandboxFixture fixture;
    final CloudFormationClient client;
    private final List<FaultConfig.ResourceFault> resourceFaults = new ArrayList<>();

    StackSandbox() {
        this(null);
    }

    /** A sandbox keeping its state in {@code stateDir} (null: in memory). */
    StackSandbox(Path stateDir) {
        fixture = SandboxFixture.builder().sandbox(c -> c.speed(0.001).stateDir(stateDir).accountId("123456789012").region("us-east-1")).start();
        client = fixture.session().cloudFormation();
    }

    /** Seeds SSM parameters (AWS's public /aws/... ones too, which PutParameter refuses) through a state file. */
    static Path stateWithSsmParameters(Path dir, Map<String, String> parameters) throws IOException {
        ObjectNode state = JSON.createObjectNode().put("version", 1);
        ObjectNode stored = state.putObject("ssm").putObject("parameters");
        parameters.forEach((name, value) -> stored.putObject(name).put("name", name).put("type", "String").put("value", value)
                .put("version", 1));
        Files.writeString(dir.resolve("sandbox-state.json"), JSON.writeValueAsString(state));
        return dir;
    }

    static String template(String name) {
        try {
            return Files.readString(TEMPLATES.resolve(name));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Makes the next CREATE or UPDATE of this resource fail, as the --faults file's resources section does. */
    void injectResourceFailure(String logicalId, String operation, String reason) {
        resourceFaults.add(new FaultConfig.ResourceFault(logicalId, operation, reason));
        fixture.sandbox().faults(new FaultConfig(null, List.of(), List.of(), resourceFaults));
    }

    /** A raw signed query request, for what the SDK cannot send (values of the wrong type, unknown actions). */
    HttpResponse<String> query(String action, Map<String, String> params) {
        StringBuilder form = new StringBuilder("Action=" + action + "&Version=2010-05-15");
        params.forEach((key, value) -> form.append('&').append(URLEncoder.encode(key, StandardCharsets.UTF_8)).append('=')
                .append(URLEncoder.encode(value, StandardCharsets.UTF_8)));
        try {
            return SignedHttp.post(fixture.endpoint(), "cloudformation", "application/x-www-form-urlencoded; charset=utf-8", null,
                    form.toString(), "test", "test", Clock.systemUTC());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    /** Advances simulated time five seconds at a time until the condition holds (at most a real-time deadline). */
    void awaitCondition(String what, BooleanSupplier condition) {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out waiting for " + what);
            }
            fixture.sandbox().advance(Duration.ofSeconds(5));
        }
    }

    void advance(Duration by) {
        fixture.sandbox().advance(by);
    }

    @Override
    public void close() {
        fixture.close();
    }
}
