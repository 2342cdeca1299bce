package io.magecloudkit.demo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

class PhaseLogTest {
    @ParameterizedTest(name = "colour {0}")
    @ValueSource(booleans = {false, true})
    void headersAndEnds_colourOnlyWhenAsked_neverCursorMovement(boolean colour) {
        StringWriter text = new StringWriter();
        PhaseLog log = new PhaseLog(new PrintWriter(text, true), colour, 2);
        log.begin("provision");
        log.say("14 stacks");
        log.end(PhaseResult.Outcome.OK, "created");
        log.begin("deploy v2");
        log.end(PhaseResult.Outcome.FAILED, null);
        String out = text.toString();
        assertTrue(out.contains("== [1/2] provision") && out.contains("== [2/2] deploy v2"), out);
        assertTrue(out.contains("  14 stacks\n"), out);
        assertTrue(out.matches("(?s).*-- provision: ok in \\d+\\.\\d s \\(created\\).*"), out);
        assertEquals(colour, out.contains("\u001B[1m"), out);
        assertFalse(out.matches("(?s).*\u001B\\[\\d*[ABCDHJK].*"), "no cursor movement: " + out);
        assertEquals(2, log.results().size());
        assertEquals(PhaseResult.Outcome.FAILED, log.results().get(1).outcome());
    }

    static Stream<Arguments> indents() {
        return Stream.of(
                Arguments.of("one line\n", "    one line\n"),
                Arguments.of("a\nb\n", "    a\n    b\n"),
                Arguments.of("a\n\nb", "    a\n\n    b"),
                Arguments.of("", ""),
                Arguments.of("no newline", "    no newline"));
    }

    @ParameterizedTest(name = "{index}")
    @MethodSource("indents")
    void indentingWriter_prefixesEachNonEmptyLine(String in, String expected) {
        StringWriter text = new StringWriter();
        try (PrintWriter w = new PrintWriter(new IndentingWriter(new PrintWriter(text), "    "))) {
            w.print(in);
        }
        assertEquals(expected, text.toString());
    }
}
