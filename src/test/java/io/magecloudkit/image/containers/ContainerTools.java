package io.magecloudkit.image.containers;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.stream.Stream;

/** The real programs the container tests run (Debian's nginx, php-fpm, php) and small process helpers. */
final class ContainerTools {

    private static final String INSTALL_HINT =
            "run ./test, which installs Debian's nginx, php-fpm and php-cli (envsubst comes with gettext-base)";

    private ContainerTools() {
    }

    static Path nginx() {
        return find("nginx", List.of(Path.of("/usr/sbin/nginx")), "nginx");
    }

    static Path php() {
        return find("php", List.of(Path.of("/usr/bin/php")), "php");
    }

    static Path envsubst() {
        return find("envsubst", List.of(Path.of("/usr/bin/envsubst")), "envsubst");
    }

    /** php-fpm8.2 on Debian bookworm, but any versioned php-fpm in /usr/sbin will do. */
    static Path phpFpm() {
        List<Path> candidates = new ArrayList<>();
        candidates.add(Path.of("/usr/sbin/php-fpm8.2"));
        try (Stream<Path> sbin = Files.list(Path.of("/usr/sbin"))) {
            sbin.filter(p -> p.getFileName().toString().matches("php-fpm[0-9.]*")).sorted().forEach(candidates::add);
        } catch (IOException e) {
            // No /usr/sbin: PATH is searched below.
        }
        return find("php-fpm", candidates, "php-fpm", "php-fpm8.2");
    }

    private static Path find(String what, List<Path> candidates, String... namesOnPath) {
        for (Path candidate : candidates) {
            if (Files.isExecutable(candidate)) {
                return candidate;
            }
        }
        for (String dir : System.getenv().getOrDefault("PATH", "").split(":")) {
            for (String name : namesOnPath) {
                Path p = Path.of(dir.isEmpty() ? "." : dir, name);
                if (Files.isExecutable(p)) {
                    return p;
                }
            }
        }
        return fail(what + " is not installed (looked in " + candidates + " and PATH): " + INSTALL_HINT);
    }

    /** resources/io/magecloudkit as the build copied it to the class path. */
    static Path resources() {
        try {
            return Path.of(ContainerTools.class.getResource("/io/magecloudkit/docker/images.yml").toURI())
                    .getParent().getParent();
        } catch (URISyntaxException | NullPointerException e) {
            return fail("resources/io/magecloudkit/docker/images.yml is not on the test class path");
        }
    }

    /** The fake Magento tree of these tests. */
    static Path fakeMagento() {
        try {
            return Path.of(ContainerTools.class.getResource("/io/magecloudkit/image/containers/magento").toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    static void copyTree(Path from, Path to) throws IOException {
        try (Stream<Path> files = Files.walk(from)) {
            for (Path source : (Iterable<Path>) files::iterator) {
                Path target = to.resolve(from.relativize(source).toString());
                if (Files.isDirectory(source)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(source, target);
                }
            }
        }
    }

    static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    /** The uid this JVM runs as (root needs explicit permission to run nginx workers and php-fpm as root). */
    static boolean runningAsRoot(Path anyFileWeCreated) throws IOException {
        return ((Integer) Files.getAttribute(anyFileWeCreated, "unix:uid")) == 0;
    }

    record Result(int exitCode, String stdout, String stderr) {
        String output() {
            return stdout + stderr;
        }
    }

    /** Runs a command to completion with a clean environment plus {@code env}. */
    static Result run(List<String> command, Map<String, String> env, Path workDir) throws IOException, InterruptedException {
        // Files, not pipes: no deadlock on large output; outside workDir, which may be a resource dir.
        Path out = Files.createTempFile("mck-container-test", ".out");
        Path err = Files.createTempFile("mck-container-test", ".err");
        try {
            Process process = builder(command, env, workDir)
                    .redirectOutput(out.toFile()).redirectError(err.toFile()).start();
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor();
                fail("timed out: " + command);
            }
            return new Result(process.exitValue(), Files.readString(out), Files.readString(err));
        } finally {
            Files.deleteIfExists(out);
            Files.deleteIfExists(err);
        }
    }

    static ProcessBuilder builder(List<String> command, Map<String, String> env, Path workDir) {
        ProcessBuilder builder = new ProcessBuilder(command).directory(workDir.toFile());
        builder.environment().clear();
        builder.environment().put("PATH", "/usr/local/bin:/usr/bin:/bin:/usr/sbin:/sbin");
        builder.environment().put("LANG", "C.UTF-8");
        builder.environment().putAll(env);
        return builder;
    }

    /** Polls until {@code condition} holds; fails with {@code what} (and the process's log) at the deadline. */
    static void await(String what, Duration timeout, BooleanSupplier condition, Process process, Path log) {
        Instant deadline = Instant.now().plus(timeout);
        while (!condition.getAsBoolean()) {
            if (process != null && !process.isAlive()) {
                fail(what + ": the process exited with " + process.exitValue() + "\n" + read(log));
            }
            if (Instant.now().isAfter(deadline)) {
                fail(what + ": not within " + timeout + "\n" + read(log));
            }
            try {
                Thread.sleep(25);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                fail("interrupted while waiting for " + what);
            }
        }
    }

    static boolean accepts(int port) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", port), 200);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    static String read(Path file) {
        try {
            return file == null || !Files.exists(file) ? "" : Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Stops a process (and whatever it started) and waits for them, so no test leaves one behind. */
    static void stop(Process process) throws InterruptedException {
        if (process == null) {
            return;
        }
        List<ProcessHandle> children = process.descendants().toList();
        process.destroy();
        if (!process.waitFor(10, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            process.waitFor(10, TimeUnit.SECONDS);
        }
        for (ProcessHandle child : children) {
            if (child.isAlive()) {
                child.destroyForcibly();
                try {
                    child.onExit().get(10, TimeUnit.SECONDS);
                } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
                    // Reported by the caller's leak check, if any.
                }
            }
        }
    }
}
