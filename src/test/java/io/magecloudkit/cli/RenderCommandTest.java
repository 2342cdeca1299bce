package io.magecloudkit.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.magecloudkit.testing.CliRun;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RenderCommandTest {
    private static final String CONFIG = "examples/magecloudkit.yml";

    private static List<String> files(Path dir) throws Exception {
        try (Stream<Path> s = Files.list(dir)) {
            return s.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

    @Test
    void writesOneTemplateAndParameterFilePerStackInOrder(@TempDir Path dir) throws Exception {
        Path out = dir.resolve("cfn");
        Path result = dir.resolve("result.json");
        CliRun.Result r = CliRun.run(Main.commandLine(), "render", "--config", CONFIG, "--env", "production", "--out", out.toString(),
                "--result-file", result.toString());
        assertEquals(0, r.exitCode(), r.stderr());
        List<String> names = files(out);
        assertEquals("01-network.template.yml", names.get(1));
        assertEquals("01-network.parameters.json", names.get(0));
        assertTrue(names.contains("15-cluster-admin.parameters.json"), names.toString());
        assertEquals(2 * 17, names.size(), names.toString());
        assertEquals(Files.readString(Path.of("resources/io/magecloudkit/cloudformation/network.yml")),
                Files.readString(out.resolve("01-network.template.yml")), "the template is written exactly as it is sent");
        JsonNode params = new ObjectMapper().readTree(out.resolve("02-security-groups.parameters.json").toFile());
        assertEquals("VpcId", params.get(2).get("ParameterKey").asText());
        assertEquals("<acme-shop-production-network.VpcId>", params.get(2).get("ParameterValue").asText());
        assertTrue(r.stderr().contains("17 stack(s) of acme-shop-production written to " + out + "; every check passed"), r.stderr());
        JsonNode doc = new ObjectMapper().readTree(result.toFile());
        assertEquals(17, doc.path("result").path("stacks").size(), doc.toString());
    }

    @Test
    void replacesWhatAnEarlierRenderLeft(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("99-gone.template.yml"), "old");
        Files.writeString(dir.resolve("notes.txt"), "mine");
        assertEquals(0, CliRun.run(Main.commandLine(), "render", "--config", CONFIG, "--env", "staging", "--out", dir.toString()).exitCode());
        assertFalse(Files.exists(dir.resolve("99-gone.template.yml")));
        assertTrue(Files.exists(dir.resolve("notes.txt")), "files that are not renders stay");
    }

    @Test
    void unknownEnvironmentExits2WithOneLineAndWritesNothing(@TempDir Path dir) throws Exception {
        Path out = dir.resolve("cfn");
        CliRun.Result r = CliRun.run(Main.commandLine(), "render", "--config", CONFIG, "--env", "stagin", "--out", out.toString());
        assertEquals(2, r.exitCode(), r.stderr());
        assertTrue(r.stderr().contains("no environment 'stagin'") && r.stderr().contains("staging"), r.stderr());
        assertFalse(r.stderr().contains("Exception"), r.stderr());
        assertFalse(Files.exists(out));
    }

    @Test
    void missingEnvOrOutIsAUsageError(@TempDir Path dir) throws Exception {
        CliRun.Result noEnv = CliRun.run(Main.commandLine(), "render", "--config", CONFIG, "--out", dir.toString());
        assertEquals(2, noEnv.exitCode());
        assertTrue(noEnv.stderr().contains("--env is required"), noEnv.stderr());
        CliRun.Result noOut = CliRun.run(Main.commandLine(), "render", "--config", CONFIG, "--env", "staging");
        assertEquals(2, noOut.exitCode());
        assertTrue(noOut.stderr().contains("--out"), noOut.stderr());
        Path file = Files.writeString(dir.resolve("file"), "x");
        CliRun.Result outIsFile = CliRun.run(Main.commandLine(), "render", "--config", CONFIG, "--env", "staging", "--out", file.toString());
        assertEquals(2, outIsFile.exitCode());
        assertTrue(outIsFile.stderr().contains("is a file, not a directory"), outIsFile.stderr());
    }

    @Test
    void helpSaysWhatItWrites() {
        CliRun.Result r = CliRun.run(Main.commandLine(), "render", "--help");
        assertEquals(0, r.exitCode());
        assertTrue(r.stdout().contains("--out=DIR") && r.stdout().contains("parameters.json") && r.stdout().contains("cdk synth"), r.stdout());
    }
}
