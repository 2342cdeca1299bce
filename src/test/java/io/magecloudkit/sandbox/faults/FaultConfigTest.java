package io.magecloudkit.sandbox.faults;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** A faults file with a mistake is refused in one line that says where and what, as config validation does. */
class FaultConfigTest {
    static Stream<Arguments> mistakes() {
        return Stream.of(
                Arguments.of("garbage", "faults.yml:1:1: expected a mapping"),
                Arguments.of("requests: [\n", "faults.yml:1:12: YAML syntax error: while parsing a flow node"),
                Arguments.of("requests:\n  - service: ecs\n    throtleRate: 0.5\n",
                        "faults.yml:3:5: requests[0]: unknown key 'throtleRate' (expected one of: dropRate, errorRate, latencyMs, "
                                + "operation, service, throttleRate, unavailableRate)"),
                Arguments.of("requests:\n  - throttleRate: lots\n", "faults.yml:2:5: requests[0].throttleRate: 'lots' is not a number"),
                Arguments.of("requests:\n  - throttleRate: 1.5\n", "faults.yml:2:5: requests[0]: rates must be between 0 and 1, got 1.5"),
                Arguments.of("seed: [1]\n", "faults.yml:1:1: seed: expected a whole number"),
                Arguments.of("tasks: yes\n", "faults.yml:1:1: tasks: expected a list"),
                Arguments.of("tasks:\n  - image: web:1\n    crashOnStart: maybe\n",
                        "faults.yml:3:5: tasks[0].crashOnStart: 'maybe' is not true or false"),
                Arguments.of("tasks:\n  - exitCode: 3\n", "faults.yml:2:5: tasks[0]: each rule needs an image or a family"),
                Arguments.of("answers:\n  - image: web:1\n    status: 700\n",
                        "faults.yml:2:5: answers[0]: status must be an HTTP status between 100 and 599, got 700"),
                Arguments.of("answers:\n  - status: 500\n", "faults.yml:2:5: answers[0]: each rule needs an image or a family"),
                Arguments.of("commands:\n  - exitCode: 2\n",
                        "faults.yml:2:5: commands[0]: each rule needs an image, a family, a container or a command"),
                Arguments.of("commands:\n  - command: setup:upgrade\n    durationSeconds: -1\n",
                        "faults.yml:2:5: commands[0]: durationSeconds must not be negative, got -1"),
                Arguments.of("commands:\n  - command: setup:upgrade\n    output: done\n",
                        "faults.yml:3:5: commands[0].output: expected a list"),
                Arguments.of("resource:\n  - logicalId: Db\n",
                        "faults.yml:1:1: unknown key 'resource' (expected one of: answers, commands, launch, requests, resources, seed, tasks)"),
                Arguments.of("launch:\n  pullSecs: 40\n", "faults.yml:2:3: launch: unknown key 'pullSecs' (expected one of: images, provisioningSeconds, pullSeconds, "
                        + "startSeconds, stopSeconds)"),
                Arguments.of("launch:\n  images:\n    - image: php\n      pullSeconds: -1\n", "faults.yml:3:7: launch.images[0]: each entry needs an image and pullSeconds >= 0"));
    }

    @ParameterizedTest
    @MethodSource("mistakes")
    void aMistake_isOneLineWithFileLineAndColumn(String text, String expected) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> FaultConfig.parse(text, "faults.yml"));
        assertEquals(expected, e.getMessage());
    }
}
