package io.magecloudkit.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** mckRun with an mck stand-in: the command after --, quoting, the exit code, failures. */
class MckRunStepTest extends StandInStepTest {
    /** What `mck run` writes (OneOffCommand.Outcome). */
    static String ran(int exit) {
        return """
                {"command": "run", "status": "%s", "exitCode": %d, "result": {"app": "magento", "cluster": "shop-staging-app",
                  "taskDefinition": "arn:aws:ecs:eu-west-1:1:task-definition/shop-staging-magento:7",
                  "task": {"command": "bin/magento cache:flush", "taskArn": "arn:aws:ecs:eu-west-1:1:task/app/abc",
                           "exitCode": %d, "stoppedReason": "Essential container in task exited", "tail": ["Flushed cache types:", "config"]}}}
                """.formatted(exit == 0 ? "succeeded" : "failed", exit, exit);
    }

    @Override
    String firstAnswer() {
        return ran(0);
    }

    @Test
    void run_putsTheCommandAfterTheSeparator_andReturnsItsExitCodeAndOutput() throws Exception {
        Object out = step("mckRun", Map.of("env", "staging", "app", "magento",
                "command", List.of("bin/magento", "cache:flush"), "timeout", 600));
        assertEquals("run", mck.argv().get(0));
        assertEquals(List.of("--env", "staging", "--app", "magento", "--timeout", "600", "--", "bin/magento", "cache:flush"), mck.flags());
        Map<?, ?> result = (Map<?, ?>) out;
        assertEquals(0, result.get("exitCode"));
        assertEquals(List.of("Flushed cache types:", "config"), result.get("output"));
        assertEquals("arn:aws:ecs:eu-west-1:1:task/app/abc", result.get("taskArn"));
        assertTrue(jenkins.log().toString().contains("[sh] Run bin/magento cache:flush on magento in staging"), jenkins.log().toString());
    }

    @Test
    void aNonZeroExit_failsTheBuild_unlessReturnStatusIsAsked() throws Exception {
        mck.answers(jenkins, 3, ran(3));
        assertEquals("mckRun: bin/magento cache:flush exited 3", assertThrows(PipelineHarness.StepError.class,
                () -> step("mckRun", Map.of("env", "staging", "app", "magento", "command", "cache:flush"))).getMessage());
        Object out = step("mckRun", Map.of("env", "staging", "app", "magento", "command", "cache:flush", "returnStatus", true));
        assertEquals(3, ((Map<?, ?>) out).get("exitCode"));
    }

    @Test
    void missingOrWrongArguments_stopBeforeMckRuns() throws Exception {
        assertEquals("mckRun: env, app and command are required, e.g. mckRun(env: 'staging', app: 'magento', command: ['bin/magento', 'cache:flush'])",
                assertThrows(PipelineHarness.StepError.class,
                        () -> step("mckRun", Map.of("env", "staging", "app", "magento"))).getMessage());
        assertTrue(assertThrows(PipelineHarness.StepError.class,
                () -> step("mckRun", Map.of("env", "staging", "app", "magento", "command", "x", "timeout", "600"))).getMessage()
                .startsWith("mckRun: timeout must be a whole number"));
        assertFalse(Files.exists(workspace.resolve(".mck")) && Files.list(workspace.resolve(".mck")).findAny().isPresent(),
                "mck ran for a refused call");
    }

    @ParameterizedTest
    @MethodSource("hostile")
    void aHostileCommandWordReachesMckLiterally(String value) throws Exception {
        step("mckRun", Map.of("env", "staging", "app", "magento", "command", List.of("bin/magento", value)));
        assertEquals(List.of("--env", "staging", "--app", "magento", "--", "bin/magento", value), mck.flags());
        assertFalse(Files.exists(workspace.resolve("pwned")), "a value ran as a command");
    }
}
