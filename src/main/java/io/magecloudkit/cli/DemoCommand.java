package io.magecloudkit.cli;

import io.magecloudkit.EventSink;
import io.magecloudkit.MckException;
import io.magecloudkit.demo.Expectation;
import io.magecloudkit.demo.PhaseLog;
import io.magecloudkit.demo.PhaseResult;
import io.magecloudkit.demo.SummaryTable;
import io.magecloudkit.demo.Verdict;
import io.magecloudkit.sandbox.Sandbox;
import io.magecloudkit.sandbox.SandboxConfig;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;

/**
 * mck demo: the bundled demo project rehearsed end to end against a sandbox started in this
 * process. The phases are {@link DemoRehearsal}'s; this class owns the options, the sandbox's
 * lifetime, the summary and the verdict.
 */
@Command(name = "demo", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
        description = {"Rehearse a whole pipeline against a sandbox started in this process, with no AWS account, Docker or network.",
            "Validates the bundled demo project (examples/demo), provisions its environment twice (the second run changes nothing),"
                + " builds its nginx and php-fpm images as OCI tars onto base images it writes itself, deploys v1 through the release"
                + " phase and the health gate, deploys a v2 whose tasks crash (a sandbox fault) and watches the gate fail and roll"
                + " back, then runs mck status.",
            "Checks its own expectations (v1 healthy, v2 rolled back, v1 serving again) from the deploys' results and the load"
                + " balancer's answers: exit 0 when all held, 1 when any did not, 2 for bad options (--config and --env do not apply).",
            "The log goes to stderr; the summary table and the verdict to stdout. See docs/cli.md."})
final class DemoCommand extends MckSubcommand {
    @Option(names = "--speed", paramLabel = "X", defaultValue = "" + DEFAULT_SPEED,
            description = "Simulated seconds per real second of the sandbox's clock and of the engine's waits (the gate's polls),"
                + " except while provisioning (default: ${DEFAULT-VALUE}).")
    double speed;

    @Option(names = "--provision-speed", paramLabel = "Y", defaultValue = "" + DEFAULT_PROVISION_SPEED,
            description = "The same while provisioning, where Aurora and OpenSearch take 15 simulated minutes (default: ${DEFAULT-VALUE}).")
    double provisionSpeed;

    @Option(names = "--keep", description = "Leave the sandbox running after the rehearsal, print how to point the AWS CLI at it,"
            + " and wait until interrupted (Ctrl-C).")
    boolean keep;

    @Option(names = "--state-dir", paramLabel = "DIR", description = "Keep the demo's files here (project copy, images, each"
            + " command's result file, the sandbox's state); must be empty or absent (default: a temporary directory, deleted at the end).")
    Path stateDir;

    /** Tests only: changes the v2 faults file before it is put (a real fault that makes an expectation fail). */
    java.util.function.UnaryOperator<String> v2Faults = java.util.function.UnaryOperator.identity();

    static final int DEFAULT_SPEED = 40;
    static final int DEFAULT_PROVISION_SPEED = 1000;

    /** The JSON result: each phase, each expectation, the verdict. */
    record DemoResult(String endpoint, double speed, double provisionSpeed, List<PhaseResult> phases, List<Expectation> expectations, boolean passed,
            String stateDir) {
    }

    @Override
    Object run(EventSink events) throws Exception {
        checkOptions();
        Path work = stateDir != null ? Files.createDirectories(stateDir) : Files.createTempDirectory("mck-demo");
        PrintWriter log = spec.commandLine().getErr();
        PrintWriter out = spec.commandLine().getOut();
        PhaseLog phases = new PhaseLog(log, terminal(), DemoRehearsal.PHASES);
        Sandbox sandbox = null;
        try {
            phases.begin("start the sandbox");
            sandbox = Sandbox.start(SandboxConfig.builder().port(0).speed(speed).stateDir(work.resolve("sandbox")).build());
            phases.say("AWS endpoint " + sandbox.endpoint() + " (in this process), clock x" + fmt(speed) + ", work in " + work);
            phases.end(PhaseResult.Outcome.OK, "loopback port " + sandbox.endpoint().getPort());
            // The sandbox's keys go to each command's AWS clients: a user's own keys or profile never reach the
            // sandbox, nor the sandbox's AWS, and nothing process-wide (the SDK's system properties) changes.
            AwsCredentialsProvider keys = StaticCredentialsProvider.create(AwsBasicCredentials.create(
                    sandbox.config().accessKey(), sandbox.config().secretKey()));
            List<Expectation> expectations = new DemoRehearsal(sandbox, keys, work, phases, log, speed, provisionSpeed, v2Faults).run();
            boolean passed = Verdict.allHeld(expectations);
            log.flush();
            out.println();
            out.print(SummaryTable.render(phases.results(), expectations));
            out.println();
            out.println(phases.verdictLine(passed, passed ? "demo: every expectation held"
                    : "demo: " + expectations.stream().filter(e -> !e.held()).count() + " expectation(s) did not hold"));
            out.flush();
            if (keep) {
                Sandbox serving = sandbox;
                keepServing(sandbox, out, () -> {
                    serving.close();
                    if (stateDir == null) {
                        deleteTree(work);
                    }
                });
            }
            return new DemoResult(sandbox.endpoint().toString(), speed, provisionSpeed, phases.results(), expectations, passed,
                    stateDir == null ? null : stateDir.toString());
        } finally {
            if (sandbox != null) {
                sandbox.close();
            }
            if (stateDir == null) {
                deleteTree(work);
            }
        }
    }

