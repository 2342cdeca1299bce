package io.magecloudkit.image;

import io.magecloudkit.aws.AwsSettings;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * What to build and where to put it.
 *
 * @param source      the built Magento tree
 * @param images      image names to build; empty = every image of the layout
 * @param commit      the git commit the tag starts with (see {@link CommitResolver})
 * @param target      registry or tar directory
 * @param baseImages  base image overrides per image name (the layout's are the defaults)
 * @param builder     JIB (daemonless, default), DOCKER or BUILDAH
 * @param cacheDir    Jib's layer caches and extracted config files (outside the workspace)
 * @param layout      the image layout and its configuration files
 * @param environment process environment (MCK_REGISTRY_*, DOCKER_CONFIG), injected for tests
 * @param aws         AWS settings for an ECR target; null otherwise
 * @param exclude     patterns left out of images on top of the packaged list ({@code images.exclude})
 */
public record BuildRequest(
        Path source,
        List<String> images,
        String commit,
        Target target,
        Map<String, String> baseImages,
        BuilderKind builder,
        Path cacheDir,
        LayoutSource layout,
        Map<String, String> environment,
        AwsSettings aws,
        List<String> exclude) {

    public enum BuilderKind { JIB, DOCKER, BUILDAH }

    public BuildRequest {
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(commit, "commit");
        Objects.requireNonNull(target, "target");
        Objects.requireNonNull(cacheDir, "cacheDir");
        Objects.requireNonNull(layout, "layout");
        images = images == null ? List.of() : List.copyOf(images);
        baseImages = baseImages == null ? Map.of() : Map.copyOf(baseImages);
        builder = builder == null ? BuilderKind.JIB : builder;
        environment = environment == null ? Map.of() : Map.copyOf(environment);
        exclude = exclude == null ? List.of() : List.copyOf(exclude);
    }

    /** A request with only the packaged exclusion list. */
    public BuildRequest(Path source, List<String> images, String commit, Target target, Map<String, String> baseImages,
            BuilderKind builder, Path cacheDir, LayoutSource layout, Map<String, String> environment, AwsSettings aws) {
        this(source, images, commit, target, baseImages, builder, cacheDir, layout, environment, aws, List.of());
    }

    /** The default cache directory: ~/.cache/magecloudkit (never the workspace). */
    public static Path defaultCacheDir() {
        return Path.of(System.getProperty("user.home"), ".cache", "magecloudkit");
    }
}
