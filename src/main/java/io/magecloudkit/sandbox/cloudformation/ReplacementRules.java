package io.magecloudkit.sandbox.cloudformation;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/** Which property changes force CloudFormation to replace a resource (data in replacement-properties.txt). */
final class ReplacementRules {
    private static final String TABLE = "replacement-properties.txt";
    private static final ReplacementRules DEFAULT = load();

    private final Map<String, Set<String>> createOnly;

    private ReplacementRules(Map<String, Set<String>> createOnly) {
        this.createOnly = createOnly;
    }

    static ReplacementRules standard() {
        return DEFAULT;
    }

    boolean requiresReplacement(String type, String property) {
        Set<String> properties = createOnly.get(type);
        return properties != null && (properties.contains("*") || properties.contains(property));
    }

    private static ReplacementRules load() {
        Map<String, Set<String>> table = new HashMap<>();
        try (InputStream in = ReplacementRules.class.getResourceAsStream(TABLE)) {
            if (in == null) {
                throw new IllegalStateException("missing resource " + TABLE);
            }
            BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            String line;
            while ((line = reader.readLine()) != null) {
                line = line.strip();
                if (line.isEmpty() || line.startsWith("#")) {
                    continue;
                }
                String[] words = line.split("\\s+");
                Set<String> properties = table.computeIfAbsent(words[0], k -> new HashSet<>());
                for (int i = 1; i < words.length; i++) {
                    properties.add(words[i]);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new ReplacementRules(table);
    }
}