    @Override
    int exitCodeFor(Object result) {
        return result instanceof DemoResult r && r.passed() ? ExitCode.OK : ExitCode.FAILED;
    }

    private void checkOptions() throws IOException {
        checkSpeed("--speed", speed);
        checkSpeed("--provision-speed", provisionSpeed);
        if (given("--config") || given("--env")) {
            throw new MckException(MckException.Kind.USAGE, "mck demo runs its bundled project (examples/demo): --config and --env do not apply");
        }
        if (stateDir != null && Files.exists(stateDir)) {
            if (!Files.isDirectory(stateDir)) {
                throw new MckException(MckException.Kind.USAGE, "--state-dir " + stateDir + " is not a directory");
            }
            try (Stream<Path> entries = Files.list(stateDir)) {
                if (entries.findAny().isPresent()) {
                    throw new MckException(MckException.Kind.USAGE, "--state-dir " + stateDir
                            + " is not empty: give an empty or new directory (the demo starts from nothing)");
                }
            }
        }
    }

    private static void checkSpeed(String option, double value) {
        if (!(value > 0) || Double.isInfinite(value) || value > 10_000) {
            throw new MckException(MckException.Kind.USAGE, option + " must be a number above 0 and at most 10000, got " + fmt(value));
        }
    }

    /** Prints what a user needs to reach the sandbox, then serves until interrupted. */
    private void keepServing(Sandbox sandbox, PrintWriter out, Runnable onExit) {
        String region = sandbox.config().region();
        out.println();
        out.println("The sandbox keeps running (Ctrl-C stops it). Point the AWS CLI at it:");
        // The sandbox's keys are its fixed test keys, not secrets. Debian's awscli (v1) reads
        // AWS_DEFAULT_REGION, not AWS_REGION, and no AWS_ENDPOINT_URL: hence both and --endpoint-url.
        out.println("  export AWS_ACCESS_KEY_ID=test AWS_SECRET_ACCESS_KEY=test AWS_REGION=" + region + " AWS_DEFAULT_REGION=" + region
                + " AWS_ENDPOINT_URL=" + sandbox.endpoint());
        out.println("  aws --endpoint-url " + sandbox.endpoint() + " ecs describe-services --cluster demo-shop-demo-app"
                + " --services demo-shop-demo-magento");
        out.println("  curl -i " + sandbox.endpoint() + "/_sandbox/lb/demo-shop-demo/health_check.php");
        out.flush();
        // Ctrl-C / SIGTERM end the JVM here: the hook stops the sandbox and removes the temporary work directory.
        Thread hook = new Thread(onExit, "mck-demo-shutdown");
        Runtime.getRuntime().addShutdownHook(hook);
        try {
            Thread.currentThread().join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            ProvisionCommand.removeHook(hook);
        }
    }

    /** Colour only on a terminal that wants it; never for Jenkins or a pipe. */
    private static boolean terminal() {
        String term = System.getenv("TERM");
        return System.console() != null && System.getenv("NO_COLOR") == null && term != null && !"dumb".equals(term);
    }

    static String fmt(double d) {
        return d == Math.rint(d) && !Double.isInfinite(d) ? String.valueOf((long) d) : String.valueOf(d);
    }

    private static void deleteTree(Path dir) {
        try (Stream<Path> all = Files.walk(dir)) {
            all.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException | UncheckedIOException e) {
            // A temporary directory left behind is not worth failing the demo for.
        }
    }
}
