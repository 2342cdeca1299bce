package io.magecloudkit.sandbox;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The state directory: refused at start when it cannot be kept, never written through a planted link, never silently emptied. */
class StateDirectoryTest {
    @TempDir
    Path dir;

    private SandboxSetupException refusedAtStart(Path stateDir) {
        return assertThrows(SandboxSetupException.class, () -> Sandbox.start(SandboxConfig.builder().stateDir(stateDir).build()).close());
    }

    private static void assertOneCleanLine(String message) {
        assertFalse(message.contains("\n"), message);
        assertFalse(message.matches("(?s).*\\b(java|com\\.fasterxml|io\\.magecloudkit)\\.[a-z].*|.*(Feature|Source:|REDACTED).*"),
                "no Java or Jackson names: " + message);
    }

    @Test
    void aLinkPlantedAtTheTemporaryName_isNotFollowed() throws Exception {
        Path state = Files.createDirectory(dir.resolve("state"));
        Path victim = Files.writeString(dir.resolve("victim.txt"), "precious");
        Files.createSymbolicLink(state.resolve("sandbox-state.json.tmp"), victim);
        try (Sandbox sandbox = Sandbox.start(SandboxConfig.builder().stateDir(state).build())) {
            sandbox.provisioner().create("s", "Cluster", "AWS::ECS::Cluster", Map.of("ClusterName", "linked"));
        }
        assertEquals("precious", Files.readString(victim));
        assertTrue(Files.isRegularFile(state.resolve("sandbox-state.json"), java.nio.file.LinkOption.NOFOLLOW_LINKS));
        assertTrue(Files.readString(state.resolve("sandbox-state.json")).contains("linked"));
        try (Stream<Path> files = Files.list(state)) {
            assertEquals(2, files.count(), "only the state and the planted link: no temporary file left behind");
        }
    }

    static Stream<Arguments> notAState() {
        return Stream.of(Arguments.of("[]", "found JSON array"), Arguments.of("", "found an empty file"),
                Arguments.of("null", "found JSON null"), Arguments.of("42", "found JSON number"),
                Arguments.of("{\"ecs\": [", ":1:10: the sandbox state is not valid JSON: Unexpected end-of-input: expected close marker for Array"),
                Arguments.of("{\"ecs\": []}", "'ecs' holds a value of the wrong type"),
                Arguments.of("{\"ecs\": {\"clusters\": {\"a\": {\"status\": {}}}}}", "'ecs.clusters.a.status' holds a value of the wrong type"),
                Arguments.of("{\"clock\": \"soon\"}", "'clock' must be a whole number"));
    }

    @ParameterizedTest
    @MethodSource("notAState")
    void aStateFileThatIsNotASandboxState_isRefusedAndKept(String content, String expected) throws Exception {
        Files.writeString(dir.resolve("sandbox-state.json"), content);
        String message = refusedAtStart(dir).getMessage();
        assertTrue(message.startsWith(dir.resolve("sandbox-state.json").toString()) && message.contains(expected), message);
        assertOneCleanLine(message);
        assertEquals(content, Files.readString(dir.resolve("sandbox-state.json")), "left as it was");
    }

    @Test
    void aStateDirectoryThatCannotBeWritten_isRefusedAtStart() throws Exception {
        // Root may write anywhere chmod forbids; a file where a directory must be stops everyone.
        Path file = Files.writeString(dir.resolve("not-a-dir"), "x");
        String message = refusedAtStart(file.resolve("state")).getMessage();
        assertTrue(message.startsWith("cannot write the sandbox state directory " + file.resolve("state") + ": "), message);
        assertOneCleanLine(message);
        assertEquals("cannot write the sandbox state directory " + file + ": a file is in the way",
                refusedAtStart(file).getMessage());
    }

    /** The state directory goes away while the sandbox runs and a file takes its place: no save can succeed. */
    private static void replaceWithAFile(Path state) throws Exception {
        try (Stream<Path> files = Files.list(state)) {
            for (Path p : (Iterable<Path>) files::iterator) {
                Files.delete(p);
            }
        }
        Files.delete(state);
        Files.writeString(state, "in the way");
    }

    @Test
    void aStateDirectoryLostWhileRunning_doesNotMakeCloseThrow() throws Exception {
        Path state = dir.resolve("state");
        Sandbox sandbox = Sandbox.start(SandboxConfig.builder().stateDir(state).build());
        replaceWithAFile(state);
        sandbox.provisioner().create("s", "Cluster", "AWS::ECS::Cluster", Map.of("ClusterName", "unsaved"));
        sandbox.close();
        assertEquals("in the way", Files.readString(state));
    }

    @Test
    void aSaveThatKeepsFailing_isSaidOnce() throws Exception {
        Path state = dir.resolve("state");
        java.io.ByteArrayOutputStream err = new java.io.ByteArrayOutputStream();
        java.io.PrintStream original = System.err;
        try (Sandbox sandbox = Sandbox.start(SandboxConfig.builder().stateDir(state).build())) {
            replaceWithAFile(state);
            System.setErr(new java.io.PrintStream(err, true, java.nio.charset.StandardCharsets.UTF_8));
            for (int i = 0; i < 5; i++) {
                sandbox.provisioner().create("s", "Cluster" + i, "AWS::ECS::Cluster", Map.of("ClusterName", "c" + i));
                sandbox.persistQuietly();
            }
        } finally {
            System.setErr(original);
        }
        String said = err.toString(java.nio.charset.StandardCharsets.UTF_8);
        assertEquals(1, said.lines().filter(l -> l.startsWith("sandbox: cannot write the sandbox state to ")).count(), said);
    }
}
