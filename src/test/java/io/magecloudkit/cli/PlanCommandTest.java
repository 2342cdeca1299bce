package io.magecloudkit.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.magecloudkit.TestProperties;
import io.magecloudkit.sandbox.SandboxFixture;
import io.magecloudkit.testing.CliRun;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * mck plan and AWS access: no credentials at all is an offline plan (exit 0, said so); credentials AWS
 * refuses are an AWS access error (exit 3, one line, the key never shown), not a quiet offline plan.
 */
class PlanCommandTest {
    private static final String CONFIG = "examples/magecloudkit.yml";
    private static final String KEY_ID = "AKIAPLANREFUSED00042";
    private static final String SECRET = "plan-secret-never-shown";
    static SandboxFixture f;

    @TempDir
    Path tmp;

    @BeforeAll
    static void start() {
        f = SandboxFixture.builder().sandbox(c -> c.region("eu-west-1")).start();
    }

    @AfterAll
    static void stop() {
        f.close();
    }

    private CliRun.Result plan(Path result) {
        return CliRun.run(Main.commandLine(), "plan", "--config", CONFIG, "--env", "staging", "--endpoint-url", f.endpoint().toString(),
                "--result-file", result.toString());
    }

    @Test
    void credentialsTheSandboxRefuses_exit3_inOneLine_withoutTheKey() throws Exception {
        Path result = tmp.resolve("plan.json");
        CliRun.Result run;
        try (TestProperties refused = TestProperties.set("aws.accessKeyId", KEY_ID, "aws.secretAccessKey", SECRET)) {
            run = plan(result);
        }
        assertEquals(ExitCode.AWS_ACCESS, run.exitCode(), run.stderr());
        List<String> errors = run.stderr().lines().filter(l -> l.startsWith("mck: error:")).toList();
        assertEquals(List.of("mck: error: cannot check AWS credentials: InvalidClientTokenId: The security token included in the request"
                + " is invalid."), errors, run.stderr());
        assertFalse(run.stderr().contains("offline plan"), run.stderr());
        String written = Files.readString(result);
        JsonNode doc = ResultFile.JSON.readTree(written);
        assertEquals(3, doc.path("exitCode").asInt(), written);
        assertEquals("aws_access", doc.at("/error/kind").asText(), written);
        for (String text : List.of(run.stdout(), run.stderr(), written)) {
            assertFalse(text.contains(KEY_ID) || text.contains(SECRET), text);
        }
    }

    @Test
    void noCredentialsAtAll_isTheOfflinePlan_saidSo_exit0_andNothingIsSent() throws Exception {
        for (String variable : List.of("AWS_ACCESS_KEY_ID", "AWS_PROFILE", "AWS_WEB_IDENTITY_TOKEN_FILE",
                "AWS_CONTAINER_CREDENTIALS_RELATIVE_URI", "AWS_CONTAINER_CREDENTIALS_FULL_URI")) {
            assumeTrue(System.getenv(variable) == null, variable + " is set: this JVM has credentials");
        }
        Path result = tmp.resolve("plan.json");
        long before = f.lastRequest();
        CliRun.Result run;
        // Blank keys are absent to the SDK; the profile files point nowhere (EC2 metadata is off in tests).
        try (TestProperties none = TestProperties.set("aws.accessKeyId", "", "aws.secretAccessKey", "",
                "aws.sharedCredentialsFile", tmp.resolve("no-credentials").toString(), "aws.configFile", tmp.resolve("no-config").toString())) {
            run = plan(result);
        }
        assertEquals(ExitCode.OK, run.exitCode(), run.stderr());
        assertTrue(run.stderr().contains("stack(s) rendered, every check passed"), run.stderr());
        assertTrue(run.stderr().contains("offline plan only (AWS not asked): cannot check AWS credentials: no AWS credentials found"),
                run.stderr());
        JsonNode doc = ResultFile.JSON.readTree(result.toFile());
        assertTrue(doc.at("/result/diff").isNull(), doc.toString());
        assertTrue(doc.at("/result/aws").asText().contains("no AWS credentials found"), doc.toString());
        assertEquals(before, f.lastRequest(), "nothing may be sent unsigned");
    }
}
