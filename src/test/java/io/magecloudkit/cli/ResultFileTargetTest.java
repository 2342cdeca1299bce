package io.magecloudkit.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.magecloudkit.testing.CliRun;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** What --result-file does with every kind of target: what it replaces, writes in place or refuses. */
class ResultFileTargetTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String EXAMPLE = "examples/magecloudkit.yml";

    @TempDir
    Path tmp;

    private static CliRun.Result validate(String resultFile) {
        return CliRun.run(Main.commandLine(), "config", "validate", EXAMPLE, "--result-file", resultFile);
    }

    /** A target the test prepares; null target text means "the path itself". */
    interface Setup {
        Path prepare(Path tmp) throws Exception;
    }

    static Stream<Arguments> refusedBeforeAnythingRuns() {
        return Stream.of(
                Arguments.of("an empty name", (Setup) t -> Path.of(""), "--result-file needs a file name, got an empty one"),
                Arguments.of("a directory", (Setup) t -> Files.createDirectory(t.resolve("dir")), "is a directory"),
                Arguments.of("a path under a regular file", (Setup) t -> Files.writeString(t.resolve("plain"), "x")
                        .resolve("result.json"), "plain is not a directory"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource
    void refusedBeforeAnythingRuns(String what, Setup setup, String message) throws Exception {
        Path target = setup.prepare(tmp);
        List<Path> before = listing();
        CliRun.Result r = validate(target.toString());
        assertEquals(ExitCode.USAGE, r.exitCode(), r.stderr());
        assertTrue(r.stderr().startsWith("mck: error: "), r.stderr());
        assertTrue(r.stderr().contains(message), r.stderr());
        assertEquals(1, r.stderr().strip().lines().count(), "one line, and the command did not run: " + r.stderr());
        assertEquals(before, listing(), "nothing created or replaced");
    }

    static Stream<Arguments> written() {
        Predicate<Path> regular = p -> Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS);
        return Stream.of(
                Arguments.of("a missing file", (Setup) t -> t.resolve("r.json"), regular, ""),
                Arguments.of("an existing file (replaced)", (Setup) t -> Files.writeString(t.resolve("r.json"), "old"),
                        regular, ""),
                Arguments.of("a missing directory (created, and said so)", (Setup) t -> t.resolve("a/b/r.json"), regular,
                        "created directory "),
                Arguments.of("a symlink to a file (the link stays)", (Setup) t -> Files.createSymbolicLink(t.resolve("link"),
                        Files.writeString(t.resolve("real.json"), "old")), (Predicate<Path>) Files::isSymbolicLink, ""));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource
    void written(String what, Setup setup, Predicate<Path> stillIs, String said) throws Exception {
        Path target = setup.prepare(tmp);
        CliRun.Result r = validate(target.toString());
        assertEquals(ExitCode.OK, r.exitCode(), r.stderr());
        assertTrue(r.stderr().contains(said), r.stderr());
        assertTrue(stillIs.test(target), what);
        JsonNode doc = JSON.readTree(target.toFile());
        assertEquals("succeeded", doc.get("status").asText());
        try (Stream<Path> files = Files.walk(tmp)) {
            assertTrue(files.noneMatch(p -> p.getFileName().toString().endsWith(".tmp")), "no temp file left behind");
        }
    }

    @Test
    void fifo_isWrittenInPlace_notReplaced() throws Exception {
        Path fifo = tmp.resolve("pipe");
        assumeTrue(run("mkfifo", fifo.toString()) == 0, "mkfifo unavailable");
        CompletableFuture<String> reader = CompletableFuture.supplyAsync(() -> {
            try {
                return Files.readString(fifo, StandardCharsets.UTF_8); // blocks until mck opens the pipe
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        });
        CliRun.Result r = validate(fifo.toString());
        assertEquals(ExitCode.OK, r.exitCode(), r.stderr());
        String read = reader.get(30, TimeUnit.SECONDS);
        assertEquals("succeeded", JSON.readTree(read).get("status").asText());
        assertEquals("fifo", fileType(fifo));
    }

    static Stream<Arguments> devices() {
        // Private copies of /dev/null (1,3) and /dev/full (1,7): a faulty writer replaces these, not the machine's.
        return Stream.of(
                Arguments.of("null", 3, ExitCode.OK, ""),
                Arguments.of("full", 7, ExitCode.FAILED, "mck: error: cannot write result file "));
    }

    @ParameterizedTest(name = "/dev/{0}")
    @MethodSource
    void devices(String name, int minor, int exit, String message) throws Exception {
        Path device = tmp.resolve(name);
        assumeTrue(run("mknod", device.toString(), "c", "1", String.valueOf(minor)) == 0, "mknod not permitted here");
        CliRun.Result r = validate(device.toString());
        assertEquals(exit, r.exitCode(), r.stderr());
        assertTrue(r.stderr().contains(message), r.stderr());
        if (minor == 7) {
            assertTrue(r.stderr().contains("No space left on device"), "the reason is kept: " + r.stderr());
        }
        assertEquals("character special file", fileType(device), "the device must still be a device");
    }

    @Test
    void permissionDenied_keepsTheReason() {
        // sysfs refuses new files even to root, so this holds whoever runs the tests.
        Path sys = Path.of("/sys");
        assumeTrue(Files.isDirectory(sys) && !Files.exists(sys.resolve("mck-result.json")));
        CliRun.Result r = validate("/sys/mck-result.json");
        assertEquals(ExitCode.FAILED, r.exitCode(), r.stderr());
        assertTrue(r.stderr().contains("mck: error: cannot write result file /sys/mck-result.json: permission denied"),
                r.stderr());
        assertFalse(r.stderr().contains(".tmp"), "the temp file's name is noise: " + r.stderr());
    }

    private List<Path> listing() throws IOException {
        try (Stream<Path> files = Files.walk(tmp)) {
            return files.sorted().toList();
        }
    }

    private static String fileType(Path p) throws Exception {
        Process stat = new ProcessBuilder("stat", "-c", "%F", p.toString()).redirectErrorStream(true).start();
        String out = new String(stat.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
        stat.waitFor();
        return out;
    }

    private static int run(String... command) throws Exception {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        p.getInputStream().readAllBytes();
        return p.waitFor();
    }
}
