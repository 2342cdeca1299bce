package io.magecloudkit.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.UncheckedIOException;
import java.nio.file.AccessDeniedException;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The "internal error" line: the exception's own words, a class name only when it has none. */
class InternalErrorsTest {

    static Stream<Arguments> describe() {
        return Stream.of(
                Arguments.of(new IllegalArgumentException("port out of range:99999"), "port out of range:99999"),
                Arguments.of(new IllegalStateException("first\nsecond"), "first"),
                Arguments.of(new NullPointerException(), "NullPointerException"),
                Arguments.of(new RuntimeException("  "), "RuntimeException"),
                Arguments.of(new UncheckedIOException(new AccessDeniedException("/srv/state/ecs.json")),
                        "/srv/state/ecs.json: permission denied"),
                Arguments.of(new java.io.IOException("No space left on device"), "No space left on device"));
    }

    @ParameterizedTest
    @MethodSource
    void describe(Exception e, String line) {
        assertEquals(line, InternalErrors.describe(e));
    }
}
