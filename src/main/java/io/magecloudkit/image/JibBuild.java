package io.magecloudkit.image;

import com.google.cloud.tools.jib.api.Containerizer;
import com.google.cloud.tools.jib.api.Credential;
import com.google.cloud.tools.jib.api.ImageReference;
import com.google.cloud.tools.jib.api.InvalidImageReferenceException;
import com.google.cloud.tools.jib.api.Jib;
import com.google.cloud.tools.jib.api.JibContainer;
import com.google.cloud.tools.jib.api.JibContainerBuilder;
import com.google.cloud.tools.jib.api.LogEvent;
import com.google.cloud.tools.jib.api.RegistryImage;
import com.google.cloud.tools.jib.api.TarImage;
import com.google.cloud.tools.jib.api.buildplan.AbsoluteUnixPath;
import com.google.cloud.tools.jib.api.buildplan.FileEntriesLayer;
import com.google.cloud.tools.jib.api.buildplan.FilePermissions;
import com.google.cloud.tools.jib.api.buildplan.ImageFormat;
import com.google.cloud.tools.jib.api.buildplan.Port;
import com.google.cloud.tools.jib.event.events.ProgressEvent;
import io.magecloudkit.EventSink;
import io.magecloudkit.MckException;
import io.magecloudkit.Version;
import io.magecloudkit.aws.AwsSession;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The default builder: Jib puts the planned layers on the base images, no Docker daemon needed. */
final class JibBuild {
    /** Every file's modification time in every layer: fixed, so the same input gives the same digest. */
    static final Instant FILE_TIME = Instant.EPOCH.plusSeconds(1);
    private static final String SEND_CREDENTIALS_OVER_HTTP = "sendCredentialsOverHttp";

    private final BuildRequest request;
    private final EventSink events;
    /** Every login of this run: what {@link Secrets#sanitize} removes from messages. */
    private final List<RegistryLogin> secrets = new java.util.concurrent.CopyOnWriteArrayList<>();
    /** The target registry host once known (for ECR it comes from the token): bases there use the target login. */
    private String targetHost;

    JibBuild(BuildRequest request, EventSink events) {
        this.request = request;
        this.events = events;
    }

    BuildResult run() {
        long started = System.nanoTime();
        PreparedBuild prepared = PreparedBuild.prepare(request, events);
        List<BuildResult.ImageResult> results;
        if (request.target() instanceof Target.TarDirectory tar) {
            results = toTar(prepared, tar);
        } else {
            results = toRegistry(prepared, (Target.Registry) request.target());
        }
        double seconds = (System.nanoTime() - started) / 1e9;
        events.info(String.format("built %d image(s) with tag %s in %.1f s", results.size(), prepared.tag(), seconds));
        return new BuildResult(prepared.tag(), results, seconds);
    }

    // ---- registry target ------------------------------------------------------------------

