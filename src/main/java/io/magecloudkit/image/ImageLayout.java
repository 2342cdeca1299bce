package io.magecloudkit.image;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * What goes into each image: read from {@code images.yml} (see {@link ImageLayoutLoader}).
 *
 * @param appRoot where the Magento tree goes in the app images
 * @param images  image name (nginx, php-fpm, blackfire) to its specification, sorted by name
 */
public record ImageLayout(String appRoot, Map<String, ImageSpec> images) {
    public ImageLayout {
        Objects.requireNonNull(appRoot, "appRoot");
        images = java.util.Collections.unmodifiableMap(new TreeMap<>(images));
    }

    /**
     * One image.
     *
     * @param base        default base image reference
     * @param files       configuration files from the resources root, copied into the image
     * @param app         top-level entries of the Magento tree copied under appRoot; ["*"] = all; [] = none
     * @param user        user the container runs as (null = the base image's)
     * @param workdir     working directory (null = the base image's)
     * @param entrypoint  entrypoint (null = the base image's)
     * @param cmd         command (null = the base image's)
     * @param ports       exposed TCP ports
     * @param environment environment variables baked into the image
     */
    public record ImageSpec(String base, List<FileCopy> files, List<String> app, String user, String workdir,
            List<String> entrypoint, List<String> cmd, List<Integer> ports, Map<String, String> environment) {
        public ImageSpec {
            files = files == null ? List.of() : List.copyOf(files);
            app = app == null ? List.of() : List.copyOf(app);
            entrypoint = entrypoint == null ? null : List.copyOf(entrypoint);
            cmd = cmd == null ? null : List.copyOf(cmd);
            ports = ports == null ? List.of() : List.copyOf(ports);
            environment = environment == null ? Map.of()
                    : java.util.Collections.unmodifiableMap(new TreeMap<>(environment));
        }

        /** True when the whole Magento tree goes in. */
        public boolean takesWholeTree() {
            return app.contains("*");
        }
    }

    /**
     * A configuration file copied into an image.
     *
     * @param from path relative to the resources root ({@code resources/io/magecloudkit/})
     * @param to   absolute path in the image
     * @param mode octal permissions, e.g. "644"
     */
    public record FileCopy(String from, String to, String mode) {
    }
}
