package io.magecloudkit.image;

import io.magecloudkit.EventSink;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Not a test (surefire runs *Test only): run by bench/image-build.sh. Generates a Magento-sized
 * tree, then times a cold build, a no-change rebuild and a one-PHP-file change, pushing to a local
 * docker-registry. Bytes are measured twice: Jib's push events, and the growth of the
 * registry's blob storage on disk (what really arrived).
 */
public final class ImageBuildBenchmark {
    private ImageBuildBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int files = args.length > 0 ? Integer.parseInt(args[0]) : 30_000;
        Path work = Files.createTempDirectory("mck-image-bench");
        try {
            run(work, files);
        } finally {
            deleteTree(work);
        }
    }

    static void run(Path work, int files) throws Exception {
        int vendor = files * 80 / 100;
        int generated = files * 8 / 100;
        int statics = files * 10 / 100;
        int app = files - vendor - generated - statics;
        long t = System.nanoTime();
        Path source = MagentoFixture.create(work.resolve("magento"), vendor, generated, statics, app, 4000);
        List<SourceFile> scanned = MagentoTree.scan(source);
        long bytes = 0;
        for (SourceFile f : scanned) {
            bytes += Files.size(source.resolve(f.path()));
        }
        System.out.printf("fixture: %d files in the image tree (vendor %d, generated %d, pub/static %d, app %d), %.1f MiB, made in %.1f s%n",
                scanned.size(), vendor, generated, statics, app, bytes / 1048576.0, (System.nanoTime() - t) / 1e9);
        try (DockerRegistryServer registry = DockerRegistryServer.start(work.resolve("registry"), "bench", "bench-pw")) {
            Map<String, String> bases = Map.of(
                    "nginx", BaseImageSeeder.seed(registry, "bench", "bench-pw", "base/nginx:b", "nginx", work),
                    "php-fpm", BaseImageSeeder.seed(registry, "bench", "bench-pw", "base/php:b", "php", work),
                    "blackfire", BaseImageSeeder.seed(registry, "bench", "bench-pw", "base/bf:b", "bf", work));
            Path blobs = work.resolve("registry/storage/docker/registry/v2/blobs");
            BuildRequest request = new BuildRequest(source, List.of(), "0123456789abcdef",
                    Target.Registry.parse(registry.host() + "/bench", Target.RegistryType.OCI), bases, BuildRequest.BuilderKind.JIB,
                    work.resolve("cache"), MagentoFixture.testLayout(),
                    Map.of(RegistryCredentials.USERNAME_ENV, "bench", RegistryCredentials.PASSWORD_ENV, "bench-pw"), null);
            System.out.println("run                 seconds  bytes pushed (Jib events)  blob storage growth  layers pushed (blackfire/nginx/php-fpm)  php-fpm digest");
            measure("cold build", request, blobs);
            measure("no-change rebuild", request, blobs);
            Files.writeString(source.resolve(MagentoFixture.APP_PHP), "\n// one change\n", StandardOpenOption.APPEND);
            measure("one-file change", request, blobs);
        }
    }

    private static void measure(String name, BuildRequest request, Path blobs) throws IOException {
        long before = size(blobs);
        long t = System.nanoTime();
        BuildResult r = new ImageBuilder().build(request, EventSink.NONE);
        double seconds = (System.nanoTime() - t) / 1e9;
        long grown = size(blobs) - before;
        long pushed = r.images().stream().mapToLong(BuildResult.ImageResult::bytesPushed).sum();
        String layers = r.images().stream().map(i -> String.valueOf(i.pushedLayers())).reduce((a, b) -> a + "/" + b).orElse("");
        String php = r.images().stream().filter(i -> i.name().equals("php-fpm")).map(BuildResult.ImageResult::digest).findFirst().orElse("");
        System.out.printf("%-19s %7.1f  %25s  %19s  %39s  %s%n", name, seconds, JibBuild.human(pushed), JibBuild.human(grown),
                layers, php.substring(0, Math.min(19, php.length())));
    }

    private static long size(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return 0;
        }
        try (Stream<Path> s = Files.walk(dir)) {
            return s.filter(Files::isRegularFile).mapToLong(p -> p.toFile().length()).sum();
        }
    }

    private static void deleteTree(Path dir) throws IOException {
        try (Stream<Path> s = Files.walk(dir)) {
            for (Path p : s.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }
}
