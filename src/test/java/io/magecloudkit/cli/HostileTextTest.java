package io.magecloudkit.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.magecloudkit.EventSink;
import io.magecloudkit.testing.CliRun;
import io.magecloudkit.testing.FreePort;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Text from a configuration file, the command line or a server reaches the log escaped, and
 * credentials in URLs never reach it: through config errors, error reports, usage errors and
 * progress events alike.
 */
class HostileTextTest {
    private static final String MINIMAL = "project: acme-shop\nregion: eu-west-1\n"
            + "environments:\n  production:\n    vpcCidr: 10.0.0.0/16\n";

    @TempDir
    Path tmp;

    private static io.magecloudkit.TestProperties credentials;

    @org.junit.jupiter.api.BeforeAll
    static void credentials() {
        credentials = io.magecloudkit.TestProperties.set("aws.accessKeyId", "AKIDHOSTILETEST", "aws.secretAccessKey", "hostile-secret");
    }

    @org.junit.jupiter.api.AfterAll
    static void restoreCredentials() {
        credentials.close();
    }

    /** {@code args} may contain FILE, replaced by a config file holding {@code yaml}. */
    static Stream<Arguments> hostile() {
        String closed = FreePort.closedLoopbackEndpoint().toString().replace("http://", "");
        return Stream.of(
                Arguments.of("ESC in a config key", MINIMAL + "\"\\e[2Jbogus\": 1\n", List.of("config", "validate", "FILE"),
                        "unknown key '\\u001B[2Jbogus'", "\u001B"),
                Arguments.of("bidi override in a config value", MINIMAL + "    domain: \"shop\\u202Eexample.com\"\n",
                        List.of("config", "validate", "FILE"), "got 'shop\\u202Eexample.com'", "\u202E"),
                Arguments.of("isolate in a config value", MINIMAL + "    domain: \"a\\u2066b\\u2069.com\"\n",
                        List.of("config", "validate", "FILE"), "got 'a\\u2066b\\u2069.com'", "\u2066"),
                Arguments.of("newline in a key fakes no second line", MINIMAL + "\"x\\nmck: error: forged\": 1\n",
                        List.of("config", "validate", "FILE"), "unknown key 'x\\u000Amck: error: forged'", "\nmck: error: forged"),
                Arguments.of("credentials in a config value", MINIMAL + "    domain: \"http://jenkins:hunter2@example.com\"\n",
                        List.of("config", "validate", "FILE"), "got 'http://***@example.com'", "hunter2"),
                Arguments.of("ESC in --env", MINIMAL, List.of("config", "validate", "FILE", "--env", "\u001B[31mprod"),
                        "\\u001B[31mprod", "\u001B"),
                Arguments.of("ESC in an unknown option", "", List.of("whoami", "--bogus\u001B]0;title\u0007"),
                        "Unknown option: '--bogus\\u001B]0;title\\u0007'", "\u001B"),
                Arguments.of("credentials in an unreachable endpoint", "",
                        List.of("whoami", "--region", "us-east-1", "--endpoint-url", "http://jenkins:hunter2@" + closed),
                        "cannot connect to http://***@" + closed, "hunter2"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource
    void hostile(String what, String yaml, List<String> args, String shown, String never) throws Exception {
        Path file = tmp.resolve("magecloudkit.yml");
        Files.writeString(file, yaml);
        Path result = tmp.resolve("result.json");
        List<String> argv = new ArrayList<>(args.stream().map(a -> a.equals("FILE") ? file.toString() : a).toList());
        boolean resultFile = !argv.get(0).equals("whoami") || argv.size() > 2;
        if (resultFile) {
            argv.addAll(List.of("--result-file", result.toString()));
        }
        CliRun.Result r = CliRun.run(Main.commandLine(), argv.toArray(String[]::new));
        assertTrue(r.exitCode() >= 2, r.stderr());
        assertTrue(r.stderr().contains(shown), what + ": " + r.stderr());
        assertFalse(r.stderr().contains(never), what + ": " + r.stderr());
        assertFalse(r.stderr().chars().anyMatch(c -> c == 0x1B || (c >= 0x202A && c <= 0x202E) || (c >= 0x2066 && c <= 0x2069)),
                what + ": raw control character in " + r.stderr());
        if (resultFile && never.equals("hunter2")) {
            assertFalse(Files.readString(result).contains("hunter2"), Files.readString(result));
        }
    }

    @Test
    void consoleSink_escapesEachLine_andMasksCredentials() {
        StringWriter out = new StringWriter();
        EventSink sink = new ConsoleSink(new PrintWriter(out, true), false);
        sink.info("pushing to https://AWS:token@123.dkr.ecr.eu-west-1.amazonaws.com\n\u001B[31mred\u202E");
        sink.warn("\u009B2J");
        sink.debug("hidden without --debug");
        assertEquals("pushing to https://***@123.dkr.ecr.eu-west-1.amazonaws.com\n\\u001B[31mred\\u202E\n"
                + "warning: \\u009B2J\n", out.toString().replace(System.lineSeparator(), "\n"));
    }
}
