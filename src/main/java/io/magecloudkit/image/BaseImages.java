package io.magecloudkit.image;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Which base image each image starts from: the image layout's default, then the environment's
 * {@code images.base}, then {@code --base-image}; the later one wins. Pure.
 */
final class BaseImages {
    private BaseImages() {
    }

    /** The overrides a request carries: the configuration's, then the command line's on top. */
    static Map<String, String> overrides(Map<String, String> configured, Map<String, String> flags) {
        Map<String, String> out = new LinkedHashMap<>(configured);
        out.putAll(flags);
        return out;
    }

    /** The base of one image: its override when there is one, else the layout's. */
    static String of(String image, String layoutDefault, Map<String, String> overrides) {
        return overrides.getOrDefault(image, layoutDefault);
    }
}