    private List<BuildResult.ImageResult> toRegistry(PreparedBuild prepared, Target.Registry registry) {
        String host = registry.host();
        RegistryLogin login;
        AwsSession aws = null;
        try {
            if (registry.type() == Target.RegistryType.ECR) {
                if (request.aws() == null) {
                    throw new MckException(MckException.Kind.USAGE, "an ECR target needs AWS settings");
                }
                aws = AwsSession.open(request.aws());
                EcrRegistryAccess ecr = new EcrRegistryAccess(aws);
                EcrRegistryAccess.Login ecrLogin = ecr.login();
                login = ecrLogin.login();
                secrets.add(login);
                if (host.isEmpty() || host.equals("ecr")) {
                    host = ecrLogin.host();
                }
                registry = new Target.Registry(host, registry.prefix(), registry.type());
                for (PreparedBuild.PlannedImage image : prepared.images()) {
                    ecr.ensureRepository(registry.repository(image.name()), events);
                }
            } else {
                login = RegistryCredentials.find(host, request.environment(),
                        RegistryCredentials.dockerConfigFile(request.environment())).orElse(null);
                if (login != null) {
                    secrets.add(login);
                }
            }
        } finally {
            if (aws != null) {
                aws.close();
            }
        }
        targetHost = host;
        RegistryApi api = new RegistryApi(host, login);
        String tag = prepared.tag();

        // Look before pushing anything: a conflict on any image must leave every tag untouched.
        Map<PreparedBuild.PlannedImage, String> existing = new LinkedHashMap<>();
        for (PreparedBuild.PlannedImage image : prepared.images()) {
            if (!image.baseImage().startsWith(Jib.TAR_IMAGE_PREFIX)) {
                // Before anything is sent: a remote target with a loopback base is refused here.
                PlainHttpPolicy.of(registry.isLoopback(),
                        Target.isLoopback(parseReference(image.baseImage(), "base image of " + image.name()).getRegistry()),
                        image.baseImage());
            }
        }
        for (PreparedBuild.PlannedImage image : prepared.images()) {
            checkBaseExists(image, registry, login);
            api.manifestDigest(registry.repository(image.name()), tag).ifPresent(d -> existing.put(image, d));
        }
        Map<String, String> rebuiltDigests = new LinkedHashMap<>();
        for (Map.Entry<PreparedBuild.PlannedImage, String> e : existing.entrySet()) {
            String digest = digestWithoutPushing(e.getKey(), registry, login, tag);
            if (TagVerdict.of(e.getValue(), digest) == TagVerdict.CONFLICT) {
                throw new MckException(MckException.Kind.OPERATION_FAILED, "tag " + host + "/"
                        + registry.repository(e.getKey().name()) + ":" + tag + " already exists with digest " + e.getValue()
                        + " but this build gives " + digest + "; tags are immutable, nothing was pushed"
                        + " (did a base image tag move? pin base images by digest)");
            }
            rebuiltDigests.put(e.getKey().name(), digest);
        }

        List<BuildResult.ImageResult> results = new ArrayList<>();
        for (PreparedBuild.PlannedImage image : prepared.images()) {
            String repository = host + "/" + registry.repository(image.name());
            String known = rebuiltDigests.get(image.name());
            if (known != null) {
                events.info(image.name() + ": " + repository + ":" + tag + " already has digest " + known + ", nothing pushed");
                results.add(new BuildResult.ImageResult(image.name(), repository, tag, known, repository + "@" + known,
                        "unchanged", 0, image.layers().size(), 0));
                continue;
            }
            long t0 = System.nanoTime();
            PushCounter counter = new PushCounter();
            RegistryImage to = registryImage(repository + ":" + tag, login);
            JibContainer container = containerize(image, Containerizer.to(to), registry.isLoopback(), counter, login);
            String digest = container.getDigest().toString();
            String config = container.getImageId().toString();
            BuildResult.ImageResult r = new BuildResult.ImageResult(image.name(), repository, tag, digest,
                    repository + "@" + digest, "pushed", counter.pushedLayers(config), counter.skippedLayers(config),
                    counter.bytesPushed());
            events.info(String.format("%s: pushed %s:%s (%s): %d layer(s) uploaded, %d already there, %s in %.1f s",
                    image.name(), repository, tag, digest, r.pushedLayers(), r.skippedLayers(),
                    human(r.bytesPushed()), (System.nanoTime() - t0) / 1e9));
            results.add(r);
        }
        return results;
    }

    /** Builds the image into a scratch tar only to learn its digest (the tag exists already). */
    private String digestWithoutPushing(PreparedBuild.PlannedImage image, Target.Registry registry, RegistryLogin login,
            String tag) {
        Path scratch = null;
        try {
            Files.createDirectories(request.cacheDir().resolve("tmp"));
            scratch = Files.createTempFile(request.cacheDir().resolve("tmp"), image.name(), ".tar");
            TarImage tar = TarImage.at(scratch).named(ImageReference.parse(registry.repository(image.name()) + ":" + tag));
            return containerize(image, Containerizer.to(tar), null, new PushCounter(), login)
                    .getDigest().toString();
        } catch (IOException | InvalidImageReferenceException e) {
            throw new MckException(MckException.Kind.OPERATION_FAILED, "cannot check " + image.name() + ": " + e.getMessage());
        } finally {
            deleteQuietly(scratch);
        }
    }

    private void checkBaseExists(PreparedBuild.PlannedImage image, Target.Registry target, RegistryLogin targetLogin) {
        String base = image.baseImage();
        if (base.startsWith(Jib.TAR_IMAGE_PREFIX)) {
            return; // checked when the tar is opened
        }
        ImageReference ref = parseReference(base, "base image of " + image.name());
        // Only registries we already speak to: a preflight must not send credentials anywhere new.
        if (!ref.getRegistry().equals(target.host()) && !Target.isLoopback(ref.getRegistry())) {
            return;
        }
        RegistryLogin login = ref.getRegistry().equals(target.host()) ? targetLogin : baseLogin(ref).orElse(null);
        Optional<String> digest = new RegistryApi(ref.getRegistry(), login)
                .manifestDigest(ref.getRepository(), ref.getQualifier());
        if (digest.isEmpty()) {
            throw new MckException(MckException.Kind.USAGE, "base image " + base + " of " + image.name() + " does not exist");
        }
    }

