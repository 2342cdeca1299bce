package io.magecloudkit.sandbox.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.magecloudkit.sandbox.SandboxError;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Typed reading of query-protocol members, and the ValidationErrors that name a malformed one. */
class QueryRequestTest {
    private enum Color { RED, GREEN }

    private final QueryRequest q = new QueryRequest(Map.ofEntries(Map.entry("Flag", "TRUE"), Map.entry("Off", "false"),
            Map.entry("Bad", "maybe"), Map.entry("Empty", ""), Map.entry("Color", "RED"), Map.entry("Paint", "BLUE"),
            Map.entry("Names.member.1", "a"), Map.entry("Names.member.2", "b"), Map.entry("Tags.member.1.Key", "k"),
            Map.entry("Tags.member.1.Value", "v"), Map.entry("Tags.member.2.Value", "w")));

    @Test
    void readsTypedValues() {
        assertEquals(true, q.bool("Flag"));
        assertEquals(false, q.bool("Off"));
        assertNull(q.bool("Absent"));
        assertNull(q.get("Empty"), "an empty value is not given");
        assertEquals(Color.RED, q.enumValue("Color", Color.class));
        assertEquals(List.of("a", "b"), q.list("Names"));
        assertEquals(List.of(Map.of("Key", "k", "Value", "v"), Map.of("Value", "w")), q.structs("Tags"));
    }

    @Test
    void malformedMembers_areValidationErrorsNamingThem() {
        String[][] table = {
            {"Bad", "1 validation error detected: Value 'maybe' at 'bad' failed to satisfy constraint: Member must be a boolean (true or false)"},
            {"Paint", "1 validation error detected: Value 'BLUE' at 'paint' failed to satisfy constraint: Member must satisfy enum value set: [RED, GREEN]"},
            {"Empty", "1 validation error detected: Value null at 'empty' failed to satisfy constraint: Member must not be null"},
            {"Tags", "1 validation error detected: Value null at 'tags.2.member.key' failed to satisfy constraint: Member must not be null"},
        };
        List<Runnable> calls = List.of(() -> q.bool("Bad"), () -> q.enumValue("Paint", Color.class), () -> q.required("Empty"),
                () -> QueryRequest.requiredField(q.structs("Tags").get(1), "Tags", 2, "Key"));
        for (int i = 0; i < table.length; i++) {
            SandboxError error = assertThrows(SandboxError.class, calls.get(i)::run, table[i][0]);
            assertEquals("ValidationError", error.code());
            assertEquals(400, error.status());
            assertEquals(table[i][1], error.getMessage());
        }
    }
}
