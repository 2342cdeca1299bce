package io.magecloudkit.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The worker loop (the cron task's command) run by real shells: it repeats its command, lets a run
 * in progress finish when SIGTERM comes, stops at once when SIGTERM comes between runs, and exits 0.
 */
class WorkerLoopTest {
    @TempDir
    Path work;
    private final List<Process> started = new ArrayList<>();

    @org.junit.jupiter.api.AfterEach
    void stopWhatIsLeft() {
        for (Process p : started) {
            p.descendants().forEach(ProcessHandle::destroyForcibly);
            p.destroyForcibly();
        }
    }

    /** Starts the task definition's command with {@code shell} in place of {@code sh}; each run writes start/end lines. */
    private Process start(String shell, int interval, double runSeconds) throws IOException {
        List<String> command = new ArrayList<>(WorkerTaskDefinitions.command(interval, List.of("sh", "-c",
                "echo start >> runs; sleep " + runSeconds + "; echo end >> runs")));
        command.set(0, shell);
        Process p = new ProcessBuilder(command).directory(work.toFile()).redirectError(work.resolve("stderr").toFile()).start();
        started.add(p);
        return p;
    }

    private List<String> runs() throws IOException {
        Path runs = work.resolve("runs");
        return Files.exists(runs) ? Files.readAllLines(runs) : List.of();
    }

    /** Polls the runs file until the condition holds (the loop's own timing is what is being tested). */
    private void await(Predicate<List<String>> condition, String what) throws Exception {
        Instant deadline = Instant.now().plusSeconds(30);
        while (!condition.test(runs())) {
            assertTrue(Instant.now().isBefore(deadline), "timed out waiting for " + what + ": " + runs());
            Thread.sleep(20);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"/bin/dash", "/usr/bin/bash"})
    void repeats_andLetsARunInProgressFinish_whenStopped(String shell) throws Exception {
        Process loop = start(shell, 1, 1.5);
        await(r -> r.stream().filter("end"::equals).count() >= 2 && r.get(r.size() - 1).equals("start"),
                "two runs done and a third started");
        loop.destroy(); // SIGTERM, as ECS sends it
        assertTrue(loop.waitFor(20, TimeUnit.SECONDS), "the loop did not stop");
        assertEquals(0, loop.exitValue(), Files.readString(work.resolve("stderr")));
        List<String> runs = runs();
        assertEquals("end", runs.get(runs.size() - 1), "the run in progress finished: " + runs);
        assertEquals(runs.stream().filter("start"::equals).count(), runs.stream().filter("end"::equals).count(), runs.toString());
        assertTrue(Files.readString(work.resolve("stderr")).contains("mck-worker: stopped (SIGTERM)"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"/bin/dash", "/usr/bin/bash"})
    void stopsAtOnce_whenStoppedBetweenRuns(String shell) throws Exception {
        Process loop = start(shell, 3600, 0);
        await(r -> r.contains("end"), "the first run");
        Instant stopped = Instant.now();
        loop.destroy();
        assertTrue(loop.waitFor(20, TimeUnit.SECONDS), "the loop waited out its interval");
        assertEquals(0, loop.exitValue());
        assertTrue(Duration.between(stopped, Instant.now()).toSeconds() < 20);
        assertTrue(Files.readString(work.resolve("stderr")).contains("mck-worker: stopped (SIGTERM)"));
        assertEquals(List.of("start", "end"), runs());
    }

    @Test
    void aFailingRun_isLogged_andTheLoopGoesOn() throws Exception {
        List<String> command = new ArrayList<>(WorkerTaskDefinitions.command(1, List.of("sh", "-c", "echo run >> runs; exit 3")));
        Process loop = new ProcessBuilder(command).directory(work.toFile()).redirectError(work.resolve("stderr").toFile()).start();
        started.add(loop);
        await(r -> r.size() >= 2, "a second run after a failed one");
        loop.destroy();
        assertTrue(loop.waitFor(20, TimeUnit.SECONDS));
        assertTrue(Files.readString(work.resolve("stderr")).contains("exited 3"), Files.readString(work.resolve("stderr")));
    }
}
