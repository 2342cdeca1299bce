package io.magecloudkit.pipeline;

import java.nio.file.Path;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;

/**
 * What the step tests with an mck stand-in share: a workspace, the harness on it (build 7), the
 * stand-in answering {@link #firstAnswer()} until a test says otherwise, and the hostile values
 * every step must hand to mck literally.
 */
abstract class StandInStepTest {
    @TempDir
    Path workspace;
    PipelineHarness jenkins;
    StandInMck mck;

    /** The result document the stand-in writes, with exit 0, unless a test calls {@code mck.answers}. */
    abstract String firstAnswer();

    @BeforeEach
    void startStandIn() throws Exception {
        mck = new StandInMck(workspace);
        jenkins = new PipelineHarness(workspace).env("BUILD_NUMBER", "7").env("PATH", System.getenv("PATH"));
        mck.answers(jenkins, 0, firstAnswer());
    }

    /** Runs a library step with the stand-in as its mck. */
    Object step(String name, Map<String, Object> args) {
        return mck.run(jenkins, name, args);
    }

    /** Values a shell would expand, split or run if a step let them through unquoted. */
    static Stream<String> hostile() {
        return Stream.of("it's", "$(touch pwned)", "`touch pwned`", "a\nb; touch pwned", "\"; touch pwned; \"", "'; touch pwned; '",
                "$HOME", "\\'", "x' 'y", "-- --help");
    }
}
