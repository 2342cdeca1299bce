package io.magecloudkit.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.magecloudkit.testing.CliRun;
import io.magecloudkit.testing.FreePort;
import io.magecloudkit.testing.MckProcess;
import io.magecloudkit.testing.RecordingHttpServer;
import io.magecloudkit.testing.StsResponses;
import java.nio.file.Path;
import java.util.Map;
import io.magecloudkit.TestProperties;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MckCliTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path tmp;

    private static TestProperties credentials;

    @BeforeAll
    static void credentials() {
        credentials = TestProperties.set("aws.accessKeyId", "AKIDCLITEST", "aws.secretAccessKey", "cli-secret-never-shown");
    }

    @AfterAll
    static void restoreCredentials() {
        credentials.close();
    }

    private static CliRun.Result mck(String... args) {
        return CliRun.run(Main.commandLine(), args);
    }

    @Test
    void version_printsTheBuildVersion() {
        CliRun.Result r = mck("--version");
        assertEquals(ExitCode.OK, r.exitCode());
        assertTrue(r.stdout().matches("(?s)mck \\d+\\.\\d+\\.\\d+.*"), r.stdout());
    }

    @Test
    void help_listsEveryCommand() {
        CliRun.Result r = mck("--help");
        assertEquals(ExitCode.OK, r.exitCode());
        for (String command : new String[] {"config", "provision", "build-images", "deploy", "rollback", "status",
            "plan", "destroy", "sandbox", "demo", "whoami"}) {
            assertTrue(r.stdout().contains(command), command + " missing from help:\n" + r.stdout());
        }
        assertTrue(r.stdout().contains("Exit codes"), r.stdout());
    }

    @Test
    void usageErrors_exit2_withOneLine() {
        CliRun.Result unknownOption = mck("--bogus");
        assertEquals(ExitCode.USAGE, unknownOption.exitCode());
        assertTrue(unknownOption.stderr().startsWith("mck: error: Unknown option: '--bogus'"), unknownOption.stderr());

        assertEquals(ExitCode.USAGE, mck().exitCode());
        assertEquals(ExitCode.USAGE, mck("deploy", "--no-such-flag").exitCode());
        assertEquals(ExitCode.USAGE, mck("no-such-command").exitCode());
    }

    @Test
    void demo_badSpeed_exit2_inOneLine_andWritesResult() throws Exception {
        Path result = tmp.resolve("out/result.json");
        CliRun.Result r = mck("demo", "--speed", "0", "--result-file", result.toString());
        assertEquals(ExitCode.USAGE, r.exitCode());
        assertEquals("mck: error: --speed must be a number above 0 and at most 10000, got 0", r.stderr().lines().findFirst().orElse(""));
        JsonNode doc = JSON.readTree(result.toFile());
        assertEquals("failed", doc.get("status").asText());
        assertEquals(2, doc.get("exitCode").asInt());
        assertEquals("usage", doc.at("/error/kind").asText());
    }

    @Test
    void whoami_printsIdentity_andWritesResult() throws Exception {
        Path result = tmp.resolve("whoami.json");
        try (RecordingHttpServer sts = new RecordingHttpServer(
                q -> StsResponses.callerIdentity("123456789012", "arn:aws:sts::123456789012:assumed-role/jenkins/b42"))) {
            CliRun.Result r = mck("whoami", "--region", "eu-central-1", "--endpoint-url", sts.endpoint().toString(),
                    "--result-file", result.toString());
            assertEquals(ExitCode.OK, r.exitCode(), r.stderr());
            assertEquals("arn:aws:sts::123456789012:assumed-role/jenkins/b42", r.stdout().trim());
            JsonNode doc = JSON.readTree(result.toFile());
            assertEquals("succeeded", doc.get("status").asText());
            assertEquals("whoami", doc.get("command").asText());
            assertEquals("123456789012", doc.at("/result/account").asText());
            assertEquals("eu-central-1", doc.at("/result/region").asText());
            assertFalse(JSON.writeValueAsString(doc).contains("cli-secret-never-shown"));
        }
    }

    @Test
    void whoami_refusedCredentials_exit3() throws Exception {
        try (RecordingHttpServer sts = new RecordingHttpServer(
                q -> StsResponses.error(403, "SignatureDoesNotMatch", "The request signature we calculated does not match."))) {
            CliRun.Result r = mck("whoami", "--region", "us-east-1", "--endpoint-url", sts.endpoint().toString());
            assertEquals(ExitCode.AWS_ACCESS, r.exitCode());
            assertEquals("mck: error: cannot check AWS credentials: SignatureDoesNotMatch: "
                    + "The request signature we calculated does not match.", r.stderr().trim());
        }
    }

    @Test
    void whoami_unreachableEndpoint_exit3_noStackTrace() {
        CliRun.Result r = mck("whoami", "--region", "us-east-1", "--endpoint-url",
                FreePort.closedLoopbackEndpoint().toString());
        assertEquals(ExitCode.AWS_ACCESS, r.exitCode());
        assertTrue(r.stderr().startsWith("mck: error: cannot check AWS credentials: cannot connect to"), r.stderr());
        assertEquals(1, r.stderr().strip().lines().count(), r.stderr());
    }

    @Test
    void whoami_unknownRegion_exit3() {
        CliRun.Result r = mck("whoami", "--region", "mars-north-1", "--endpoint-url", "http://127.0.0.1:9");
        assertEquals(ExitCode.AWS_ACCESS, r.exitCode());
        assertEquals("mck: error: unknown AWS region 'mars-north-1' (e.g. us-east-1, eu-west-1)", r.stderr().trim());
    }

    @Test
    void debug_showsTheStackTrace() {
        CliRun.Result r = mck("whoami", "--debug", "--region", "mars-north-1");
        assertEquals(ExitCode.AWS_ACCESS, r.exitCode());
        assertTrue(r.stderr().contains("\tat io.magecloudkit.aws.AwsSession"), r.stderr());
    }

    @Test
    void missingCredentials_exit3_withOneLineExplanation(@TempDir Path home) throws Exception {
        try (RecordingHttpServer sts = new RecordingHttpServer(
                q -> StsResponses.callerIdentity("123456789012", "arn:aws:iam::123456789012:root"))) {
            MckProcess.Result r = MckProcess.run(Map.of(), home,
                    "whoami", "--region", "us-east-1", "--endpoint-url", sts.endpoint().toString());
            assertEquals(ExitCode.AWS_ACCESS, r.exitCode(), r.stderr());
            assertTrue(r.stderr().startsWith("mck: error: cannot check AWS credentials: no AWS credentials found"),
                    r.stderr());
            assertEquals(1, r.stderr().strip().lines().count(), r.stderr());
            assertTrue(sts.requests().isEmpty(), "nothing may be sent unsigned");
        }
    }
}
