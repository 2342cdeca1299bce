package io.magecloudkit.image;

import io.magecloudkit.MckException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * What the docker / buildah builder runs for one image: build the base from
 * {@code <image>.Dockerfile} (unless {@code --base-image} names one), build the app image from the
 * rendered {@code app-<image>.Dockerfile} on top of it with the Magento tree as the context, push.
 * An image that takes nothing of the tree (blackfire) is its base, re-tagged. Pure: no process is
 * started and no file is written here.
 *
 * @param baseReference the base the app image is built on: the local {@code <repository>:<tag>-base}
 *                      or the {@code --base-image} reference
 * @param appDockerfile the rendered app Dockerfile, or null when the image has no app part
 * @param commands      command lines, in order
 */
record CliBuildPlan(String baseReference, String appDockerfile, List<List<String>> commands) {

    /** The source-date-epoch every build gets: image creation times are the epoch, as with Jib. */
    static final String EPOCH = "0";

    /** Where one image's files go inside the work directory. */
    record Paths(Path baseDockerfile, Path baseContext, Path appDockerfile, Path ignoreFile, Path digestFile) {
        static Paths in(Path work, String image) {
            Path app = work.resolve("app-" + image + ".Dockerfile");
            // BuildKit reads <Dockerfile>.dockerignore next to the Dockerfile before the context's own.
            return new Paths(work.resolve(image + ".Dockerfile"), work.resolve("base-" + image), app,
                    work.resolve(app.getFileName() + ".dockerignore"), work.resolve(image + ".digest"));
        }
    }

    /**
     * @param kind         DOCKER or BUILDAH
     * @param image        image name (nginx, php-fpm, blackfire)
     * @param spec         its layout entry
     * @param appRoot      where the tree goes in the image
     * @param repository   HOST/REPOSITORY to push to
     * @param tag          the build's tag
     * @param baseOverride the {@code --base-image} reference, or null to build the base
     * @param appTemplate  the {@code app-<image>.Dockerfile} text; may be null when the image takes no app files
     * @param source       the Magento tree (the app build's context)
     * @param paths        where the Dockerfiles, contexts and digest file are
     */
    static CliBuildPlan of(BuildRequest.BuilderKind kind, String image, ImageLayout.ImageSpec spec, String appRoot,
            String repository, String tag, String baseOverride, String appTemplate, Path source, Paths paths) {
        boolean docker = switch (kind) {
            case DOCKER -> true;
            case BUILDAH -> false;
            case JIB -> throw new IllegalArgumentException("the jib builder runs no commands");
        };
        String tool = docker ? "docker" : "buildah";
        String reference = repository + ":" + tag;
        List<List<String>> commands = new ArrayList<>();
        String base;
        if (baseOverride == null) {
            base = reference + "-base";
            commands.add(build(docker, paths.baseDockerfile(), null, base, Map.of(), paths.baseContext()));
        } else {
            base = baseOverride;
        }
        String rendered = null;
        if (spec.app().isEmpty()) {
            if (baseOverride != null) {
                commands.add(List.of(tool, "pull", base));
            }
            commands.add(List.of(tool, "tag", base, reference));
        } else {
            if (appTemplate == null) {
                throw new MckException(MckException.Kind.USAGE, "image '" + image + "' takes files of the Magento tree but mck.jar has no "
                        + CliBuild.DOCKERFILES + "app-" + image + ".Dockerfile for the " + tool + " builder; use --builder jib");
            }
            rendered = render(appTemplate, appRoot, spec.environment());
            commands.add(build(docker, paths.appDockerfile(), paths.ignoreFile(), reference, Map.of("BASE_IMAGE", base), source));
        }
        commands.add(docker ? List.of("docker", "push", reference)
                : List.of("buildah", "push", "--digestfile", paths.digestFile().toString(), reference, "docker://" + reference));
        return new CliBuildPlan(base, rendered, List.copyOf(commands));
    }

    /**
     * Fills an app Dockerfile template: {@code {{appRoot}}} and {@code {{environment}}} (one ENV
     * instruction with the layout's variables, as the Jib builder sets them; dropped when there are none).
     */
    static String render(String template, String appRoot, Map<String, String> environment) {
        String root = appRoot.endsWith("/") ? appRoot.substring(0, appRoot.length() - 1) : appRoot;
        StringBuilder env = new StringBuilder();
        if (!environment.isEmpty()) {
            env.append("ENV");
            String sep = " ";
            for (Map.Entry<String, String> e : new java.util.TreeMap<>(environment).entrySet()) {
                if (!e.getKey().matches("[A-Za-z_][A-Za-z0-9_]*")) {
                    throw new MckException(MckException.Kind.USAGE, "environment variable name '" + e.getKey() + "' is not valid in a Dockerfile");
                }
                env.append(sep).append(e.getKey()).append("=\"").append(quote(e.getValue())).append('"');
                sep = " \\\n    ";
            }
        }
        String out = template.replace("{{appRoot}}", root);
        out = environment.isEmpty() ? out.replace("{{environment}}\n", "").replace("{{environment}}", "")
                : out.replace("{{environment}}", env);
        int left = out.indexOf("{{");
        if (left >= 0) {
            throw new MckException(MckException.Kind.USAGE, "app Dockerfile template has an unknown field near '"
                    + out.substring(left, Math.min(out.length(), left + 30)).split("\n")[0] + "'");
        }
        return out;
    }

    /** A value inside double quotes: no variable expansion, no line break. */
    private static String quote(String value) {
        if (value.contains("\n")) {
            throw new MckException(MckException.Kind.USAGE, "an environment value with a line break cannot go into a Dockerfile");
        }
        return value.replace("\\", "\\\\").replace("\"", "\\\"").replace("$", "\\$");
    }

    private static List<String> build(boolean docker, Path dockerfile, Path ignoreFile, String tag, Map<String, String> args,
            Path context) {
        List<String> cmd = new ArrayList<>(List.of(docker ? "docker" : "buildah", "build", "--file", dockerfile.toString()));
        if (!docker && ignoreFile != null) {
            cmd.addAll(List.of("--ignorefile", ignoreFile.toString()));
        }
        cmd.addAll(List.of("--tag", tag));
        new java.util.TreeMap<>(args).forEach((k, v) -> cmd.addAll(List.of("--build-arg", k + "=" + v)));
        if (docker) {
            // BuildKit sets the image's creation time and history from it; file times stay the tree's.
            cmd.addAll(List.of("--build-arg", "SOURCE_DATE_EPOCH=" + EPOCH));
        } else {
            // Without --layers buildah caches nothing: a one-file change would rebuild and re-push every layer.
            cmd.addAll(List.of("--layers", "--timestamp", EPOCH));
        }
        cmd.add(context.toString());
        return cmd;
    }
}
