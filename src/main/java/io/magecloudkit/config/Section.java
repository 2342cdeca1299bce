package io.magecloudkit.config;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.yaml.snakeyaml.DumperOptions;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;
import org.yaml.snakeyaml.nodes.Tag;

/**
 * A YAML mapping at a key path, read with type checks that report into {@link Problems} and
 * fall back to the default so reading goes on and every error is found in one pass.
 * An absent section (key missing or empty) reads as all defaults.
 */
final class Section {
    /** One key of the mapping. */
    record Entry(String key, Node keyNode, Node value, String path) {
    }

    /** One scalar item of a list. */
    record Item(String text, Node node, String path) {
    }

    private static final Pattern BOOL_TRUE = Pattern.compile("(?i)true|yes|on");
    private static final Pattern BOOL_TEXT = Pattern.compile("(?i)true|false|yes|no|on|off");
    private static final Pattern INT_TEXT = Pattern.compile("[-+]?[0-9][0-9_]*");

    private final Problems problems;
    private final String path;
    private final Location at;
    private final boolean present;
    private boolean wrongType;
    private final Map<String, Entry> entries = new LinkedHashMap<>();
    /** Keys whose value was reported as wrong: rules over them would only judge the default. */
    private final java.util.Set<String> failed = new java.util.HashSet<>();

    private Section(Problems problems, String path, Location at, MappingNode node) {
        this.problems = problems;
        this.path = path;
        this.at = at;
        this.present = node != null;
        if (node != null) {
            read(node);
        }
    }

    /** The document's root mapping. */
    static Section root(Problems problems, MappingNode node) {
        return new Section(problems, "", Location.of(node.getStartMark()), node);
    }

    /**
     * The mapping {@code value} at {@code path}; absent when {@code value} is null or an empty
     * scalar, absent with an error when it is a list or a non-empty scalar.
     */
    static Section of(Problems problems, String path, Location at, Node value) {
        if (value == null || isNull(value)) {
            return new Section(problems, path, at, null);
        }
        if (value instanceof MappingNode m) {
            return new Section(problems, path, at, m);
        }
        problems.add(value, path, "expected a mapping of keys, got " + describe(value));
        Section wrong = new Section(problems, path, at, null);
        wrong.wrongType = true;
        return wrong;
    }

    private void read(MappingNode node) {
        for (NodeTuple tuple : node.getValue()) {
            Node keyNode = tuple.getKeyNode();
            if (!(keyNode instanceof ScalarNode key) || isNull(keyNode)) {
                problems.add(keyNode, path, "expected a plain key, got " + describe(keyNode));
                continue;
            }
            String name = key.getValue();
            String childPath = path.isEmpty() ? name : path + "." + name;
            Entry previous = entries.get(name);
            if (previous != null) {
                Location first = Location.of(previous.keyNode().getStartMark());
                problems.add(keyNode, childPath, "duplicate key '" + name + "' (first at line " + first.line() + ")");
                continue;
            }
            Node value = tuple.getValueNode();
            entries.put(name, new Entry(name, keyNode, value, childPath));
            // Collections are pointed at by their key, scalars by their value.
            Node anchor = value instanceof ScalarNode && !isNull(value) ? value : keyNode;
            problems.remember(childPath, Location.of(anchor.getStartMark()));
        }
    }

    Problems problems() {
        return problems;
    }

    /** Written, but not as a mapping (already reported): callers skip checks that would only add noise. */
    boolean wrongType() {
        return wrongType;
    }

    boolean present() {
        return present;
    }

    String path() {
        return path;
    }

    /** Where the section is: its key, or its parent's when it is absent. */
    Location at() {
        return at;
    }

    String pathOf(String key) {
        return path.isEmpty() ? key : path + "." + key;
    }

    /** True when the key is written with a non-empty value. */
    boolean has(String key) {
        Entry e = entries.get(key);
        return e != null && !isNull(e.value());
    }

