package io.magecloudkit.image;

import io.magecloudkit.EventSink;
import io.magecloudkit.MckException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The {@code docker} / {@code buildah} builder. Per image: the base image from
 * {@code <image>.Dockerfile} with a context holding the resources it COPYs (tagged
 * {@code <repository>:<tag>-base}, local only; skipped when {@code --base-image} names one), then
 * the app image from {@code app-<image>.Dockerfile} on top of it with the Magento tree as the
 * context and {@code app.dockerignore} as the ignore file, then a push of {@code <repository>:<tag>}.
 * The commands come from {@link CliBuildPlan}; this class does the I/O. The same immutable tag as
 * the Jib builder; a tag that exists already is an error here (the CLI builders cannot tell whether
 * the content is the same without pulling).
 */
final class CliBuild {
    static final String DOCKERFILES = "/io/magecloudkit/docker/";
    /** The resources root the base Dockerfiles' COPY sources are relative to. */
    static final String RESOURCES = "/io/magecloudkit/";
    static final String IGNORE_FILE = ImageExclusions.DEFAULT_RESOURCE;

    private final BuildRequest request;
    private final EventSink events;

    CliBuild(BuildRequest request, EventSink events) {
        this.request = request;
        this.events = events;
    }

    BuildResult run() {
        String tool = request.builder().name().toLowerCase(java.util.Locale.ROOT);
        if (!(request.target() instanceof Target.Registry registry) || registry.type() == Target.RegistryType.ECR) {
            throw new MckException(MckException.Kind.USAGE, "the " + tool
                    + " builder pushes to an OCI registry with --registry (log in with the tool first); use --builder jib for ECR or a tar");
        }
        request.baseImages().forEach((name, ref) -> {
            if (ref.startsWith("tar://")) {
                throw new MckException(MckException.Kind.USAGE, "--base-image " + name + "=" + ref + ": the " + tool
                        + " builder cannot start from a tar; load it into " + tool + " and name the image, or use --builder jib");
            }
        });
        long started = System.nanoTime();
        PreparedBuild prepared = PreparedBuild.prepare(request, events);
        checkTool();
        Path work = newWorkDir(request.cacheDir());
        try {
            return build(registry, prepared, work, started);
        } finally {
            try {
                deleteTree(work);
            } catch (IOException e) {
                events.debug("could not remove " + work + ": " + e.getMessage());
            }
        }
    }

    /**
     * A work directory of this run alone under the shared cache: a second build on the same agent
     * must not delete or overwrite the Dockerfiles and contexts this one is using.
     */
    static Path newWorkDir(Path cacheDir) {
        try {
            Path cli = cacheDir.resolve("cli");
            Files.createDirectories(cli);
            return Files.createTempDirectory(cli, "run-");
        } catch (IOException e) {
            throw new MckException(MckException.Kind.USAGE, "cannot create a work directory under " + cacheDir + " (--cache-dir): "
                    + e.getMessage());
        }
    }

    private BuildResult build(Target.Registry registry, PreparedBuild prepared, Path work, long started) {
        List<BuildResult.ImageResult> results = new ArrayList<>();
        RegistryLogin login = RegistryCredentials.find(registry.host(), request.environment(),
                RegistryCredentials.dockerConfigFile(request.environment())).orElse(null);
        RegistryApi api = new RegistryApi(registry.host(), login);
        for (PreparedBuild.PlannedImage image : prepared.images()) {
            String repository = registry.host() + "/" + registry.repository(image.name());
            // The CLI builders know the digest only after pushing: any existing tag is a conflict.
            String existing = api.manifestDigest(registry.repository(image.name()), prepared.tag()).orElse(null);
            if (TagVerdict.of(existing, null) == TagVerdict.CONFLICT) {
                throw new MckException(MckException.Kind.OPERATION_FAILED, repository + ":" + prepared.tag()
                        + " already exists; tags are immutable (the jib builder can tell whether it is the same image)");
            }
        }
        for (PreparedBuild.PlannedImage image : prepared.images()) {
            String repository = registry.host() + "/" + registry.repository(image.name());
            String reference = repository + ":" + prepared.tag();
            CliBuildPlan.Paths paths = CliBuildPlan.Paths.in(work, image.name());
            String override = request.baseImages().get(image.name());
            CliBuildPlan plan = CliBuildPlan.of(request.builder(), image.name(), image.spec(), prepared.layout().appRoot(),
                    repository, prepared.tag(), override, resourceOrNull(DOCKERFILES + "app-" + image.name() + ".Dockerfile"),
                    request.source(), paths);
            if (override == null) {
                prepareBaseContext(image.name(), paths);
            }
            if (plan.appDockerfile() != null) {
                write(paths.appDockerfile(), plan.appDockerfile());
                write(paths.ignoreFile(), ImageExclusions.withExtra(request.exclude()).dockerignore());
            }
            deleteIfExists(paths.digestFile());
            for (List<String> cmd : plan.commands()) {
                exec(cmd);
            }
            String digest = request.builder() == BuildRequest.BuilderKind.BUILDAH ? readString(paths.digestFile())
                    : api.manifestDigest(registry.repository(image.name()), prepared.tag()).orElseThrow(() ->
                            new MckException(MckException.Kind.OPERATION_FAILED, reference + " is not in the registry after docker push"));
            results.add(new BuildResult.ImageResult(image.name(), repository, prepared.tag(), digest,
                    repository + "@" + digest, "pushed", -1, -1, -1));
        }
        return new BuildResult(prepared.tag(), results, (System.nanoTime() - started) / 1e9);
    }

