package io.magecloudkit.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * mck demo end to end through the CLI's own entry point (Main's command line): the whole
 * rehearsal with its verdict, and the same rehearsal with one more real fault that breaks an
 * expectation.
 */
class DemoCommandTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path tmp;

    record Run(int exit, String out, String err, JsonNode result) {
    }

    private Run demo(java.util.function.UnaryOperator<String> v2Faults, String... extra) throws Exception {
        CommandLine cl = Main.commandLine();
        DemoCommand command = cl.getSubcommands().get("demo").getCommand();
        command.v2Faults = v2Faults;
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        cl.setOut(new PrintWriter(out, true));
        cl.setErr(new PrintWriter(err, true));
        Path result = tmp.resolve("demo.json");
        Files.deleteIfExists(result);
        List<String> args = new java.util.ArrayList<>(List.of("demo", "--state-dir", tmp.resolve("state").toString(),
                "--result-file", result.toString()));
        args.addAll(List.of(extra));
        int exit = cl.execute(args.toArray(String[]::new));
        return new Run(exit, out.toString(), err.toString(), Files.exists(result) ? JSON.readTree(result.toFile()) : null);
    }

    @Test
    void rehearsal_everyPhaseRuns_everyExpectationHolds_exit0() throws Exception {
        String keyBefore = System.getProperty("aws.accessKeyId");
        Run run = demo(java.util.function.UnaryOperator.identity());
        assertEquals(0, run.exit(), run.err() + run.out());
        assertTrue(run.out().contains("demo: every expectation held"), run.out());
        JsonNode result = run.result().path("result");
        assertTrue(result.path("passed").asBoolean());
        assertEquals(10, result.path("phases").size(), result.toString());
        for (JsonNode e : result.path("expectations")) {
            assertTrue(e.path("held").asBoolean(), e.toString());
        }
        // What the log must show: the release phase's upgrade in maintenance, the fault, the gate, the rollback.
        assertTrue(run.err().contains("| Declarative Schema is not up to date"), run.err());
        assertTrue(run.err().contains("| Enabled maintenance mode") && run.err().contains("| Disabled maintenance mode"), run.err());
        assertTrue(run.err().contains("PUT http://127.0.0.1:") && run.err().contains("crashOnStart: true"), run.err());
        assertTrue(run.err().contains("14 of 14 stacks unchanged"), run.err());
        assertTrue(run.err().contains("magento: failed - "), run.err());
        // The deploys' own result files are what the verdict read: check them independently.
        JsonNode v1 = JSON.readTree(tmp.resolve("state/results/deploy-v1.json").toFile()).path("result").path("apps").get(0);
        JsonNode v2 = JSON.readTree(tmp.resolve("state/results/deploy-v2.json").toFile()).path("result").path("apps").get(0);
        assertEquals("passed", v1.path("verdict").asText());
        assertEquals("failed", v2.path("verdict").asText());
        assertEquals(v1.path("taskDefinition").asText(), v2.path("rollback").path("taskDefinition").asText());
        assertEquals(keyBefore, System.getProperty("aws.accessKeyId"), "the sandbox's keys do not outlive the demo");
        assertFalse(run.err().contains("\u001B["), "no escape sequences without a terminal");
    }

    @Test
    void aFaultThatAlsoCrashesV1_breaksTheRollback_exit1() throws Exception {
        // Every task of the service crashes, not only v2's: the rollback to v1 cannot come up.
        Run run = demo(yaml -> yaml.replace("tasks:\n", "tasks:\n  - family: demo-shop-demo-magento\n    service: demo-shop-demo-magento\n"
                + "    crashOnStart: true\n    exitCode: 139\n"));
        assertEquals(1, run.exit(), run.err() + run.out());
        assertTrue(run.out().contains("expectation(s) did not hold"), run.out());
        JsonNode expectations = run.result().path("result").path("expectations");
        assertTrue(expectations.get(0).path("held").asBoolean(), "v1 was healthy: " + expectations);
        assertFalse(expectations.get(1).path("held").asBoolean(), "v2 was not rolled back to a healthy v1: " + expectations);
        // The old v1 task was never stopped (minimumHealthyPercent 100), so whether "v1 serving again" holds is
        // the load balancer's answer, not this test's: it is judged, not assumed.
        assertTrue(expectations.get(2).path("evidence").asText().startsWith("load balancer: "), expectations.toString());
        assertEquals("failed", run.result().path("status").asText());
    }

    @Test
    void badOptions_exit2_beforeAnythingStarts() throws Exception {
        Files.writeString(Files.createDirectories(tmp.resolve("used")).resolve("x"), "x");
        for (String[] args : List.of(new String[] {"--state-dir", tmp.resolve("used").toString()},
                new String[] {"--provision-speed=-1"}, new String[] {"--speed", "NaN"}, new String[] {"--env", "staging"})) {
            Run run = demo(java.util.function.UnaryOperator.identity(), args);
            assertEquals(2, run.exit(), String.join(" ", args) + ": " + run.err());
            assertTrue(run.err().startsWith("mck: error: "), run.err());
            assertFalse(run.err().contains("start the sandbox"), "nothing started: " + run.err());
        }
    }
}
