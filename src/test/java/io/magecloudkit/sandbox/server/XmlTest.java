package io.magecloudkit.sandbox.server;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** The one XML writer and escaper of the query-protocol services. */
class XmlTest {
    @Test
    void escape_replacesMarkupAndKeepsCarriageReturnsAsReferences() {
        String[][] table = {
            {"plain", "plain"},
            {"a<b>c", "a&lt;b&gt;c"},
            {"fish & chips", "fish &amp; chips"},
            {"\"quoted\"", "&quot;quoted&quot;"},
            {"it's", "it&apos;s"},
            {"tab\tand\nnewline", "tab\tand\nnewline"},
            // Written raw, an XML parser turns CR and CRLF into LF: the client would read other text than was stored.
            {"a\r\nb\rc", "a&#13;\nb&#13;c"},
        };
        for (String[] row : table) {
            assertEquals(row[1], Xml.escape(row[0]), row[0]);
        }
    }

    @Test
    void result_wrapsTheAnswerInResponseAndResult() {
        assertEquals("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<GetThingResponse xmlns=\"urn:x\"><GetThingResult>"
                + "<Name>a&amp;b</Name></GetThingResult><ResponseMetadata><RequestId>r-1</RequestId></ResponseMetadata>"
                + "</GetThingResponse>", Xml.result("GetThing", "urn:x").element("Name", "a&b").element("Absent", null).finish("r-1"));
    }
}