    /**
     * Writes {@code <image>.Dockerfile} and a fresh context holding every file its COPY lines read,
     * taken from the packaged resources.
     */
    static void prepareBaseContext(String image, CliBuildPlan.Paths paths) {
        String name = image + ".Dockerfile";
        String dockerfile = resourceOrNull(DOCKERFILES + name);
        if (dockerfile == null) {
            throw new MckException(MckException.Kind.USAGE, "no base Dockerfile " + DOCKERFILES + name + " in mck.jar for image '" + image
                    + "'; give its base with --base-image " + image + "=REF or use --builder jib");
        }
        write(paths.baseDockerfile(), dockerfile);
        try {
            deleteTree(paths.baseContext());
            Files.createDirectories(paths.baseContext());
            for (String src : DockerfileCopies.sources(dockerfile, name)) {
                try (InputStream in = CliBuild.class.getResourceAsStream(RESOURCES + src)) {
                    if (in == null) {
                        throw new MckException(MckException.Kind.USAGE, name + " copies " + src + " but mck.jar has no resource " + RESOURCES + src);
                    }
                    Path target = paths.baseContext().resolve(src);
                    Files.createDirectories(target.getParent());
                    Files.copy(in, target, StandardCopyOption.REPLACE_EXISTING);
                }
            }
        } catch (IOException e) {
            throw new MckException(MckException.Kind.OPERATION_FAILED, "cannot prepare " + paths.baseContext() + ": " + e.getMessage());
        }
    }

    private void checkTool() {
        String tool = request.builder() == BuildRequest.BuilderKind.DOCKER ? "docker" : "buildah";
        List<String> probe = request.builder() == BuildRequest.BuilderKind.DOCKER ? List.of("docker", "info", "--format", "{{.ServerVersion}}")
                : List.of("buildah", "version");
        int code;
        try {
            Process p = new ProcessBuilder(probe).redirectErrorStream(true).start();
            p.getInputStream().readAllBytes();
            code = p.waitFor(60, TimeUnit.SECONDS) ? p.exitValue() : -1;
        } catch (IOException e) {
            throw new MckException(MckException.Kind.USAGE, tool + " is not installed (or not on PATH); use --builder jib, which needs no daemon");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new MckException(MckException.Kind.OPERATION_FAILED, "interrupted");
        }
        if (code != 0) {
            throw new MckException(MckException.Kind.USAGE, request.builder() == BuildRequest.BuilderKind.DOCKER
                    ? "no Docker daemon answers ('docker info' failed); use --builder jib, which needs none"
                    : "'buildah version' failed; use --builder jib");
        }
    }

    private void exec(List<String> cmd) {
        events.info("running: " + String.join(" ", cmd));
        try {
            ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true);
            if (cmd.get(0).equals("docker")) {
                // The classic builder knows neither <Dockerfile>.dockerignore nor COPY --chmod.
                pb.environment().put("DOCKER_BUILDKIT", "1");
            }
            Process p = pb.start();
            try (var reader = new java.io.BufferedReader(new java.io.InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
                String line;
                while ((line = reader.readLine()) != null) {
                    events.debug(line);
                }
            }
            int code = p.waitFor();
            if (code != 0) {
                throw new MckException(MckException.Kind.OPERATION_FAILED, "'" + cmd.get(0) + " " + cmd.get(1) + "' exited with " + code);
            }
        } catch (IOException e) {
            throw new MckException(MckException.Kind.USAGE, "cannot run " + cmd.get(0) + ": " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new MckException(MckException.Kind.OPERATION_FAILED, "interrupted");
        }
    }

    /** A packaged text resource, or null when mck.jar has none. */
    static String resourceOrNull(String name) {
        try (InputStream in = CliBuild.class.getResourceAsStream(name)) {
            return in == null ? null : new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new MckException(MckException.Kind.OPERATION_FAILED, "cannot read " + name + " from mck.jar: " + e.getMessage());
        }
    }

    private static String resource(String name) {
        String text = resourceOrNull(name);
        if (text == null) {
            throw new MckException(MckException.Kind.USAGE, "mck.jar has no resource " + name);
        }
        return text;
    }

    private static void write(Path file, String text) {
        try {
            Files.createDirectories(file.getParent());
            Files.writeString(file, text);
        } catch (IOException e) {
            throw new MckException(MckException.Kind.OPERATION_FAILED, "cannot write " + file + ": " + e.getMessage());
        }
    }

    private static void deleteIfExists(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            throw new MckException(MckException.Kind.OPERATION_FAILED, "cannot delete " + file + ": " + e.getMessage());
        }
    }

    /** Leftovers of an earlier run must not reach a build context. */
    private static void deleteTree(Path root) throws IOException {
        if (!Files.exists(root)) {
            return;
        }
        try (var paths = Files.walk(root)) {
            for (Path p : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }

    private static String readString(Path p) {
        try {
            return Files.readString(p).trim();
        } catch (IOException e) {
            throw new MckException(MckException.Kind.OPERATION_FAILED, "cannot read " + p + ": " + e.getMessage());
        }
    }
}
