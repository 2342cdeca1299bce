package io.magecloudkit.aws;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.magecloudkit.MckException;
import java.net.URI;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Malformed AWS settings: a usage error (exit 2) with one line that says what is wrong, before any call. */
class AwsInputTest {

    static Stream<Arguments> badEndpoints() {
        return Stream.of(
                Arguments.of("", "endpoint URL is not usable: it is empty (unset AWS_ENDPOINT_URL to use AWS's own endpoints)"),
                Arguments.of("   ", "endpoint URL is not usable: it is empty (unset AWS_ENDPOINT_URL to use AWS's own endpoints)"),
                Arguments.of("http://127.0.0.1:99999", "endpoint URL 'http://127.0.0.1:99999' is not usable: port 99999 is outside 1-65535"),
                Arguments.of("http://127.0.0.1:99999999999", "endpoint URL 'http://127.0.0.1:99999999999' is not usable: port 2147483647 is outside 1-65535"),
                Arguments.of("http://127.0.0.1:0", "endpoint URL 'http://127.0.0.1:0' is not usable: port 0 is outside 1-65535"),
                Arguments.of("ftp://example.com", "endpoint URL 'ftp://example.com' is not usable: it must start with http:// or https://"),
                Arguments.of("localhost:4566", "endpoint URL 'localhost:4566' is not usable: it must start with http:// or https://"),
                Arguments.of("http://", "endpoint URL 'http://' is not usable: not a URL (Expected authority at index 7)"),
                Arguments.of("http:///path", "endpoint URL 'http:///path' is not usable: it names no host"),
                Arguments.of("http://user:pass@127.0.0.1:99999",
                        "endpoint URL 'http://***@127.0.0.1:99999' is not usable: port 99999 is outside 1-65535"));
    }

    @ParameterizedTest(name = "[{0}]")
    @MethodSource("badEndpoints")
    void badEndpoint_flagAndEnvironment_sameUsageErrorAndMessage(String value, String message) {
        MckException fromEnv = assertThrows(MckException.class,
                () -> AwsSession.resolveEndpoint(null, Map.of("AWS_ENDPOINT_URL", value)));
        MckException fromFlag = assertThrows(MckException.class, () -> AwsSession.parseEndpoint(value));
        assertEquals(MckException.Kind.USAGE, fromEnv.kind());
        assertEquals(MckException.Kind.USAGE, fromFlag.kind());
        assertEquals(message, fromEnv.getMessage());
        assertEquals(message, fromFlag.getMessage());
    }

    static Stream<Arguments> goodEndpoints() {
        return Stream.of(
                Arguments.of("http://127.0.0.1:4566", "http://127.0.0.1:4566"),
                Arguments.of(" https://sts.eu-west-1.amazonaws.com ", "https://sts.eu-west-1.amazonaws.com"),
                Arguments.of("HTTP://localhost:65535", "HTTP://localhost:65535"));
    }

    @ParameterizedTest(name = "[{0}]")
    @MethodSource("goodEndpoints")
    void goodEndpoint_isTaken(String value, String uri) {
        assertEquals(URI.create(uri), AwsSession.parseEndpoint(value));
        assertEquals(URI.create(uri), AwsSession.resolveEndpoint(null, Map.of("AWS_ENDPOINT_URL", value)));
    }

    static Stream<Arguments> badRetrySettings() {
        return Stream.of(
                Arguments.of("AWS_MAX_ATTEMPTS", "abc", "AWS_MAX_ATTEMPTS must be a whole number from 1 to 999, got 'abc'"),
                Arguments.of("AWS_MAX_ATTEMPTS", "-5", "AWS_MAX_ATTEMPTS must be a whole number from 1 to 999, got '-5'"),
                Arguments.of("AWS_MAX_ATTEMPTS", "0", "AWS_MAX_ATTEMPTS must be a whole number from 1 to 999, got '0'"),
                Arguments.of("AWS_MAX_ATTEMPTS", "", "AWS_MAX_ATTEMPTS must be a whole number from 1 to 999, got ''"),
                Arguments.of("AWS_MAX_ATTEMPTS", "99999999999", "AWS_MAX_ATTEMPTS must be a whole number from 1 to 999, got '99999999999'"),
                Arguments.of("AWS_RETRY_MODE", "eager", "AWS_RETRY_MODE must be standard, adaptive or legacy, got 'eager'"),
                Arguments.of("AWS_RETRY_MODE", "\u001B[2J", "AWS_RETRY_MODE must be standard, adaptive or legacy, got '\\u001B[2J'"));
    }

    @ParameterizedTest(name = "{0}=[{1}]")
    @MethodSource("badRetrySettings")
    void badRetrySetting_isAUsageError(String variable, String value, String message) {
        MckException e = assertThrows(MckException.class, () -> AwsSession.retryStrategy(Map.of(variable, value)));
        assertEquals(MckException.Kind.USAGE, e.kind());
        assertEquals(message, e.getMessage());
    }
}
