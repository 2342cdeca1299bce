package io.magecloudkit.sandbox.botocore;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * Runs the Debian awscli ({@value #EXECUTABLE}, never a shim that comes first on PATH) against
 * one endpoint as a second, independent AWS client. Each run gets a clean environment: the given
 * static credentials and region, no EC2 metadata lookups, no pager, and a fresh empty HOME so no
 * user configuration or cached credentials leak in. Immutable; the {@code with*} methods return
 * copies.
 *
 * <pre>{@code
 * AwsCli.Result r = new AwsCli(sandbox).run("ecs", "create-cluster", "--cluster-name", "web");
 * r.assertOk();
 * String arn = r.json().orElseThrow().path("cluster").path("clusterArn").asText();
 * }</pre>
 */
public final class AwsCli {
    public static final String EXECUTABLE = "/usr/bin/aws";
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(60);

    private static final ObjectMapper JSON = new ObjectMapper();

    private final URI endpoint;
    private final String region;
    private final String accessKeyId;
    private final String secretAccessKey;
    private final Duration timeout;
    private final Map<String, String> extraEnvironment;

    /** A client for an endpoint in us-east-1 with the sandbox's dummy credentials (test/test). */
    public AwsCli(URI endpoint) {
        this(endpoint, "us-east-1", "test", "test", DEFAULT_TIMEOUT, Map.of());
    }

    private AwsCli(URI endpoint, String region, String accessKeyId, String secretAccessKey, Duration timeout,
                   Map<String, String> extraEnvironment) {
        this.endpoint = Objects.requireNonNull(endpoint, "endpoint");
        this.region = Objects.requireNonNull(region, "region");
        this.accessKeyId = Objects.requireNonNull(accessKeyId, "accessKeyId");
        this.secretAccessKey = Objects.requireNonNull(secretAccessKey, "secretAccessKey");
        this.timeout = Objects.requireNonNull(timeout, "timeout");
        this.extraEnvironment = Map.copyOf(extraEnvironment);
    }

    /** Whether the Debian awscli is installed (the repository's ./test script installs it). */
    public static boolean isInstalled() {
        return Files.isExecutable(Path.of(EXECUTABLE));
    }

    public AwsCli withRegion(String region) {
        return new AwsCli(endpoint, region, accessKeyId, secretAccessKey, timeout, extraEnvironment);
    }

    public AwsCli withCredentials(String accessKeyId, String secretAccessKey) {
        return new AwsCli(endpoint, region, accessKeyId, secretAccessKey, timeout, extraEnvironment);
    }

    /** The longest a run may take before awscli is killed and {@link TimedOut} thrown. */
    public AwsCli withTimeout(Duration timeout) {
        return new AwsCli(endpoint, region, accessKeyId, secretAccessKey, timeout, extraEnvironment);
    }

    /** Adds (or replaces) one environment variable, e.g. {@code AWS_MAX_ATTEMPTS=1}. */
    public AwsCli withEnvironment(String name, String value) {
        Map<String, String> env = new LinkedHashMap<>(extraEnvironment);
        env.put(name, value);
        return new AwsCli(endpoint, region, accessKeyId, secretAccessKey, timeout, env);
    }

    public URI endpoint() {
        return endpoint;
    }

    /**
     * Runs {@code aws <args> --endpoint-url <endpoint> --output json} and waits for it.
     *
     * @param args the service, the command and its options, e.g. {@code "sts", "get-caller-identity"}
     * @throws TimedOut when awscli runs longer than the timeout (it is killed first)
     * @throws IllegalStateException when awscli is not installed
     */
    public Result run(String... args) {
        if (!isInstalled()) {
            throw new IllegalStateException(EXECUTABLE + " not found: install the Debian package awscli "
                    + "(the repository's ./test script does)");
        }
        List<String> command = new ArrayList<>();
        command.add(EXECUTABLE);
        command.addAll(List.of(args));
        command.addAll(List.of("--endpoint-url", endpoint.toString(), "--output", "json"));
        Path home = null;
        Process process = null;
        try {
            home = Files.createTempDirectory("mck-awscli-home");
            Path stdout = home.resolve("stdout");
            Path stderr = home.resolve("stderr");
            ProcessBuilder builder = new ProcessBuilder(command)
                    .directory(home.toFile())
                    .redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile()))
                    .redirectOutput(stdout.toFile())
                    .redirectError(stderr.toFile());
            Map<String, String> env = builder.environment();
            env.clear();
            env.put("PATH", "/usr/bin:/bin");
            env.put("HOME", home.toString());
            env.put("LANG", "C.UTF-8");
            env.put("AWS_ACCESS_KEY_ID", accessKeyId);
            env.put("AWS_SECRET_ACCESS_KEY", secretAccessKey);
            env.put("AWS_DEFAULT_REGION", region);
            env.put("AWS_REGION", region);
            env.put("AWS_EC2_METADATA_DISABLED", "true");
            env.put("AWS_PAGER", "");
            env.put("AWS_CONFIG_FILE", home.resolve("config").toString());
            env.put("AWS_SHARED_CREDENTIALS_FILE", home.resolve("credentials").toString());
            env.putAll(extraEnvironment);

            long started = System.nanoTime();
            process = builder.start();
            if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                kill(process);
                throw new TimedOut(describe(args) + " did not finish within " + timeout.toMillis() + " ms; stderr: "
                        + Files.readString(stderr, StandardCharsets.UTF_8).strip());
            }
            Duration elapsed = Duration.ofNanos(System.nanoTime() - started);
            return new Result(describe(args), process.exitValue(),
                    Files.readString(stdout, StandardCharsets.UTF_8),
                    Files.readString(stderr, StandardCharsets.UTF_8), elapsed);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot run " + describe(args) + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while running " + describe(args), e);
        } finally {
            if (process != null && process.isAlive()) {
                kill(process);
            }
            deleteQuietly(home);
        }
    }

    /** Kills this run's awscli and any process it started, by their own handles. */
    private static void kill(Process process) {
        process.descendants().forEach(ProcessHandle::destroyForcibly);
        process.destroyForcibly();
        try {
            process.waitFor(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static String describe(String... args) {
        return "aws " + String.join(" ", args);
    }

    private static void deleteQuietly(Path dir) {
        if (dir == null) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            // A leftover temp folder is harmless.
        }
    }

    /** An awscli run that exceeded its timeout. */
    public static final class TimedOut extends RuntimeException {
        private static final long serialVersionUID = 1L;

        TimedOut(String message) {
            super(message);
        }
    }

    /** What one awscli run printed and returned. */
    public static final class Result {
        private final String command;
        private final int exitCode;
        private final String stdout;
        private final String stderr;
        private final Duration elapsed;
        private final JsonNode json;

        Result(String command, int exitCode, String stdout, String stderr, Duration elapsed) {
            this.command = command;
            this.exitCode = exitCode;
            this.stdout = stdout;
            this.stderr = stderr;
            this.elapsed = elapsed;
            this.json = parse(stdout);
        }

        private static JsonNode parse(String stdout) {
            if (stdout.isBlank()) {
                return null;
            }
            try {
                return JSON.readTree(stdout);
            } catch (IOException e) {
                return null;
            }
        }

        /** The process exit code: 0 ok, 252 bad arguments, 254 a service error, 255 other failures. */
        public int exitCode() {
            return exitCode;
        }

        public boolean ok() {
            return exitCode == 0;
        }

        public String stdout() {
            return stdout;
        }

        public String stderr() {
            return stderr;
        }

        public Duration elapsed() {
            return elapsed;
        }

        /** Standard output parsed as JSON; empty when it was blank or not JSON. */
        public Optional<JsonNode> json() {
            return Optional.ofNullable(json);
        }

        /**
         * @return this result, for chaining
         * @throws AssertionError naming the command, exit code and stderr when the run failed
         */
        public Result assertOk() {
            if (!ok()) {
                throw new AssertionError(command + " exited " + exitCode + ": " + stderr.strip());
            }
            return this;
        }

        @Override
        public String toString() {
            return command + " -> " + exitCode + (stderr.isBlank() ? "" : " (" + stderr.strip() + ")");
        }
    }
}
