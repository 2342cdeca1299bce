package io.magecloudkit.sandbox.faults;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.exc.ValueInstantiationException;
import java.util.Collection;
import java.util.List;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * Turns what Jackson says about a faults file into the one line a user can act on,
 * {@code file:line:column: path: problem}, as config validation words it: Jackson's own
 * messages name Java types and internals.
 */
final class FaultFileError {
    private FaultFileError() {
    }

    static String describe(String source, String text, JsonProcessingException e) {
        // A syntax error met while binding arrives wrapped in a mapping error: report the syntax error.
        for (Throwable c = e.getCause(); c != null; c = c.getCause()) {
            if (c instanceof JsonProcessingException p && !(c instanceof JsonMappingException)) {
                return describe(source, text, p);
            }
        }
        JsonLocation at = e instanceof JsonMappingException m ? locate(text, m.getPath()) : null;
        if (at == null) {
            at = e.getLocation();
        }
        String where = source + (at == null || at.getLineNr() < 1 ? "" : ":" + at.getLineNr() + ":" + at.getColumnNr());
        if (!(e instanceof JsonMappingException m)) {
            return where + ": YAML syntax error: " + firstLine(e.getOriginalMessage());
        }
        List<JsonMappingException.Reference> refs = m.getPath();
        if (e instanceof UnrecognizedPropertyException && !refs.isEmpty()) {
            refs = refs.subList(0, refs.size() - 1);
        }
        String path = path(refs);
        String prefix = where + ": " + (path.isEmpty() ? "" : path + ": ");
        if (e instanceof UnrecognizedPropertyException u) {
            return prefix + "unknown key '" + u.getPropertyName() + "'" + expected(u.getKnownPropertyIds());
        }
        if (e instanceof ValueInstantiationException && e.getCause() instanceof IllegalArgumentException cause) {
            return prefix + firstLine(cause.getMessage()).replaceFirst("^[a-z]+: ", "");
        }
        if (e instanceof InvalidFormatException f) {
            return prefix + "'" + f.getValue() + "' is not " + kind(f.getTargetType());
        }
        if (e instanceof MismatchedInputException mi) {
            return prefix + "expected " + kind(mi.getTargetType());
        }
        return prefix + "not a valid value";
    }

    /**
     * Where the value at the path starts (its key, for a value in a mapping), found by reading
     * the text again: Jackson reports some problems only once it has read past the value.
     */
    private static JsonLocation locate(String text, List<JsonMappingException.Reference> refs) {
        StringBuilder pointer = new StringBuilder();
        for (JsonMappingException.Reference r : refs) {
            pointer.append('/').append(r.getFieldName() != null ? r.getFieldName().replace("~", "~0").replace("/", "~1") : r.getIndex());
        }
        String target = pointer.toString();
        try (JsonParser p = FaultConfig.YAML.getFactory().createParser(text)) {
            while (p.nextToken() != null) {
                if (p.getParsingContext().pathAsPointer().toString().equals(target)) {
                    return p.currentTokenLocation();
                }
            }
        } catch (java.io.IOException e) {
            // Unreadable past some point: fall back to where Jackson stopped.
        }
        return null;
    }

    private static String path(List<JsonMappingException.Reference> refs) {
        StringBuilder sb = new StringBuilder();
        for (JsonMappingException.Reference r : refs) {
            if (r.getFieldName() != null) {
                sb.append(sb.length() == 0 ? "" : ".").append(r.getFieldName());
            } else if (r.getIndex() >= 0) {
                sb.append('[').append(r.getIndex()).append(']');
            }
        }
        return sb.toString();
    }

    private static String expected(Collection<Object> known) {
        if (known == null || known.isEmpty()) {
            return "";
        }
        return " (expected one of: " + new TreeSet<>(known.stream().map(String::valueOf).toList()).stream()
                .collect(Collectors.joining(", ")) + ")";
    }

    private static String kind(Class<?> type) {
        if (type == null) {
            return "a valid value";
        }
        if (type == double.class || type == Double.class || type == float.class || type == Float.class) {
            return "a number";
        }
        if (type == long.class || type == Long.class || type == int.class || type == Integer.class) {
            return "a whole number";
        }
        if (type == boolean.class || type == Boolean.class) {
            return "true or false";
        }
        if (type == String.class) {
            return "a text value";
        }
        if (Collection.class.isAssignableFrom(type) || type.isArray()) {
            return "a list";
        }
        return "a mapping";
    }

    private static String firstLine(String s) {
        return s == null ? "not valid" : s.split("\n")[0].trim();
    }
}
