package io.magecloudkit.cli;

import io.magecloudkit.EventSink;
import io.magecloudkit.config.EnvironmentConfig;
import io.magecloudkit.config.ImagesConfig;
import io.magecloudkit.config.MckConfig;
import io.magecloudkit.config.RegistryConfig;
import io.magecloudkit.image.BuildRequest;
import io.magecloudkit.image.BuildResult;
import io.magecloudkit.image.CommitResolver;
import io.magecloudkit.image.ImageBuilder;
import io.magecloudkit.image.LayoutSource;
import io.magecloudkit.image.Target;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "build-images", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
        description = {"Build the nginx, php-fpm and blackfire images from a built Magento tree and push them.",
            "Daemonless by default (Jib). Tags are immutable: <commit>-<content digest>.",
            "Where images go: --registry / --registry-type, else the --env environment's images.registry",
            "in magecloudkit.yml, else OCI tar files in --output."})
final class BuildImagesCommand extends MckSubcommand {
    enum RegistryType { oci, ecr, tar }

    enum BuilderName { jib, docker, buildah }

    @Mixin
    AwsOptions aws;

    @Option(names = "--source", paramLabel = "DIR", defaultValue = ".",
            description = "The built Magento tree (default: ${DEFAULT-VALUE}).")
    Path source;

    @Option(names = "--tag", paramLabel = "COMMIT",
            description = "Git commit the tag starts with (default: GIT_COMMIT, then git rev-parse HEAD of --source).")
    String tag;

    @Option(names = "--registry", paramLabel = "HOST[:PORT][/PREFIX]",
            description = "Registry to push to (ECR: the account's registry host, or 'ecr' to take it from the token).")
    String registry;

    @Option(names = "--registry-type", paramLabel = "TYPE",
            description = "oci (default with --registry), ecr, or tar (default without --registry).")
    RegistryType registryType;

    @Option(names = "--output", paramLabel = "DIR", defaultValue = "target/images",
            description = "Directory for the OCI tar files of the tar target (default: ${DEFAULT-VALUE}).")
    Path output;

    @Option(names = "--image", paramLabel = "NAME", description = "Image to build; repeatable (default: with --env the images its apps use, blackfire only where enabled; else all of the layout).")
    List<String> images = new ArrayList<>();

    @Option(names = "--base-image", paramLabel = "NAME=REF",
            description = {"Base image of one image, e.g. php-fpm=registry:5000/base/php:8.2; repeatable; tar:///path for a base image tar as docker save writes it (jib only).",
                "With --builder docker or buildah the reference must be a base already built from <image>.Dockerfile; without it that base is built first."})
    Map<String, String> baseImages = new LinkedHashMap<>();

    @Option(names = "--builder", paramLabel = "NAME", defaultValue = "jib",
            description = "jib (no daemon, default), docker or buildah.")
    BuilderName builder;

    @Option(names = "--cache-dir", paramLabel = "DIR",
            description = "Layer cache (default: ~/.cache/magecloudkit; keep it out of the workspace).")
    Path cacheDir;

    /** Where the layout comes from; tests replace it. */
    LayoutSource layoutSource;

    /** The process environment; tests replace it. */
    Map<String, String> environment = System.getenv();

    @Override
    Object run(EventSink events) {
        BuildRequest request = request();
        if (images.isEmpty() && common.env != null) {
            events.debug("images for " + common.env + ": " + request.images());
        }
        BuildResult result = new ImageBuilder().build(request, events);
        return new Result(result.tag(), result.seconds(), result.images());
    }

    /** What the JSON result holds: one entry per image for the deploy step. */
    record Result(String tag, double seconds, List<BuildResult.ImageResult> images) {
    }

    BuildRequest request() {
        Path cache = cacheDir != null ? cacheDir : BuildRequest.defaultCacheDir();
        Path src = source.toAbsolutePath().normalize();
        String commit = CommitResolver.resolve(tag, environment, src);
        LayoutSource layout = layoutSource != null ? layoutSource : LayoutSource.classpath(cache.resolve("resources"));
        Optional<EnvironmentConfig> env = project().environment();
        Optional<ImagesConfig> configured = env.map(EnvironmentConfig::images);
        Optional<RegistryConfig> configuredRegistry = configured.map(ImagesConfig::registry);
        Target target = ImageBuilder.target(registry, registryType == null ? null : registryType.name(),
                output.toAbsolutePath().normalize(), given("--output"), configuredRegistry.map(RegistryConfig::type).orElse(null),
                configuredRegistry.map(RegistryConfig::url).orElse(null), configuredRegistry.map(RegistryConfig::path).orElse(null));
        Map<String, String> bases = ImageBuilder.baseImageOverrides(configured.map(ImagesConfig::base).orElse(Map.of()), baseImages);
        List<String> exclude = configured.or(() -> project().config().map(MckConfig::images))
                .map(ImagesConfig::exclude).orElse(List.of());
        List<String> wanted = images.isEmpty() && env.isPresent() ? ImageBuilder.imagesFor(enabledContainers(env.get())) : images;
        return new BuildRequest(src, wanted, commit, target, bases,
                BuildRequest.BuilderKind.valueOf(builder.name().toUpperCase(java.util.Locale.ROOT)),
                cache, layout, environment, aws.settings(project().region()), exclude);
    }

    /** The containers the environment's apps run; which of them are built images the image step decides. */
    static List<String> enabledContainers(EnvironmentConfig env) {
        List<String> names = new ArrayList<>();
        env.apps().values().forEach(app -> app.enabledContainers().forEach(c -> names.add(c.name())));
        return names;
    }
}
