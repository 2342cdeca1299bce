package io.magecloudkit.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.magecloudkit.cli.Main;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import picocli.CommandLine;

/**
 * Each step offers every option of its mck command: an option mck gains (such as
 * --efs-var-access-point-id) shows up here until a step argument maps to it, or it is named
 * below as one a pipeline step leaves out on purpose.
 */
class StepCoversCommandTest {
    /** Options no step argument maps to, and why. */
    static final Map<String, String> LEFT_OUT = Map.of(
            "--help", "picocli's own", "--version", "picocli's own",
            "--result-file", "every step gives its own, unique per call",
            "--debug", "stack traces are for a terminal, not a build log",
            "--verify-only", "mckDeploy deploys; the preflight alone is `mck deploy --verify-only` with sh");

    @ParameterizedTest
    @CsvSource({"mckBuildImages, build-images", "mckDeploy, deploy", "mckRollback, rollback", "mckStatus, status",
            "mckProvision, provision", "mckPlan, plan", "mckRun, run"})
    void theStepMapsEveryOptionOfItsCommand(String step, String command) throws Exception {
        // The flags a step can pass: its own, and the shared ones of MckCli (common, stack values, gate).
        String groovy = Files.readString(Path.of("vars", step + ".groovy"));
        String shared = Files.readString(Path.of("src/io/magecloudkit/pipeline/MckCli.groovy"));
        boolean stack = groovy.contains("stackFlags(");
        boolean gate = groovy.contains("gateFlags(");
        List<String> missing = Main.commandLine().getSubcommands().get(command).getCommandSpec().options().stream()
                .map(CommandLine.Model.OptionSpec::longestName)
                .filter(flag -> !LEFT_OUT.containsKey(flag))
                .filter(flag -> !groovy.contains("'" + flag + "'") && !inShared(shared, stack, gate, flag))
                .sorted().toList();
        assertEquals(List.of(), missing, step + " offers no argument for these options of mck " + command);
    }

    /** The flag is in MckCli's AWS_FLAGS (every step), or in a shared mapping the step calls. */
    private static boolean inShared(String shared, boolean stack, boolean gate, String flag) {
        String quoted = "'" + flag + "'";
        return section(shared, "AWS_FLAGS").contains(quoted)
                || stack && section(shared, "STACK_FLAGS").contains(quoted)
                || gate && section(shared, "gateFlags(Map params)").contains(quoted);
    }

    /** From the declaration named {@code name} to the next blank line. */
    private static String section(String text, String name) {
        int start = text.indexOf(name);
        int end = text.indexOf("\n\n", start);
        return start < 0 ? "" : text.substring(start, end < 0 ? text.length() : end);
    }
}
