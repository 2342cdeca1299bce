package io.magecloudkit.cfnspec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;

/** The generator on a tiny database shaped like aws-service-spec's db.json.gz. */
class SpecExtractGeneratorTest {
    private static final String DB = """
            {"idCtr": 9, "schema": {
              "resource": {"type": "entity", "entities": [
                {"$id": "2", "cloudFormationType": "AWS::Z::Thing", "name": "Thing", "documentation": "long text",
                 "isStateful": true,
                 "properties": {
                   "Name": {"type": {"type": "string"}, "required": true, "causesReplacement": "yes", "documentation": "x"},
                   "Config": {"type": {"type": "ref", "reference": {"$ref": "5"}}, "causesReplacement": "maybe"},
                   "Tags": {"type": {"type": "array", "element": {"type": "tag"}}},
                   "Either": {"type": {"type": "union", "types": [{"type": "string"}, {"type": "map", "element": {"type": "integer"}}]}}
                 },
                 "attributes": {"Arn": {"type": {"type": "string"}}, "Endpoint.Port": {"type": {"type": "integer"}}}},
                {"$id": "1", "cloudFormationType": "AWS::A::First", "name": "First", "properties": {}, "attributes": {}}
              ]},
              "typeDefinition": {"type": "entity", "entities": [
                {"$id": "5", "name": "Config", "properties": {"Size": {"type": {"type": "number"}, "required": true}}}
              ]},
              "usesType": {"type": "rel", "forward": {"2": [{"$id": "5"}]}}
            }}
            """;

    private static byte[] gzip(String text) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GZIPOutputStream gz = new GZIPOutputStream(out)) {
            gz.write(text.getBytes(StandardCharsets.UTF_8));
        }
        return out.toByteArray();
    }

    @Test
    void extractKeepsTypesRequiredReplacementAttributesAndStatefulnessSortedWithoutDocumentation() throws IOException {
        byte[] db = gzip(DB);
        String extract = SpecExtractGenerator.generate(db);
        assertFalse(extract.contains("long text"), "documentation is left out");
        assertTrue(extract.indexOf("AWS::A::First") < extract.indexOf("AWS::Z::Thing"), "sorted by type");
        assertEquals(extract, SpecExtractGenerator.generate(db), "the same database gives the same bytes");
        CfnSpec spec = CfnSpec.parse(extract);
        assertEquals(SpecExtractGenerator.VERSION, spec.version());
        assertEquals(SpecExtractGenerator.sha256(db), spec.dbSha256());
        ResourceSpec thing = spec.resource("AWS::Z::Thing").orElseThrow();
        assertTrue(thing.stateful());
        assertFalse(spec.resource("AWS::A::First").orElseThrow().stateful());
        assertEquals(new PropertySpec("Name", new TypeExpr.Primitive("string"), true, PropertySpec.Replacement.YES),
                thing.properties().get("Name"));
        assertEquals(PropertySpec.Replacement.MAYBE, thing.properties().get("Config").replacement());
        assertEquals("Config", thing.properties().get("Config").type().toString());
        assertEquals("list<tag>", thing.properties().get("Tags").type().toString());
        assertEquals("(string|map<integer>)", thing.properties().get("Either").type().toString());
        assertTrue(thing.propertyType("Config").orElseThrow().get("Size").required());
        assertEquals("integer", thing.attributes().get("Endpoint.Port").toString());
    }
}