    // ---- tar target -----------------------------------------------------------------------

    private List<BuildResult.ImageResult> toTar(PreparedBuild prepared, Target.TarDirectory target) {
        List<BuildResult.ImageResult> results = new ArrayList<>();
        try {
            Files.createDirectories(target.dir());
        } catch (IOException e) {
            throw new MckException(MckException.Kind.USAGE, "cannot create output directory " + target.dir() + ": " + e.getMessage());
        }
        for (PreparedBuild.PlannedImage image : prepared.images()) {
            long t0 = System.nanoTime();
            Path file = target.dir().resolve(image.name() + "-" + prepared.tag() + ".tar");
            Path scratch = null;
            try {
                scratch = Files.createTempFile(target.dir(), "." + image.name(), ".tar.tmp");
                TarImage tar = TarImage.at(scratch).named(ImageReference.parse(image.name() + ":" + prepared.tag()));
                JibContainer c = containerize(image, Containerizer.to(tar), null, new PushCounter(), null);
                String digest = c.getDigest().toString();
                String status = TarPublication.publish(scratch, file) ? "written" : "unchanged";
                events.info(String.format("%s: %s %s (%s, %s) in %.1f s", image.name(), status, file, digest,
                        human(Files.size(file)), (System.nanoTime() - t0) / 1e9));
                results.add(new BuildResult.ImageResult(image.name(), file.toString(), prepared.tag(), digest,
                        image.name() + "@" + digest, status, 0, 0, 0));
            } catch (IOException | InvalidImageReferenceException e) {
                throw new MckException(MckException.Kind.OPERATION_FAILED, "cannot write " + file + ": " + e.getMessage());
            } finally {
                deleteQuietly(scratch);
            }
        }
        return results;
    }

    // ---- Jib --------------------------------------------------------------------------------

    /**
     * @param targetLoopback whether the push target is a loopback registry; null when Jib writes a tar
     */
    private JibContainer containerize(PreparedBuild.PlannedImage image, Containerizer containerizer, Boolean targetLoopback,
            PushCounter counter, RegistryLogin targetLogin) {
        String base = image.baseImage();
        boolean loopback;
        try {
            JibContainerBuilder builder;
            if (base.startsWith(Jib.TAR_IMAGE_PREFIX)) {
                Path tar = Path.of(base.substring(Jib.TAR_IMAGE_PREFIX.length()));
                BaseImageTar.check(tar, "base image " + base + " of " + image.name());
                builder = Jib.from(TarImage.at(tar));
                loopback = PlainHttpPolicy.of(targetLoopback, null, base).plainHttp();
            } else {
                ImageReference ref = parseReference(base, "base image of " + image.name());
                PlainHttpPolicy policy = PlainHttpPolicy.of(targetLoopback, Target.isLoopback(ref.getRegistry()), base);
                loopback = policy.plainHttp();
                Optional<RegistryLogin> login = ref.getRegistry().equals(targetHost) ? Optional.ofNullable(targetLogin) : baseLogin(ref);
                if (!policy.baseCredentials() && login.isPresent()) {
                    events.warn(image.name() + ": pulling " + base + " without the login found for " + ref.getRegistry()
                            + ": this build speaks plain HTTP to a loopback registry, so no remote registry gets credentials");
                    login = Optional.empty();
                }
                login.ifPresent(secrets::add);
                RegistryImage from = RegistryImage.named(ref);
                login.ifPresent(l -> from.addCredentialRetriever(() -> Optional.of(Credential.from(l.username(), l.password()))));
                builder = Jib.from(from);
            }
            builder.setFormat(ImageFormat.OCI).setCreationTime(Instant.EPOCH);
            for (LayerPlan.Layer layer : image.layers()) {
                FileEntriesLayer.Builder lb = FileEntriesLayer.builder().setName(layer.name());
                for (LayerPlan.Entry e : layer.entries()) {
                    lb.addEntry(e.source(), AbsoluteUnixPath.get(e.target()), FilePermissions.fromOctalString(e.mode()),
                            FILE_TIME, "0:0");
                }
                builder.addFileEntriesLayer(lb.build());
            }
            ImageLayout.ImageSpec spec = image.spec();
            if (spec.user() != null) {
                builder.setUser(spec.user());
            }
            if (spec.workdir() != null) {
                builder.setWorkingDirectory(AbsoluteUnixPath.get(spec.workdir()));
            }
            if (spec.entrypoint() != null) {
                builder.setEntrypoint(spec.entrypoint());
            }
            if (spec.cmd() != null) {
                builder.setProgramArguments(spec.cmd());
            }
            for (Integer port : spec.ports()) {
                builder.addExposedPort(Port.tcp(port));
            }
            spec.environment().forEach(builder::addEnvironmentVariable);

            Path cache = request.cacheDir().resolve("jib");
            containerizer.setBaseImageLayersCache(cache.resolve("base"))
                    .setApplicationLayersCache(cache.resolve("app"))
                    .setAllowInsecureRegistries(loopback)
                    .setToolName("magecloudkit")
                    .setToolVersion(Version.get())
                    .addEventHandler(ProgressEvent.class, counter::onProgress)
                    .addEventHandler(LogEvent.class, e -> {
                        counter.onLog(e);
                        // Jib tries TLS first and says so for every call to a plain-HTTP loopback registry: noise.
                        boolean tlsFallback = e.getMessage() != null && e.getMessage().contains("Attempting again with");
                        // Each retry is reported once more at the end if it did not help: the attempts are noise.
                        boolean retry = e.getMessage() != null && e.getMessage().contains("failed and will be retried");
                        String message = image.name() + ": " + Secrets.sanitize(plain(e.getMessage()), secrets);
                        if (!tlsFallback && !retry && (e.getLevel() == LogEvent.Level.ERROR || e.getLevel() == LogEvent.Level.WARN)) {
                            events.warn(message);
                        } else if (e.getLevel() != LogEvent.Level.PROGRESS && !isFileListing(e.getMessage())) {
                            events.debug(message);
                        }
                    });
            return withCredentialsOverHttp(loopback, () -> builder.containerize(containerizer));
        } catch (MckException e) {
            throw e;
        } catch (Exception e) {
            throw JibFailures.translate(e, image, targetLogin, secrets);
        }
    }

