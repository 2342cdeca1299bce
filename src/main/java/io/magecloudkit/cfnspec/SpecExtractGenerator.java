package io.magecloudkit.cfnspec;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.Map;
import java.util.TreeMap;
import java.util.zip.GZIPInputStream;

/**
 * Turns the {@code db.json.gz} of npm {@code @aws-cdk/aws-service-spec} into the compact extract
 * {@link CfnSpec} reads: every resource type with its properties (type, required, causes
 * replacement), its property types, its attributes and whether it is stateful. Documentation is
 * left out; the output is sorted so the same database always gives the same bytes.
 *
 * <p>Regenerate with {@code java -cp target/mck.jar io.magecloudkit.cfnspec.SpecExtractGenerator
 * DB_JSON_GZ OUT}; {@code SpecExtractTest} fails when the committed extract differs.
 */
public final class SpecExtractGenerator {
    /** The npm package and version the extract is made from; {@code ./test} fetches exactly this. */
    public static final String PACKAGE = "@aws-cdk/aws-service-spec";
    public static final String VERSION = "0.1.216";

    private static final ObjectMapper JSON = new ObjectMapper();

    private SpecExtractGenerator() {
    }

    public static void main(String[] args) throws IOException {
        if (args.length != 2) {
            System.err.println("usage: SpecExtractGenerator DB_JSON_GZ OUT");
            System.exit(2);
        }
        Files.writeString(Path.of(args[1]), generate(Files.readAllBytes(Path.of(args[0]))), StandardCharsets.UTF_8);
    }

    /** The extract of one {@code db.json.gz}, as UTF-8 text: one resource type per line. */
    public static String generate(byte[] dbJsonGz) {
        JsonNode schema;
        try (InputStream in = new GZIPInputStream(new java.io.ByteArrayInputStream(dbJsonGz))) {
            schema = JSON.readTree(in).path("schema");
        } catch (IOException e) {
            throw new UncheckedIOException("db.json.gz is not gzip-compressed JSON", e);
        }
        Map<String, JsonNode> typeDefs = new HashMap<>();
        schema.path("typeDefinition").path("entities").forEach(t -> typeDefs.put(t.path("$id").asText(), t));
        JsonNode usesType = schema.path("usesType").path("forward");

        Map<String, JsonNode> resources = new TreeMap<>();
        schema.path("resource").path("entities").forEach(r -> resources.put(r.path("cloudFormationType").asText(), r));

        StringBuilder out = new StringBuilder();
        out.append("{\"package\":").append(quote(PACKAGE)).append(",\"version\":").append(quote(VERSION))
                .append(",\"dbJsonGzSha256\":").append(quote(sha256(dbJsonGz))).append(",\"resources\":{\n");
        String separator = "";
        for (Map.Entry<String, JsonNode> entry : resources.entrySet()) {
            JsonNode r = entry.getValue();
            out.append(separator).append(quote(entry.getKey())).append(":{");
            if (r.path("isStateful").asBoolean(false)) {
                out.append("\"stateful\":true,");
            }
            out.append("\"properties\":").append(properties(r.path("properties"), typeDefs));
            out.append(",\"attributes\":").append(attributes(r.path("attributes"), typeDefs));
            Map<String, JsonNode> types = new TreeMap<>();
            for (JsonNode ref : usesType.path(r.path("$id").asText())) {
                JsonNode t = typeDefs.get(ref.path("$id").asText());
                if (types.put(t.path("name").asText(), t) != null) {
                    throw new IllegalStateException(entry.getKey() + " has two property types named " + t.path("name"));
                }
            }
            out.append(",\"types\":{");
            String comma = "";
            for (Map.Entry<String, JsonNode> t : types.entrySet()) {
                out.append(comma).append(quote(t.getKey())).append(':').append(properties(t.getValue().path("properties"), typeDefs));
                comma = ",";
            }
            out.append("}}");
            separator = ",\n";
        }
        out.append("\n}}\n");
        return out.toString();
    }

    private static String properties(JsonNode props, Map<String, JsonNode> typeDefs) {
        Map<String, String> sorted = new TreeMap<>();
        props.fields().forEachRemaining(p -> {
            JsonNode v = p.getValue();
            StringBuilder s = new StringBuilder(type(v.path("type"), typeDefs));
            if (v.path("required").asBoolean(false)) {
                s.append(" required");
            }
            String replacement = v.path("causesReplacement").asText("no");
            if (!replacement.equals("no")) {
                s.append(" replace-").append(replacement);
            }
            sorted.put(p.getKey(), s.toString());
        });
        return object(sorted);
    }

    private static String attributes(JsonNode attrs, Map<String, JsonNode> typeDefs) {
        Map<String, String> sorted = new TreeMap<>();
        attrs.fields().forEachRemaining(a -> sorted.put(a.getKey(), type(a.getValue().path("type"), typeDefs)));
        return object(sorted);
    }

    /** The type grammar {@link TypeExpr#parse} reads. */
    static String type(JsonNode t, Map<String, JsonNode> typeDefs) {
        String kind = t.path("type").asText();
        return switch (kind) {
            case "string", "integer", "number", "boolean", "json", "date-time", "tag", "null" -> kind;
            case "array" -> "list<" + type(t.path("element"), typeDefs) + ">";
            case "map" -> "map<" + type(t.path("element"), typeDefs) + ">";
            case "union" -> {
                StringBuilder s = new StringBuilder();
                for (JsonNode alt : t.path("types")) {
                    s.append(s.length() == 0 ? "" : "|").append(type(alt, typeDefs));
                }
                yield "(" + s + ")";
            }
            case "ref" -> {
                String name = typeDefs.get(t.path("reference").path("$ref").asText()).path("name").asText();
                if (name.isEmpty() || !Character.isUpperCase(name.charAt(0))) {
                    throw new IllegalStateException("property type name '" + name + "' could be read as a primitive");
                }
                yield name;
            }
            default -> throw new IllegalStateException("unknown type kind '" + kind + "' in db.json.gz");
        };
    }

    private static String object(Map<String, String> map) {
        StringBuilder s = new StringBuilder("{");
        String comma = "";
        for (Map.Entry<String, String> e : map.entrySet()) {
            s.append(comma).append(quote(e.getKey())).append(':').append(quote(e.getValue()));
            comma = ",";
        }
        return s.append('}').toString();
    }

    private static String quote(String s) {
        try {
            return JSON.writeValueAsString(s);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
