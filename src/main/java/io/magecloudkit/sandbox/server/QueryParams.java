package io.magecloudkit.sandbox.server;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The form-encoded parameters of a query-protocol request ({@code Action=...&Version=...&Names.member.1=...}). */
public final class QueryParams {
    private QueryParams() {
    }

    public static Map<String, String> parse(String form) {
        Map<String, String> out = new LinkedHashMap<>();
        for (Map.Entry<String, String> pair : pairs(form)) {
            out.put(pair.getKey(), pair.getValue());
        }
        return out;
    }

    /** The decoded key/value pairs in order, repeated keys kept (the SigV4 canonical query needs them all). */
    public static List<Map.Entry<String, String>> pairs(String form) {
        List<Map.Entry<String, String>> out = new ArrayList<>();
        if (form == null || form.isEmpty()) {
            return out;
        }
        for (String pair : form.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            String k = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
            String v = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
            out.add(Map.entry(k, v));
        }
        return out;
    }

    /** The values of a list parameter ({@code Prefix.member.1}, {@code Prefix.member.2}, ...). */
    public static List<String> list(Map<String, String> params, String prefix) {
        List<String> out = new ArrayList<>();
        for (int i = 1; params.containsKey(prefix + ".member." + i); i++) {
            out.add(params.get(prefix + ".member." + i));
        }
        return out;
    }

    /** The structures of a list parameter ({@code Tags.member.1.Key}, ...), each as field name to value. */
    public static List<Map<String, String>> structs(Map<String, String> params, String prefix) {
        List<Map<String, String>> out = new ArrayList<>();
        for (int i = 1; ; i++) {
            String member = prefix + ".member." + i + ".";
            Map<String, String> fields = new LinkedHashMap<>();
            params.forEach((key, value) -> {
                if (key.startsWith(member)) {
                    fields.put(key.substring(member.length()), value);
                }
            });
            if (fields.isEmpty()) {
                return out;
            }
            out.add(fields);
        }
    }
}
