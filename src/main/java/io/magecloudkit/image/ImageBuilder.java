package io.magecloudkit.image;

import io.magecloudkit.EventSink;
import java.nio.file.Path;
import java.util.Collection;
import java.util.List;
import java.util.Map;

/** The image step's façade: the CLI and the tests call this and nothing else of the package. */
public final class ImageBuilder {
    /** The containers whose images this step builds. */
    private static final List<String> BUILT = List.of("nginx", "php-fpm", "blackfire");

    /**
     * Builds the requested images and puts them where the request says.
     *
     * @throws io.magecloudkit.MckException USAGE for bad input (not a built Magento tree, unknown
     *         image, missing base image), AWS_ACCESS when a registry or AWS refuses the credentials,
     *         OPERATION_FAILED for a tag that already exists with other content or a failed push
     */
    public BuildResult build(BuildRequest request, EventSink events) {
        return switch (request.builder()) {
            case JIB -> new JibBuild(request, events).run();
            case DOCKER, BUILDAH -> new CliBuild(request, events).run();
        };
    }

    /**
     * Where a build goes (see {@link TargetChoice}): the flags, else the environment's
     * {@code images.registry} (its type, url and path; type null without one), else tar files in output.
     *
     * @param registry       --registry, or null
     * @param registryType   --registry-type (oci, ecr, tar), or null
     * @param output         --output or its default
     * @param outputGiven    whether --output was given
     * @param configuredType {@code images.registry.type} of the environment, or null without --env
     */
    public static Target target(String registry, String registryType, Path output, boolean outputGiven,
            String configuredType, String configuredUrl, String configuredPath) {
        return TargetChoice.choose(new TargetChoice.Options(registry, registryType, output, outputGiven),
                configuredType == null ? null : new TargetChoice.Configured(configuredType, configuredUrl, configuredPath));
    }

    /**
     * The images an environment needs, from the containers its apps run: nginx and php-fpm for
     * Magento and WordPress apps, blackfire only where an app enables it; sorted, once each.
     */
    public static List<String> imagesFor(Collection<String> enabledContainers) {
        return enabledContainers.stream().filter(BUILT::contains).distinct().sorted().toList();
    }

    /** The base-image overrides of a request: {@code images.base}, then --base-image on top (see {@link BaseImages}). */
    public static Map<String, String> baseImageOverrides(Map<String, String> configured, Map<String, String> flags) {
        return BaseImages.overrides(configured, flags);
    }
}
