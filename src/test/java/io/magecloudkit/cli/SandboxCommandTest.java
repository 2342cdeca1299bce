package io.magecloudkit.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class SandboxCommandTest {
    private static final Pattern ENDPOINT = Pattern.compile("AWS_ENDPOINT_URL=(http://127\\.0\\.0\\.1:\\d+)");

    @Test
    void servesUntilInterrupted_andFlushesItsState(@TempDir Path dir) throws Exception {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cl = Main.commandLine();
        cl.setOut(new PrintWriter(out, true));
        cl.setErr(new PrintWriter(err, true));
        AtomicInteger exit = new AtomicInteger(-1);
        Path state = dir.resolve("state");
        Path result = dir.resolve("result.json");
        Thread runner = new Thread(() -> exit.set(cl.execute("sandbox", "--state-dir", state.toString(), "--speed", "5",
                "--result-file", result.toString())));
        runner.start();
        long deadline = System.nanoTime() + 10_000_000_000L;
        Matcher m = ENDPOINT.matcher("");
        while (System.nanoTime() < deadline && !(m = ENDPOINT.matcher(out.toString())).find()) {
            Thread.sleep(20);
        }
        assertTrue(m.find(0), "endpoint printed: " + out + err);
        assertTrue(out.toString().contains("AWS_ACCESS_KEY_ID=test AWS_SECRET_ACCESS_KEY=test AWS_REGION=us-east-1"), out.toString());
        URI endpoint = URI.create(m.group(1));
        HttpResponse<String> health = HttpClient.newHttpClient().send(HttpRequest.newBuilder(endpoint.resolve("/_sandbox/health")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(200, health.statusCode());
        assertTrue(health.body().contains("\"speed\":5.0"), health.body());

        runner.interrupt();
        runner.join(10_000);
        assertEquals(0, exit.get(), err.toString());
        assertTrue(Files.exists(state.resolve("sandbox-state.json")), "state flushed on stop");
        assertTrue(Files.readString(result).contains(endpoint.toString()));
    }

    @Test
    void badSpeed_isAUsageError() {
        StringWriter err = new StringWriter();
        CommandLine cl = Main.commandLine();
        cl.setErr(new PrintWriter(err, true));
        cl.setOut(new PrintWriter(new StringWriter(), true));
        assertEquals(ExitCode.USAGE, cl.execute("sandbox", "--speed", "0"));
        assertTrue(err.toString().contains("--speed must be a positive number"), err.toString());
    }

    @Test
    void missingFaultsFile_isAUsageError(@TempDir Path dir) {
        StringWriter err = new StringWriter();
        CommandLine cl = Main.commandLine();
        cl.setErr(new PrintWriter(err, true));
        cl.setOut(new PrintWriter(new StringWriter(), true));
        assertEquals(ExitCode.USAGE, cl.execute("sandbox", "--faults", dir.resolve("nope.yml").toString()));
        assertTrue(err.toString().contains("--faults: no such file"), err.toString());
    }

    /**
     * Runs a sandbox command line that must be refused before serving; returns exit code and what went to stderr.
     * The tests calling it carry a timeout: a sandbox that wrongly starts serves until interrupted.
     */
    private static java.util.Map.Entry<Integer, String> refused(String... args) {
        StringWriter err = new StringWriter();
        StringWriter out = new StringWriter();
        CommandLine cl = Main.commandLine();
        cl.setErr(new PrintWriter(err, true));
        cl.setOut(new PrintWriter(out, true));
        int code = cl.execute(args);
        assertTrue(out.toString().isEmpty(), "nothing served: " + out);
        return java.util.Map.entry(code, err.toString());
    }

    private static void assertOneLineUsageError(java.util.Map.Entry<Integer, String> result, String expected) {
        assertEquals(ExitCode.USAGE, result.getKey(), result.getValue());
        assertEquals(1, result.getValue().strip().lines().count(), result.getValue());
        assertTrue(result.getValue().contains(expected), result.getValue());
        assertTrue(!result.getValue().contains("Exception") && !result.getValue().contains("\tat ")
                && !result.getValue().contains("REDACTED") && !result.getValue().contains("Feature"), result.getValue());
    }

    @org.junit.jupiter.api.Timeout(10)
    @org.junit.jupiter.params.ParameterizedTest
    @org.junit.jupiter.params.provider.CsvSource(delimiter = '|', value = {
        "'garbage'                                     | faults.yml:1:1: expected a mapping",
        "'requests:\n  - throttleRate: often\n'     | faults.yml:2:5: requests[0].throttleRate: 'often' is not a number",
        "'requests:\n  - servce: ecs\n'             | faults.yml:2:5: requests[0]: unknown key 'servce'"})
    void aFaultsFileWithAMistake_isAUsageErrorWithLineAndColumn(String content, String expected, @TempDir Path dir) throws Exception {
        Path faults = Files.writeString(dir.resolve("faults.yml"), content.replace("\\n", "\n"));
        Path state = dir.resolve("state");
        assertOneLineUsageError(refused("sandbox", "--faults", faults.toString(), "--state-dir", state.toString()), expected);
        assertTrue(!Files.exists(state), "nothing started: the state directory was not even created");
    }

    @org.junit.jupiter.api.Timeout(10)
    @org.junit.jupiter.params.ParameterizedTest
    @org.junit.jupiter.params.provider.ValueSource(strings = {"[]", "", "{\"ecs\": {\"clusters\": 7}}", "{\"ecs\""})
    void aCorruptOrWronglyTypedStateFile_isAUsageError(String content, @TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("sandbox-state.json"), content);
        assertOneLineUsageError(refused("sandbox", "--state-dir", dir.toString()), "mck: error: " + dir.resolve("sandbox-state.json"));
        assertEquals(content, Files.readString(dir.resolve("sandbox-state.json")));
    }

    @org.junit.jupiter.api.Timeout(10)
    @Test
    void aStateDirectoryThatCannotBeWritten_isAUsageError(@TempDir Path dir) throws Exception {
        Path blocked = Files.writeString(dir.resolve("file"), "x").resolve("state");
        assertOneLineUsageError(refused("sandbox", "--state-dir", blocked.toString()), "cannot write the sandbox state directory " + blocked);
    }

    @org.junit.jupiter.api.Timeout(10)
    @org.junit.jupiter.params.ParameterizedTest
    @org.junit.jupiter.params.provider.ValueSource(strings = {"Mars", "us-east-1; rm -rf /", "us-east-1\u001b[2J", "", "US-EAST-1"})
    void aSandboxRegionThatIsNotARegionName_isAUsageError(String region) {
        var result = refused("sandbox", "--sandbox-region", region);
        assertOneLineUsageError(result, "region must be an AWS region name like us-east-1");
        assertTrue(!result.getValue().contains("\u001b"), "control characters escaped: " + result.getValue());
    }
}
