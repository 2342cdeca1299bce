package io.magecloudkit.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * What holds for all seven steps alike, checked on each: every text argument reaches mck as one
 * literal word under its flag (no value is split, expanded or run by the agent's shell), and a
 * non-zero exit of mck fails the build, with mck's one-line reason when it gave one.
 */
class EveryStepTest extends StandInStepTest {
    /** The arguments every step maps to a flag. */
    static final Map<String, String> COMMON = Map.of("env", "--env", "config", "--config", "region", "--region", "profile", "--profile",
            "roleArn", "--role-arn", "externalId", "--external-id", "endpointUrl", "--endpoint-url");

    /** Some of each step's own text arguments, with the flag each becomes (mckRun's command words follow --). */
    static final Map<String, Map<String, String>> OWN = Map.of(
            "mckBuildImages", Map.of("source", "--source", "tag", "--tag", "registry", "--registry", "cacheDir", "--cache-dir",
                    "output", "--output"),
            "mckDeploy", Map.of("app", "--app", "imagesFile", "--images", "smokeUrl", "--smoke-url", "service", "--service",
                    "logGroup", "--log-group", "efsVarAccessPointId", "--efs-var-access-point-id"),
            "mckRollback", Map.of("app", "--app", "smokeUrl", "--smoke-url", "cluster", "--cluster"),
            "mckStatus", Map.of("app", "--app", "domain", "--domain", "targetGroupArn", "--target-group-arn"),
            "mckProvision", Map.of("allowReplacement", "--allow-replacement", "lockWait", "--lock-wait"),
            "mckPlan", Map.of(),
            "mckRun", Map.of("app", "--app", "command", "--", "databaseSecretArn", "--database-secret-arn"));

    /** What each step needs to run at all. */
    static final Map<String, Map<String, Object>> REQUIRED = Map.of(
            "mckBuildImages", Map.of(), "mckDeploy", Map.of("env", "staging"), "mckRollback", Map.of("env", "staging", "app", "magento"),
            "mckStatus", Map.of("env", "staging"), "mckProvision", Map.of("env", "staging"), "mckPlan", Map.of("env", "staging"),
            "mckRun", Map.of("env", "staging", "app", "magento", "command", "cache:flush"));

    @Override
    String firstAnswer() {
        return "{\"exitCode\": 0, \"result\": {}}";
    }

    static Stream<Arguments> everyStepWithEveryHostileValue() {
        return OWN.keySet().stream().sorted().flatMap(step -> hostile().map(value -> Arguments.of(step, value)));
    }

    @ParameterizedTest
    @MethodSource("everyStepWithEveryHostileValue")
    void everyTextArgumentReachesMckAsOneLiteralWord(String step, String value) throws Exception {
        Map<String, String> flags = new LinkedHashMap<>(COMMON);
        flags.putAll(OWN.get(step));
        Map<String, Object> args = new LinkedHashMap<>();
        flags.keySet().forEach(name -> args.put(name, value));

        step(step, args);

        List<String> argv = mck.flags();
        flags.forEach((name, flag) -> assertTrue(Collections.indexOfSubList(argv, List.of(flag, value)) >= 0,
                step + ": " + name + " did not reach mck as " + flag + " " + value + ": " + argv));
        assertFalse(Files.exists(workspace.resolve("pwned")), "a value ran as a command");
    }

    static Stream<String> steps() {
        return OWN.keySet().stream().sorted();
    }

    @ParameterizedTest
    @MethodSource("steps")
    void aNonZeroExit_failsTheBuild_withMcksReasonWhenItGaveOne(String step) throws Exception {
        mck.answers(jenkins, 3, "{\"exitCode\": 3, \"error\": {\"kind\": \"aws\", \"message\": \"the security token included in the request is invalid\"}}");
        assertEquals(step + " failed (exit 3): the security token included in the request is invalid",
                assertThrows(PipelineHarness.StepError.class, () -> step(step, REQUIRED.get(step))).getMessage());

        mck.answers(jenkins, 1, "{\"exitCode\": 1, \"result\": {}}");
        assertThrows(PipelineHarness.StepError.class, () -> step(step, REQUIRED.get(step)));
        assertEquals(null, jenkins.currentBuild().result, "a failure is no UNSTABLE build");
    }
}
