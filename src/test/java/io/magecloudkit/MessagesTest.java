package io.magecloudkit;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.NoSuchFileException;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class MessagesTest {

    static Stream<Arguments> printable() {
        return Stream.of(
                Arguments.of("plain text stays", "plain text stays"),
                Arguments.of("tab\tstays", "tab\tstays"),
                Arguments.of("\u001B[31mred\u001B[0m", "\\u001B[31mred\\u001B[0m"),
                Arguments.of("one\nmck: error: forged", "one\\u000Amck: error: forged"),
                Arguments.of("carriage\rreturn", "carriage\\u000Dreturn"),
                Arguments.of("c1 \u009B csi", "c1 \\u009B csi"),
                Arguments.of("bidi \u202Eevil\u202C", "bidi \\u202Eevil\\u202C"),
                Arguments.of("isolates \u2066x\u2069", "isolates \\u2066x\\u2069"),
                Arguments.of("\u202A\u202B\u202D", "\\u202A\\u202B\\u202D"),
                Arguments.of("line sep \u2028", "line sep \\u2028"),
                Arguments.of("accents é ü 日本 stay", "accents é ü 日本 stay"),
                Arguments.of("cannot connect to http://user:pass@127.0.0.1:1 (refused)",
                        "cannot connect to http://***@127.0.0.1:1 (refused)"),
                Arguments.of("https://AKIDEXAMPLE:s3cr%2Ft@host/path and http://tok@h",
                        "https://***@host/path and http://***@h"),
                Arguments.of("mail user@example.com is not a URL", "mail user@example.com is not a URL"),
                Arguments.of("http://host/path@v2 keeps a later @", "http://host/path@v2 keeps a later @"),
                Arguments.of(null, "null"));
    }

    @ParameterizedTest
    @MethodSource
    void printable(String in, String expected) {
        assertEquals(expected, Messages.printable(in));
    }

    static Stream<Arguments> ioReason() {
        return Stream.of(
                Arguments.of(new AccessDeniedException("/x/.r.json123.tmp"), "permission denied"),
                Arguments.of(new AccessDeniedException("/x", null, "Permission denied"), "Permission denied"),
                Arguments.of(new NoSuchFileException("/x/y"), "no such file or directory"),
                Arguments.of(new FileSystemException("/dev/full", null, "No space left on device"), "No space left on device"),
                Arguments.of(new IOException("No space left on device"), "No space left on device"));
    }

    @ParameterizedTest
    @MethodSource
    void ioReason(IOException e, String expected) {
        assertEquals(expected, Messages.ioReason(e));
    }
}