    Collection<Entry> entries() {
        return entries.values();
    }

    Location keyAt(String key) {
        Entry e = entries.get(key);
        return e == null ? at : Location.of(e.keyNode().getStartMark());
    }


    /** Reports every key not in {@code allowed}, suggesting the closest allowed one. */
    void allowOnly(Collection<String> allowed) {
        for (Entry e : entries.values()) {
            if (!allowed.contains(e.key())) {
                problems.add(e.keyNode(), e.path(), "unknown key '" + e.key() + "'" + Suggestions.didYouMean(e.key(), allowed));
            }
        }
    }

    void allowOnly(String... allowed) {
        allowOnly(Arrays.asList(allowed));
    }

    /** Reports the key if it is written: it has no meaning in this context. */
    void forbid(String key, String why) {
        Entry e = entries.get(key);
        if (e != null) {
            problems.add(e.keyNode(), e.path(), "'" + key + "' " + why);
        }
    }

    void error(String key, String message) {
        Entry e = entries.get(key);
        failed.add(key);
        problems.add(e == null ? at : Location.of(e.value().getStartMark()), e == null ? pathOf(key) : e.path(), message);
    }

    /** A warning at the key's value (or the section when the key is absent). */
    void warn(String key, String message) {
        Entry e = entries.get(key);
        problems.warn(e == null ? at : Location.of(e.value().getStartMark()), e == null ? pathOf(key) : e.path(), message);
    }

    /** Reports a wrong value of {@code e}, remembering the key as failed. */
    private void fail(Entry e, String message) {
        failed.add(e.key());
        problems.add(e.value(), e.path(), message);
    }

    /**
     * True when any of the keys was written but reported as wrong: a rule relating it to other
     * values would judge a default the user never wrote, a second error for one mistake.
     */
    boolean failed(String... keys) {
        for (String key : keys) {
            if (failed.contains(key)) {
                return true;
            }
        }
        return false;
    }

    /** A scalar's text; null (and no error) when absent. */
    String string(String key) {
        Entry e = entries.get(key);
        if (e == null || isNull(e.value())) {
            return null;
        }
        if (e.value() instanceof ScalarNode s) {
            return s.getValue();
        }
        fail(e, "expected a text value, got " + describe(e.value()));
        return null;
    }

    String string(String key, String defaultValue) {
        String s = string(key);
        return s == null ? defaultValue : s;
    }

    /** A scalar that must match {@code pattern}; {@code expected} says what it should look like. */
    String string(String key, String defaultValue, Pattern pattern, String expected) {
        String s = string(key);
        if (s == null) {
            return defaultValue;
        }
        if (!pattern.matcher(s).matches()) {
            error(key, "expected " + expected + ", got '" + s + "'");
            return defaultValue;
        }
        return s;
    }

    /** One of {@code choices}, with a suggestion when it is not. */
    String choice(String key, String defaultValue, List<String> choices) {
        String s = string(key);
        if (s == null) {
            return defaultValue;
        }
        if (!choices.contains(s)) {
            error(key, "expected one of " + String.join(", ", choices) + ", got '" + s + "'" + Suggestions.didYouMean(s, choices));
            return defaultValue;
        }
        return s;
    }

    String required(String key, Pattern pattern, String expected) {
        if (!has(key)) {
            // A misspelt 'vpcCdir' is already reported as unknown with the right name suggested.
            boolean misspelt = entries.keySet().stream()
                    .anyMatch(k -> !k.equals(key) && Suggestions.closest(k, List.of(key)).isPresent());
            if (!misspelt) {
                problems.add(keyAt(key), pathOf(key), "'" + key + "' is required: " + expected);
            }
            return null;
        }
        return string(key, null, pattern, expected);
    }

