package io.magecloudkit.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** vars/NAME.txt, which Jenkins shows in the Global Variables Reference, documents every argument the step accepts. */
class StepHelpTest {
    @TempDir
    Path workspace;

    static Stream<String> steps() throws Exception {
        try (Stream<Path> vars = Files.list(Path.of("vars"))) {
            return vars.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".groovy"))
                    .map(n -> n.substring(0, n.length() - ".groovy".length())).sorted().toList().stream();
        }
    }

    @Test
    void everyEngineCommandStepIsHere() throws Exception {
        assertEquals(List.of("mckBuildImages", "mckDeploy", "mckPlan", "mckProvision", "mckRollback", "mckRun", "mckStatus"), steps().toList());
    }

    /** The step's own list of known arguments, from the error an unknown one gets. */
    private List<String> accepted(String step) {
        String message = "";
        try {
            new PipelineHarness(workspace).run(step, Map.of("notAnArgument", "x"));
        } catch (PipelineHarness.StepError e) {
            message = e.getMessage();
        }
        assertTrue(message.startsWith(step + ": unknown argument notAnArgument; known: "), message);
        return List.of(message.substring(message.indexOf("known: ") + "known: ".length()).split(", "));
    }

    @ParameterizedTest
    @MethodSource("steps")
    void theHelpNamesEveryArgument_theReturnedMap_andAnExample(String step) throws Exception {
        String help = Files.readString(Path.of("vars", step + ".txt"));
        List<String> missing = new ArrayList<>();
        for (String argument : accepted(step)) {
            if (!help.contains("<code>" + argument + "</code>")) {
                missing.add(argument);
            }
        }
        assertEquals(List.of(), missing, step + ".txt lacks these arguments");
        assertTrue(help.contains("Returns"), "the returned Map");
        assertTrue(help.contains("<pre><code>") && help.contains(step + "("), "an example");
        assertTrue(help.contains("default"), "defaults");
        assertFalse(help.contains("TODO"));
    }
}
