package io.magecloudkit.testing;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Runs mck's main class in a fresh JVM with an environment the test controls completely:
 * the only way to test what a user with no AWS credentials at all would see.
 */
public final class MckProcess {

    /** What the process did. */
    public record Result(int exitCode, String stdout, String stderr) {
    }

    /**
     * The JVM options of a test's mck process. It lives for seconds and the tests' JVMs share two cores: the C1
     * compiler alone and the serial collector halve the CPU its start costs (mck plan: 2.9 -> 1.4 s of CPU).
     */
    public static final List<String> JVM_OPTIONS = List.of("-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC");

    private MckProcess() {
    }

    public static Result run(Map<String, String> environment, Path home, String... args)
            throws IOException, InterruptedException {
        Path out = Files.createTempFile(home, "stdout", ".txt");
        Path err = Files.createTempFile(home, "stderr", ".txt");
        Process p = start(environment, home, out, err, args);
        if (!p.waitFor(60, TimeUnit.SECONDS)) {
            p.destroyForcibly().waitFor();
            throw new AssertionError("mck " + String.join(" ", args) + " did not finish within 60 s");
        }
        return new Result(p.exitValue(), Files.readString(out, StandardCharsets.UTF_8),
                Files.readString(err, StandardCharsets.UTF_8));
    }

    /**
     * Starts mck without waiting, stdout and stderr going to the given files: for a test that
     * signals or kills it midway. The caller ends it.
     */
    public static Process start(Map<String, String> environment, Path home, Path stdout, Path stderr, String... args)
            throws IOException {
        return start("io.magecloudkit.cli.Main", environment, home, stdout, stderr, args);
    }

    /** The same with another entry point into mck's command line (e.g. cli.SandboxTimeMain). */
    public static Process start(String mainClass, Map<String, String> environment, Path home, Path stdout, Path stderr,
            String... args) throws IOException {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(JVM_OPTIONS);
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.add(mainClass);
        command.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(command);
        pb.environment().clear();
        pb.environment().put("PATH", System.getenv().getOrDefault("PATH", "/usr/bin:/bin"));
        pb.environment().put("HOME", home.toString());
        // Off EC2 the metadata probe would send traffic off the loopback; never in a test.
        pb.environment().put("AWS_EC2_METADATA_DISABLED", "true");
        pb.environment().putAll(environment);
        pb.redirectOutput(stdout.toFile());
        pb.redirectError(stderr.toFile());
        return pb.start();
    }
}