    /** A whole number in {@code min..max}; the default when absent or wrong. */
    int integer(String key, int defaultValue, int min, int max) {
        Entry e = entries.get(key);
        if (e == null || isNull(e.value())) {
            return defaultValue;
        }
        if (!(e.value() instanceof ScalarNode s) || !Tag.INT.equals(s.getTag())) {
            fail(e, "expected a whole number, got " + describe(e.value()) + quotedHint(e.value(), INT_TEXT));
            return defaultValue;
        }
        long value;
        try {
            value = Long.parseLong(s.getValue().replace("_", ""));
        } catch (NumberFormatException ex) {
            fail(e, "expected a whole number in decimal, got '" + s.getValue() + "'");
            return defaultValue;
        }
        if (value < min || value > max) {
            fail(e, "must be between " + min + " and " + max + ", got " + value);
            return defaultValue;
        }
        return (int) value;
    }

    boolean bool(String key, boolean defaultValue) {
        Entry e = entries.get(key);
        if (e == null || isNull(e.value())) {
            return defaultValue;
        }
        if (!(e.value() instanceof ScalarNode s) || !Tag.BOOL.equals(s.getTag())) {
            fail(e, "expected true or false, got " + describe(e.value()) + quotedHint(e.value(), BOOL_TEXT));
            return defaultValue;
        }
        return BOOL_TRUE.matcher(s.getValue()).matches();
    }

    Section section(String key) {
        Entry e = entries.get(key);
        if (e == null) {
            return new Section(problems, pathOf(key), at, null);
        }
        return of(problems, e.path(), Location.of(e.keyNode().getStartMark()), e.value());
    }

    /** Like {@link #section} for a mapping of secret references: a scalar in its place is never quoted back. */
    Section secretsSection(String key) {
        Entry e = entries.get(key);
        if (e != null && e.value() instanceof ScalarNode && !isNull(e.value())) {
            problems.add(e.value(), e.path(), "expected a mapping of NAME: reference, where a reference is " + SecretRef.SYNTAX);
            Section wrong = new Section(problems, e.path(), Location.of(e.keyNode().getStartMark()), null);
            wrong.wrongType = true;
            return wrong;
        }
        return section(key);
    }

    /** A list of scalars; empty when absent. Non-scalar items are reported and skipped. */
    List<Item> list(String key) {
        Entry e = entries.get(key);
        List<Item> items = new ArrayList<>();
        if (e == null || isNull(e.value())) {
            return items;
        }
        if (!(e.value() instanceof SequenceNode seq)) {
            problems.add(e.value(), e.path(), "expected a list, got " + describe(e.value()));
            return items;
        }
        int i = 0;
        for (Node item : seq.getValue()) {
            String itemPath = e.path() + "[" + i++ + "]";
            problems.remember(itemPath, Location.of(item.getStartMark()));
            if (item instanceof ScalarNode s && !isNull(s)) {
                items.add(new Item(s.getValue(), s, itemPath));
            } else {
                problems.add(item, itemPath, "expected a text item, got " + describe(item));
            }
        }
        return items;
    }


    /**
     * For "expected a number, got '512'": says the 512 is quoted text, which is why it is not
     * a number ("" when the value is not a quoted lookalike).
     */
    private static String quotedHint(Node node, Pattern lookalike) {
        if (node instanceof ScalarNode s && s.getScalarStyle() != DumperOptions.ScalarStyle.PLAIN
                && lookalike.matcher(s.getValue().strip()).matches()) {
            return ", which is quoted text: write " + s.getValue().strip() + " without quotes";
        }
        return "";
    }

    static boolean isNull(Node node) {
        return node instanceof ScalarNode && Tag.NULL.equals(node.getTag());
    }

    /** What a node is, in words for "expected X, got Y". */
    static String describe(Node node) {
        if (node instanceof MappingNode) {
            return "a mapping";
        }
        if (node instanceof SequenceNode) {
            return "a list";
        }
        if (isNull(node)) {
            return "nothing";
        }
        String v = ((ScalarNode) node).getValue();
        return "'" + (v.length() > 60 ? v.substring(0, 57) + "..." : v) + "'";
    }

}
