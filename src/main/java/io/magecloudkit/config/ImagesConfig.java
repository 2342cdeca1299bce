package io.magecloudkit.config;

import java.util.List;
import java.util.Map;

/**
 * Image build settings.
 *
 * @param base    the base image per container ({@code nginx}, {@code php-fpm}, {@code blackfire})
 * @param exclude .dockerignore-style patterns of the Magento tree left out of images, on top of the
 *                packaged list (docs/images.md); an environment's add to the project's
 */
public record ImagesConfig(RegistryConfig registry, Map<String, String> base, List<String> exclude) {
    public ImagesConfig {
        base = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(base));
        exclude = exclude == null ? List.of() : List.copyOf(exclude);
    }

    public ImagesConfig(RegistryConfig registry, Map<String, String> base) {
        this(registry, base, List.of());
    }
}
