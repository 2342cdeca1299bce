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
 * The {@code docker} / {@code buildah} builder: builds the Dockerfiles from
 * {@code resources/io/magecloudkit/docker/} with the Magento tree as the build context and the
 * configuration resources as a second named context {@code mck}, then pushes. The same immutable
 * tag as the Jib builder; a tag that exists already is an error here (the CLI builders cannot
 * tell whether the content is the same without pulling).
 */
final class CliBuild {
    static final String DOCKERFILES = "/io/magecloudkit/docker/";

    private final BuildRequest request;
    private final EventSink events;

    CliBuild(BuildRequest request, EventSink events) {
        this.request = request;
        this.events = events;
    }

    /** The commands for one image, in order: build, push, then read the pushed digest. */
    static List<List<String>> commands(BuildRequest.BuilderKind kind, String dockerfile, String reference,
            String baseImage, Path context, Path configContext, Path digestFile) {
        List<List<String>> out = new ArrayList<>();
        String tool = kind == BuildRequest.BuilderKind.DOCKER ? "docker" : "buildah";
        List<String> build = new ArrayList<>(List.of(tool, kind == BuildRequest.BuilderKind.DOCKER ? "build" : "bud",
                "--file", dockerfile, "--tag", reference, "--build-arg", "BASE_IMAGE=" + baseImage,
                "--build-context", "mck=" + configContext));
        if (kind == BuildRequest.BuilderKind.BUILDAH) {
            build.addAll(List.of("--timestamp", "0"));
        }
        build.add(context.toString());
        out.add(build);
        if (kind == BuildRequest.BuilderKind.DOCKER) {
            out.add(List.of("docker", "push", reference));
        } else {
            out.add(List.of("buildah", "push", "--digestfile", digestFile.toString(), reference, "docker://" + reference));
        }
        return out;
    }

    BuildResult run() {
        if (!(request.target() instanceof Target.Registry registry) || registry.type() == Target.RegistryType.ECR) {
            throw new MckException(MckException.Kind.USAGE, "the " + request.builder().name().toLowerCase(java.util.Locale.ROOT)
                    + " builder pushes to an OCI registry with --registry (log in with the tool first); use --builder jib for ECR or a tar");
        }
        long started = System.nanoTime();
        PreparedBuild prepared = PreparedBuild.prepare(request, events);
        checkTool();
        Path work = request.cacheDir().resolve("cli");
        List<BuildResult.ImageResult> results = new ArrayList<>();
        RegistryLogin login = RegistryCredentials.find(registry.host(), request.environment(),
                RegistryCredentials.dockerConfigFile(request.environment())).orElse(null);
        RegistryApi api = new RegistryApi(registry.host(), login);
        for (PreparedBuild.PlannedImage image : prepared.images()) {
            String repository = registry.host() + "/" + registry.repository(image.name());
            if (api.manifestDigest(registry.repository(image.name()), prepared.tag()).isPresent()) {
                throw new MckException(MckException.Kind.OPERATION_FAILED, repository + ":" + prepared.tag()
                        + " already exists; tags are immutable (the jib builder can tell whether it is the same image)");
            }
        }
        for (PreparedBuild.PlannedImage image : prepared.images()) {
            String repository = registry.host() + "/" + registry.repository(image.name());
            String reference = repository + ":" + prepared.tag();
            Path dockerfile = extract(image.name() + ".Dockerfile", work);
            Path configContext = extractConfig(image, work);
            Path digestFile = work.resolve(image.name() + ".digest");
            for (List<String> cmd : commands(request.builder(), dockerfile.toString(), reference, image.baseImage(),
                    request.source(), configContext, digestFile)) {
                exec(cmd);
            }
            String digest = request.builder() == BuildRequest.BuilderKind.BUILDAH ? readString(digestFile)
                    : api.manifestDigest(registry.repository(image.name()), prepared.tag()).orElseThrow(() ->
                            new MckException(MckException.Kind.OPERATION_FAILED, reference + " is not in the registry after docker push"));
            results.add(new BuildResult.ImageResult(image.name(), repository, prepared.tag(), digest,
                    repository + "@" + digest, "pushed", -1, -1, -1));
        }
        return new BuildResult(prepared.tag(), results, (System.nanoTime() - started) / 1e9);
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
            Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
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

    private Path extractConfig(PreparedBuild.PlannedImage image, Path work) {
        Path root = work.resolve("context-" + image.name());
        try {
            for (ImageLayout.FileCopy f : image.spec().files()) {
                Path target = root.resolve(f.from());
                Files.createDirectories(target.getParent());
                Files.copy(request.layout().file(f.from()), target, StandardCopyOption.REPLACE_EXISTING);
            }
            Files.createDirectories(root);
        } catch (IOException e) {
            throw new MckException(MckException.Kind.OPERATION_FAILED, "cannot prepare " + root + ": " + e.getMessage());
        }
        return root;
    }

    private static Path extract(String name, Path work) {
        try (InputStream in = CliBuild.class.getResourceAsStream(DOCKERFILES + name)) {
            if (in == null) {
                throw new MckException(MckException.Kind.USAGE, "no Dockerfile " + DOCKERFILES + name + " in mck.jar");
            }
            Files.createDirectories(work);
            Path target = work.resolve(name);
            Files.copy(in, target, StandardCopyOption.REPLACE_EXISTING);
            return target;
        } catch (IOException e) {
            throw new MckException(MckException.Kind.OPERATION_FAILED, "cannot extract " + name + ": " + e.getMessage());
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