    private interface JibCall {
        JibContainer call() throws Exception;
    }

    /**
     * Jib refuses to send credentials over plain HTTP unless {@value #SEND_CREDENTIALS_OVER_HTTP} is
     * set. It is set only while talking to a loopback registry (the password never leaves this
     * machine), and restored afterwards; a remote registry is always spoken to over TLS.
     */
    private static synchronized JibContainer withCredentialsOverHttp(boolean loopback, JibCall call) throws Exception {
        if (!loopback) {
            return call.call();
        }
        String before = System.getProperty(SEND_CREDENTIALS_OVER_HTTP);
        System.setProperty(SEND_CREDENTIALS_OVER_HTTP, "true");
        try {
            return call.call();
        } finally {
            if (before == null) {
                System.clearProperty(SEND_CREDENTIALS_OVER_HTTP);
            } else {
                System.setProperty(SEND_CREDENTIALS_OVER_HTTP, before);
            }
        }
    }

    /** Jib colours some messages with ANSI escapes; a Jenkins log shows them as garbage. */
    static String plain(String message) {
        return message == null ? "" : message.replaceAll("\u001B\\[[0-9;]*m", "");
    }

    private static RegistryImage registryImage(String reference, RegistryLogin login) {
        RegistryImage image = RegistryImage.named(parseReference(reference, "target image"));
        if (login != null) {
            // In memory only: Jib needs no config file for credentials, so none is written.
            image.addCredentialRetriever(() -> Optional.of(Credential.from(login.username(), login.password())));
        }
        return image;
    }

    private Optional<RegistryLogin> baseLogin(ImageReference ref) {
        return RegistryCredentials.find(ref.getRegistry(), request.environment(),
                RegistryCredentials.dockerConfigFile(request.environment()));
    }

    private static ImageReference parseReference(String ref, String what) {
        try {
            ImageReference parsed = ImageReference.parse(ref);
            Target.checkPort(parsed.getRegistry(), what);
            return parsed;
        } catch (InvalidImageReferenceException e) {
            throw new MckException(MckException.Kind.USAGE, what + " is not an image reference: '" + ref + "'");
        }
    }

    /** Jib lists every file of every layer at debug level: 30,000 lines for a Magento tree say nothing. */
    private static boolean isFileListing(String message) {
        return message == null || message.startsWith("\t") || message.startsWith("Containerizing application with the following files");
    }

    private static void deleteQuietly(Path p) {
        if (p == null) {
            return;
        }
        try {
            Files.deleteIfExists(p);
        } catch (IOException ignored) {
            // A scratch file left in the cache directory is harmless.
        }
    }

    static String human(long bytes) {
        if (bytes < 1024) {
            return bytes + " B";
        }
        if (bytes < 1024 * 1024) {
            return String.format("%.1f KiB", bytes / 1024.0);
        }
        return String.format("%.1f MiB", bytes / (1024.0 * 1024));
    }

}
