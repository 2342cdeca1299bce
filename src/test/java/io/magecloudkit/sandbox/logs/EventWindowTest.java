package io.magecloudkit.sandbox.logs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.magecloudkit.sandbox.logs.control.EventWindow;
import io.magecloudkit.sandbox.logs.control.FilterPattern;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * GetLogEvents' window over a stream of five events stamped 10, 20, 30, 40, 50. Reads are
 * "f3" (forward from position 3) or "b5" (backward from 5); the answer is the positions
 * returned, then the forward and backward positions of the next tokens.
 */
class EventWindowTest {
    private static final List<Long> STREAM = List.of(10L, 20L, 30L, 40L, 50L);

    @ParameterizedTest(name = "{0} limit {1} in [{2},{3}): {4}")
    @CsvSource(delimiter = '|', value = {
            "f0 | 10 |    |    | 0 1 2 3 4 / f5 b0",
            "f0 | 2  |    |    | 0 1 / f2 b0",
            "f2 | 2  |    |    | 2 3 / f4 b2",
            "f5 | 10 |    |    | / f5 b5",      // the end: the same forward token comes back
            "b5 | 2  |    |    | 3 4 / f5 b3",  // the default read: the newest events
            "b3 | 10 |    |    | 0 1 2 / f3 b0",
            "b0 | 10 |    |    | / f0 b0",
            "f0 | 10 | 20 | 40 | 1 2 / f3 b1",
            "b5 | 10 | 20 | 40 | 1 2 / f3 b1",
            "f4 | 10 | 20 | 40 | / f4 b4",
    })
    void select(String from, int limit, Long start, Long end, String expected) {
        EventWindow.Position position = new EventWindow.Position(from.charAt(0) == 'f', Integer.parseInt(from.substring(1)));
        EventWindow.Window w = EventWindow.select(STREAM, start, end, position, limit);
        String picked = String.join(" ", w.indexes().stream().map(String::valueOf).toList());
        assertEquals(expected, (picked + " / f" + w.forwardPosition() + " b" + w.backwardPosition()).trim().replace("  ", " "));
    }

    @ParameterizedTest(name = "token {0}")
    @CsvSource({"f, 0", "f, 7", "b, 12"})
    void tokensRoundTrip(String direction, int position) {
        String token = EventWindow.token(direction.equals("f"), position);
        assertEquals(new EventWindow.Position(direction.equals("f"), position), EventWindow.parse(token));
    }

    @ParameterizedTest(name = "not a token: ''{0}''")
    @CsvSource({"x/1", "f/", "f/-1", "f/abc", "2", "''"})
    void foreignTokens(String token) {
        assertNull(EventWindow.parse(token));
    }

    @ParameterizedTest(name = "pattern ''{0}'' on ''{1}'': {2}")
    @CsvSource(delimiter = '|', value = {
            "                  | anything                        | true",
            "ERROR             | 2026 ERROR lock wait            | true",
            "ERROR lock        | 2026 ERROR lock wait            | true",
            "ERROR table       | 2026 ERROR lock wait            | false",
            "\"lock wait\"     | 2026 ERROR lock wait            | true",
            "\"wait lock\"     | 2026 ERROR lock wait            | false",
            "error             | 2026 ERROR lock wait            | false",
    })
    void filterPatternTerms(String pattern, String message, boolean matches) {
        assertEquals(matches, FilterPattern.parse(pattern).matches(message));
    }
}
