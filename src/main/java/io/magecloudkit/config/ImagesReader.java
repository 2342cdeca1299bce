package io.magecloudkit.config;

import io.magecloudkit.image.ImageExclusions;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Reads {@code images:} at project level over the defaults, or at environment level over the
 * project's: a written {@code registry} replaces the inherited one whole (its fields only make
 * sense together), {@code base} images override one by one.
 */
final class ImagesReader {
    static final List<String> REGISTRY_TYPES = List.of("ecr", "oci", "tar");
    static final String DEFAULT_TAR_PATH = "target/images";
    /**
     * No base images by default: the image layout shipped with mck
     * (resources/io/magecloudkit/docker/images.yml) names them, so there is one default, not two.
     */
    static final ImagesConfig DEFAULTS = new ImagesConfig(new RegistryConfig("tar", null, DEFAULT_TAR_PATH), Map.of());
    private static final Pattern URL = Pattern.compile("[A-Za-z0-9.-]+(:[0-9]{1,5})?(/[a-z0-9._-]+)*");
    private static final Pattern IMAGE = Pattern.compile("[a-zA-Z0-9][a-zA-Z0-9._/:@-]*");

    private ImagesReader() {
    }

    static ImagesConfig defaults() {
        return new ImagesConfig(DEFAULTS.registry(), new LinkedHashMap<>());
    }

    static ImagesConfig read(Section s, ImagesConfig inherited) {
        s.allowOnly("registry", "base", "exclude");
        RegistryConfig registry = inherited.registry();
        Section r = s.section("registry");
        if (r.present()) {
            registry = registry(r);
        }
        Map<String, String> base = new LinkedHashMap<>(inherited.base());
        Section b = s.section("base");
        b.allowOnly(AppReader.BUILT_CONTAINERS);
        for (String container : AppReader.BUILT_CONTAINERS) {
            String ref = b.string(container, base.get(container), IMAGE, "an image reference like nginx:1.27-alpine");
            if (ref != null) {
                base.put(container, ref);
            }
        }
        List<String> exclude = new ArrayList<>(inherited.exclude());
        for (Section.Item item : s.list("exclude")) {
            String problem = ImageExclusions.problem(item.text());
            if (problem != null) {
                s.problems().add(item.node(), item.path(), "'" + item.text() + "' " + problem);
            } else if (!exclude.contains(item.text())) {
                exclude.add(item.text());
            }
        }
        return new ImagesConfig(registry, base, exclude);
    }

    private static RegistryConfig registry(Section r) {
        r.allowOnly("type", "url", "path");
        String type = r.choice("type", "tar", REGISTRY_TYPES);
        String url = r.string("url");
        if (url != null && url.contains("://")) {
            r.error("url", "give the registry as host[:port][/prefix], without the scheme, got '" + url + "'");
            url = null;
        } else if (url != null && !URL.matcher(url).matches()) {
            r.error("url", "expected host[:port][/prefix] (prefix in lower case), got '" + url + "'");
            url = null;
        }
        if ("oci".equals(type) && !r.has("url")) {
            r.error("url", "'url' is required for an oci registry: host[:port][/prefix]");
        }
        if ("tar".equals(type)) {
            r.forbid("url", "is not used by a tar registry (images are written to 'path')");
            url = null;
        }
        String path = null;
        if ("tar".equals(type)) {
            path = r.string("path", DEFAULT_TAR_PATH);
            if (path.isBlank()) {
                r.error("path", "'path' must name a directory");
                path = DEFAULT_TAR_PATH;
            }
        } else {
            r.forbid("path", "is only used by a tar registry");
        }
        return new RegistryConfig(type, url, path);
    }
}
