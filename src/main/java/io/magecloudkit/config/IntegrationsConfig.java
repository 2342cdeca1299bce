package io.magecloudkit.config;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Third-party services, each a set of named secret references (e.g. {@code cloudflare.apiToken}).
 * An integration absent from the file has an empty map.
 */
public record IntegrationsConfig(Map<String, Map<String, SecretRef>> all) {

    /** The integrations the file may configure. */
    public static final List<String> NAMES = List.of("cloudflare", "bugsnag", "datadog", "algolia", "nosto");

    public IntegrationsConfig {
        Map<String, Map<String, SecretRef>> copy = new LinkedHashMap<>();
        all.forEach((k, v) -> copy.put(k, Collections.unmodifiableMap(new LinkedHashMap<>(v))));
        all = Collections.unmodifiableMap(copy);
    }

    public Map<String, SecretRef> get(String integration) {
        return all.getOrDefault(integration, Map.of());
    }

    public Map<String, SecretRef> cloudflare() {
        return get("cloudflare");
    }

    public Map<String, SecretRef> bugsnag() {
        return get("bugsnag");
    }

    public Map<String, SecretRef> datadog() {
        return get("datadog");
    }

    public Map<String, SecretRef> algolia() {
        return get("algolia");
    }

    public Map<String, SecretRef> nosto() {
        return get("nosto");
    }
}
