package io.magecloudkit.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Iterator;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The JSON templates under {@code resources/io/magecloudkit/ecs/}: a string value that is exactly
 * {@code "${name}"} becomes the value given for it (a number, an array, an object); a null value
 * removes the field. {@code ${name}} inside a longer string is replaced by the value's text.
 */
final class EcsTemplates {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern PLACEHOLDER = Pattern.compile("\\$\\{([A-Za-z][A-Za-z0-9]*)}");
    static final String ROOT = "/io/magecloudkit/ecs/";

    private EcsTemplates() {
    }

    /** Loads {@code ecs/<name>} and fills it in. */
    static JsonNode render(String name, Map<String, JsonNode> values) {
        try (InputStream in = EcsTemplates.class.getResourceAsStream(ROOT + name)) {
            if (in == null) {
                throw new IllegalStateException("template " + ROOT + name + " is missing from the class path");
            }
            return fill(JSON.readTree(in), values, name);
        } catch (IOException e) {
            throw new UncheckedIOException("template " + ROOT + name + ": " + e.getMessage(), e);
        }
    }

    /** A file under {@code ecs/} as text (the worker loop script, which goes into a command whole). */
    static String text(String name) {
        try (InputStream in = EcsTemplates.class.getResourceAsStream(ROOT + name)) {
            if (in == null) {
                throw new IllegalStateException("template " + ROOT + name + " is missing from the class path");
            }
            return new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("template " + ROOT + name + ": " + e.getMessage(), e);
        }
    }

    static JsonNode fill(JsonNode node, Map<String, JsonNode> values, String template) {
        if (node.isTextual()) {
            return substitute(node.asText(), values, template);
        }
        if (node instanceof ObjectNode object) {
            ObjectNode out = JSON.createObjectNode();
            for (Iterator<Map.Entry<String, JsonNode>> it = object.fields(); it.hasNext();) {
                Map.Entry<String, JsonNode> e = it.next();
                JsonNode v = fill(e.getValue(), values, template);
                if (!v.isNull()) {
                    out.set(e.getKey(), v);
                }
            }
            return out;
        }
        if (node instanceof ArrayNode array) {
            ArrayNode out = JSON.createArrayNode();
            for (JsonNode element : array) {
                JsonNode v = fill(element, values, template);
                if (!v.isNull()) {
                    out.add(v);
                }
            }
            return out;
        }
        return node;
    }

    private static JsonNode substitute(String text, Map<String, JsonNode> values, String template) {
        Matcher whole = PLACEHOLDER.matcher(text);
        if (whole.matches()) {
            return value(whole.group(1), values, template).deepCopy();
        }
        Matcher m = PLACEHOLDER.matcher(text);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            m.appendReplacement(out, Matcher.quoteReplacement(value(m.group(1), values, template).asText()));
        }
        m.appendTail(out);
        return TextNode.valueOf(out.toString());
    }

    private static JsonNode value(String name, Map<String, JsonNode> values, String template) {
        if (!values.containsKey(name)) {
            throw new IllegalStateException("template " + ROOT + template + ": no value for ${" + name + "}");
        }
        JsonNode v = values.get(name);
        return v == null ? JSON.nullNode() : v;
    }
}
