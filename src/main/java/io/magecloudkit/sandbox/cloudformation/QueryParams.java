package io.magecloudkit.sandbox.cloudformation;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Reads the query protocol's flattened request members ({@code Tags.member.1.Key}, {@code Capabilities.member.2}). */
final class QueryParams {
    private final Map<String, String> params;

    QueryParams(Map<String, String> params) {
        this.params = params;
    }

    String get(String name) {
        String value = params.get(name);
        return value == null || value.isEmpty() ? null : value;
    }

    boolean flag(String name) {
        return "true".equalsIgnoreCase(params.get(name));
    }

    boolean has(String name) {
        return params.containsKey(name);
    }

    List<String> list(String name) {
        List<String> values = new ArrayList<>();
        for (int i = 1; params.containsKey(name + ".member." + i); i++) {
            values.add(params.get(name + ".member." + i));
        }
        return values;
    }

    /** Structures of a list, each as field name to value. */
    List<Map<String, String>> structs(String name) {
        List<Map<String, String>> structs = new ArrayList<>();
        for (int i = 1; ; i++) {
            String prefix = name + ".member." + i + ".";
            Map<String, String> fields = new LinkedHashMap<>();
            params.forEach((key, value) -> {
                if (key.startsWith(prefix)) {
                    fields.put(key.substring(prefix.length()), value);
                }
            });
            if (fields.isEmpty()) {
                return structs;
            }
            structs.add(fields);
        }
    }
}
