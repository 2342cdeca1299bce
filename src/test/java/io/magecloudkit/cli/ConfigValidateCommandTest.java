package io.magecloudkit.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class ConfigValidateCommandTest {
    /** A typo in a key, a CIDR with host bits set and a reference to an app that does not exist. */
    private static final String BAD = """
            project: acme-shop
            region: eu-west-1
            apps:
              magento: {}
              blog:
                kind: wordpress
            environments:
              production:
                vpcCidr: 10.0.0.1/16
                availabiltyZones: 3
                clusters:
                  app:
                    apps: [magento, blgo, blog]
            """;

    private record Run(int exit, String err) {
    }

    private static Run run(String... args) {
        CommandLine cl = Main.commandLine();
        StringWriter err = new StringWriter();
        StringWriter out = new StringWriter();
        cl.setErr(new PrintWriter(err, true));
        cl.setOut(new PrintWriter(out, true));
        int exit = cl.execute(args);
        return new Run(exit, err.toString());
    }

    @Test
    void example_isValid() {
        Run r = run("config", "validate", "examples/magecloudkit.yml");
        assertEquals(0, r.exit(), r.err());
        assertTrue(r.err().contains("valid (2 environment(s): staging, production; 3 app(s): magento, admin, blog)"), r.err());
    }

    @Test
    void badFile_printsAllThreeErrorsWithLineAndColumn_andExits2(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("magecloudkit.yml");
        Files.writeString(file, BAD);
        Run r = run("config", "validate", file.toString());
        assertEquals(2, r.exit(), r.err());
        List<String> errors = new ArrayList<>();
        Matcher m = Pattern.compile("(?m)^mck: error: " + Pattern.quote(file.toString()) + ":(\\d+):(\\d+): (\\S+): (.*)$")
                .matcher(r.err());
        while (m.find()) {
            errors.add(m.group(1) + ":" + m.group(2) + " " + m.group(3) + " " + m.group(4));
        }
        assertEquals(3, errors.size(), r.err());
        assertTrue(errors.get(0).startsWith("9:14 environments.production.vpcCidr ")
                && errors.get(0).contains("did you mean 10.0.0.0/16?"), errors.get(0));
        assertTrue(errors.get(1).startsWith("10:5 environments.production.availabiltyZones ")
                && errors.get(1).contains("did you mean 'availabilityZones'?"), errors.get(1));
        assertTrue(errors.get(2).startsWith("13:25 environments.production.clusters.app.apps[1] ")
                && errors.get(2).contains("no app named 'blgo'"), errors.get(2));
    }

    @Test
    void resultFile_hasStatusFailedAndEveryError(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("bad.yml");
        Files.writeString(file, BAD);
        Path result = dir.resolve("out/result.json");
        Run r = run("config", "validate", file.toString(), "--result-file", result.toString());
        assertEquals(2, r.exit(), r.err());
        JsonNode doc = ResultFile.JSON.readTree(result.toFile());
        assertEquals("config validate", doc.get("command").asText());
        assertEquals("failed", doc.get("status").asText());
        assertEquals(2, doc.get("exitCode").asInt());
        JsonNode errors = doc.get("result").get("errors");
        assertEquals(3, errors.size(), doc.toString());
        assertEquals(9, errors.get(0).get("line").asInt());
        assertEquals(14, errors.get(0).get("column").asInt());
        assertEquals("environments.production.vpcCidr", errors.get(0).get("path").asText());
        assertEquals(file.toString(), errors.get(0).get("file").asText());
        assertEquals("environments.production.clusters.app.apps[1]", errors.get(2).get("path").asText());
        assertEquals(false, doc.get("result").get("valid").asBoolean());
    }

    @Test
    void resultFile_forAValidFile_listsEnvironmentsAndApps(@TempDir Path dir) throws Exception {
        Path result = dir.resolve("result.json");
        Run r = run("config", "validate", "examples/magecloudkit.yml", "--result-file", result.toString());
        assertEquals(0, r.exit(), r.err());
        JsonNode doc = ResultFile.JSON.readTree(result.toFile());
        assertEquals("succeeded", doc.get("status").asText());
        assertEquals("staging", doc.get("result").get("environments").get(0).asText());
        assertEquals(3, doc.get("result").get("apps").size());
    }

    @Test
    void malformedYamlAndMissingFile_exit2(@TempDir Path dir) throws Exception {
        Path broken = dir.resolve("broken.yml");
        Files.writeString(broken, "project: acme\nregion: [eu-west-1\n");
        Run syntax = run("config", "validate", broken.toString());
        assertEquals(2, syntax.exit(), syntax.err());
        assertTrue(Pattern.compile(Pattern.quote(broken.toString()) + ":\\d+:\\d+: YAML syntax error").matcher(syntax.err()).find(),
                syntax.err());
        Run missing = run("config", "validate", dir.resolve("absent.yml").toString());
        assertEquals(2, missing.exit(), missing.err());
        assertTrue(missing.err().contains("absent.yml: no such file"), missing.err());
    }

    @Test
    void unknownEnv_isReportedWithASuggestion() {
        Run r = run("config", "validate", "examples/magecloudkit.yml", "--env", "prodution");
        assertEquals(2, r.exit(), r.err());
        assertTrue(r.err().contains("environments: no environment 'prodution' (did you mean 'production'?); known: staging, production"),
                r.err());
    }

    @Test
    void withoutAnArgument_validatesTheConfigOption(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("shop.yml");
        Files.writeString(file, "project: acme-shop\nregion: eu-west-1\nenvironments:\n  production:\n    vpcCidr: 10.0.0.0/16\n");
        Run r = run("config", "validate", "--config", file.toString());
        assertEquals(0, r.exit(), r.err());
        assertTrue(r.err().contains("1 app(s): magento"), r.err());
    }

    @Test
    void warnings_arePrintedAndWritten_butDoNotFail(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("wide.yml");
        Files.writeString(file, "project: acme-shop\nregion: eu-west-1\nenvironments:\n  production:\n    vpcCidr: 10.0.0.0/16\n"
                + "    bastion: {sshCidr: 10.0.0.0/8}\n");
        Path result = dir.resolve("result.json");
        Run r = run("config", "validate", file.toString(), "--result-file", result.toString());
        assertEquals(0, r.exit(), r.err());
        assertTrue(r.err().contains("mck: warning: " + file + ":6:24: environments.production.bastion.sshCidr: sshCidr 10.0.0.0/8"),
                r.err());
        JsonNode warnings = ResultFile.JSON.readTree(result.toFile()).at("/result/warnings");
        assertEquals(1, warnings.size(), warnings.toString());
        assertEquals("environments.production.bastion.sshCidr", warnings.get(0).get("path").asText());
    }
}
