package io.magecloudkit.cli;

import io.magecloudkit.EventSink;
import io.magecloudkit.MckException;
import io.magecloudkit.sandbox.Sandbox;
import io.magecloudkit.sandbox.SandboxConfig;
import io.magecloudkit.sandbox.SandboxSetupException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * Runs the sandbox until interrupted (Ctrl-C, SIGTERM, or the thread being interrupted);
 * the state directory, when given, is flushed on the way out.
 */
@Command(name = "sandbox", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
        description = {"Run the local AWS control plane (ECS, CloudFormation, ECR, ELBv2, STS, SSM) on a loopback port.",
                "Prints the environment to point the AWS CLI, SDKs and mck at it, then serves until interrupted."})
final class SandboxCommand extends MckSubcommand {

    @Option(names = "--port", paramLabel = "N", defaultValue = "0",
            description = "Loopback port to listen on; 0 picks a free one (default: ${DEFAULT-VALUE}).")
    int port;

    @Option(names = "--state-dir", paramLabel = "DIR",
            description = "Keep state in this directory so that it survives a restart (default: memory only).")
    Path stateDir;

    @Option(names = "--speed", paramLabel = "X", defaultValue = "1",
            description = "Simulated seconds per real second, e.g. 60 to play a ten-minute deployment in ten seconds (default: ${DEFAULT-VALUE}).")
    double speed;

    @Option(names = "--faults", paramLabel = "FILE", description = "Faults to inject and task launch timings, from the start (YAML or JSON; see docs/sandbox.md).")
    Path faults;

    @Option(names = "--access-key", paramLabel = "KEY", defaultValue = "test",
            description = "Access key requests must be signed with (default: ${DEFAULT-VALUE}).")
    String accessKey;

    @Option(names = "--secret-key", paramLabel = "SECRET", defaultValue = "test",
            description = "Secret key requests must be signed with (default: test).")
    String secretKey;

    @Option(names = "--sandbox-region", paramLabel = "REGION", defaultValue = "us-east-1",
            description = "Region in the sandbox's ARNs (default: ${DEFAULT-VALUE}).")
    String region;

    @Option(names = "--account-id", paramLabel = "ID", defaultValue = "000000000000",
            description = "Account id in ARNs and GetCallerIdentity (default: ${DEFAULT-VALUE}).")
    String accountId;

    @Option(names = "--registry-endpoint", paramLabel = "URL",
            description = "OCI registry that ECR hands out as its proxy endpoint (default: the sandbox's own address).")
    String registryEndpoint;

    /** What the run served, for the JSON result file. */
    record SandboxResult(String endpoint, String stateDir, Instant stoppedAt) {
    }

    @Override
    Object run(EventSink events) {
        if (port < 0 || port > 65535) {
            throw new MckException(MckException.Kind.USAGE, "--port must be between 0 and 65535, got " + port);
        }
        if (!(speed > 0) || Double.isInfinite(speed)) {
            throw new MckException(MckException.Kind.USAGE, "--speed must be a positive number, got " + speed);
        }
        if (faults != null && !Files.isRegularFile(faults)) {
            throw new MckException(MckException.Kind.USAGE, "--faults: no such file: " + faults);
        }
        if (stateDir != null && Files.exists(stateDir) && !Files.isDirectory(stateDir)) {
            throw new MckException(MckException.Kind.USAGE, "--state-dir is not a directory: " + stateDir);
        }
        SandboxConfig config;
        try {
            config = SandboxConfig.builder().port(port).stateDir(stateDir).speed(speed).faultsFile(faults)
                    .accessKey(accessKey).secretKey(secretKey).region(region).accountId(accountId)
                    .registryEndpoint(registryEndpoint).build();
        } catch (IllegalArgumentException e) {
            throw new MckException(MckException.Kind.USAGE, e.getMessage());
        }
        Sandbox sandbox;
        try {
            sandbox = Sandbox.start(config);
        } catch (SandboxSetupException e) {
            throw new MckException(MckException.Kind.USAGE, e.getMessage());
        } catch (IllegalArgumentException | IllegalStateException | UncheckedIOException e) {
            throw new MckException(MckException.Kind.OPERATION_FAILED, e.getMessage());
        }
        // On SIGTERM / Ctrl-C the JVM runs this hook: the state directory gets its final snapshot.
        Thread hook = new Thread(sandbox::close, "mck-sandbox-shutdown");
        Runtime.getRuntime().addShutdownHook(hook);
        try {
            PrintWriter out = spec.commandLine().getOut();
            // The sandbox's keys are fixed test keys chosen on the command line, not secrets.
            out.println("export AWS_ENDPOINT_URL=" + sandbox.endpoint() + " AWS_ACCESS_KEY_ID=" + config.accessKey()
                    + " AWS_SECRET_ACCESS_KEY=" + config.secretKey() + " AWS_REGION=" + config.region());
            out.flush();
            events.info("sandbox listening on " + sandbox.endpoint() + (stateDir != null ? ", state in " + stateDir : ", state in memory")
                    + ", speed x" + speed + "; admin API under " + sandbox.endpoint() + "/_sandbox/ (Ctrl-C stops)");
            // AWS CLI v1 and v2 before 2.13 ignore AWS_ENDPOINT_URL, and Debian ships such a v2.
            events.info("with an AWS CLI older than 2.13 pass --endpoint-url " + sandbox.endpoint() + " on each call");
            try {
                Thread.currentThread().join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        } finally {
            sandbox.close();
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException e) {
                // Already shutting down: the hook runs (close is idempotent).
            }
        }
        events.info("sandbox stopped");
        return new SandboxResult(sandbox.endpoint().toString(), stateDir == null ? null : stateDir.toString(), Instant.now());
    }
}
