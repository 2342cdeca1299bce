package io.magecloudkit.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import io.magecloudkit.testing.CliRun;
import io.magecloudkit.testing.MckProcess;
import java.nio.file.Path;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The same bad AWS setting, from the environment (a fresh JVM with exactly that environment) and
 * from the flag (in process): same exit code, same single line, no Java class name.
 */
class AwsInputCliTest {
    private static final Map<String, String> CREDENTIALS = Map.of(
            "AWS_ACCESS_KEY_ID", "AKIDINPUTTEST", "AWS_SECRET_ACCESS_KEY", "input-secret");

    @TempDir
    Path home;

    static Stream<Arguments> endpoints() {
        return Stream.of(
                Arguments.of("", "mck: error: endpoint URL is not usable: it is empty"
                        + " (unset AWS_ENDPOINT_URL to use AWS's own endpoints)"),
                Arguments.of("http://127.0.0.1:99999",
                        "mck: error: endpoint URL 'http://127.0.0.1:99999' is not usable: port 99999 is outside 1-65535"),
                Arguments.of("not a url",
                        "mck: error: endpoint URL 'not a url' is not usable: not a URL (Illegal character in path at index 3)"),
                Arguments.of("http://jenkins:hunter2@127.0.0.1:99999",
                        "mck: error: endpoint URL 'http://***@127.0.0.1:99999' is not usable: port 99999 is outside 1-65535"));
    }

    @ParameterizedTest(name = "[{0}]")
    @MethodSource
    void endpoints(String value, String line) throws Exception {
        MckProcess.Result env = MckProcess.run(with("AWS_ENDPOINT_URL", value), home, "whoami", "--region", "us-east-1");
        CliRun.Result flag = CliRun.run(Main.commandLine(), "whoami", "--region", "us-east-1", "--endpoint-url", value);
        assertEquals(ExitCode.USAGE, env.exitCode(), env.stderr());
        assertEquals(ExitCode.USAGE, flag.exitCode(), flag.stderr());
        assertEquals(line, env.stderr().strip());
        assertEquals(line, flag.stderr().strip());
        assertFalse(env.stderr().contains("hunter2") || flag.stderr().contains("hunter2"));
    }

    static Stream<Arguments> retrySettings() {
        return Stream.of(
                Arguments.of("AWS_MAX_ATTEMPTS", "abc",
                        "mck: error: AWS_MAX_ATTEMPTS must be a whole number from 1 to 999, got 'abc'"),
                Arguments.of("AWS_MAX_ATTEMPTS", "-5",
                        "mck: error: AWS_MAX_ATTEMPTS must be a whole number from 1 to 999, got '-5'"),
                Arguments.of("AWS_RETRY_MODE", "eager",
                        "mck: error: AWS_RETRY_MODE must be standard, adaptive or legacy, got 'eager'"));
    }

    @ParameterizedTest(name = "{0}={1}")
    @MethodSource
    void retrySettings(String variable, String value, String line) throws Exception {
        MckProcess.Result r = MckProcess.run(with(variable, value), home,
                "whoami", "--region", "us-east-1", "--endpoint-url", "http://127.0.0.1:9");
        assertEquals(ExitCode.USAGE, r.exitCode(), r.stderr());
        assertEquals(line, r.stderr().strip());
    }

    private static Map<String, String> with(String variable, String value) {
        Map<String, String> env = new java.util.HashMap<>(CREDENTIALS);
        env.put(variable, value);
        return env;
    }
}
