package io.magecloudkit.config;

import java.util.Map;

/**
 * Image build settings.
 *
 * @param base the base image per container ({@code nginx}, {@code php-fpm}, {@code blackfire})
 */
public record ImagesConfig(RegistryConfig registry, Map<String, String> base) {
    public ImagesConfig {
        base = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(base));
    }
}
