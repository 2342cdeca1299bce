package io.magecloudkit.image;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.magecloudkit.MckException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Two builds on one agent share the default cache directory: neither may damage what the other uses. */
class SharedCacheTest {
    @TempDir
    Path cache;

    @Test
    void extractingTheLayoutFiles_whileAnotherBuildReadsThem_neverShowsHalfAFile() throws Exception {
        String from = "nginx/nginx.conf";
        byte[] expected;
        try (InputStream in = LayoutSource.class.getResourceAsStream("/io/magecloudkit/" + from)) {
            expected = in.readAllBytes();
        }
        Path extractDir = cache.resolve("resources");
        Path file = LayoutSource.classpath(extractDir).file(from);
        AtomicBoolean done = new AtomicBoolean();
        List<String> torn = new CopyOnWriteArrayList<>();
        CountDownLatch started = new CountDownLatch(2);
        Runnable extractor = () -> {
            LayoutSource mine = LayoutSource.classpath(extractDir);
            started.countDown();
            for (int i = 0; i < 3000 && torn.isEmpty(); i++) {
                mine.file(from);
            }
        };
        Thread reader = new Thread(() -> {
            while (!done.get() && torn.isEmpty()) {
                try {
                    byte[] seen = Files.readAllBytes(file);
                    if (seen.length != expected.length) {
                        torn.add(seen.length + " of " + expected.length + " bytes");
                    }
                } catch (java.io.IOException e) {
                    torn.add(e.toString());
                }
            }
        });
        Thread a = new Thread(extractor);
        Thread b = new Thread(extractor);
        reader.start();
        a.start();
        b.start();
        a.join();
        b.join();
        done.set(true);
        reader.join();
        assertEquals(List.of(), torn, "a reader saw a partly written file");
        assertArrayEquals(expected, Files.readAllBytes(file));
        try (var left = Files.list(file.getParent())) {
            assertEquals(List.of(file.getFileName().toString()), left.map(p -> p.getFileName().toString())
                    .filter(n -> n.startsWith(".") || n.equals("nginx.conf")).toList(), "no temp file is left behind");
        }
    }

    @Test
    void cliBuilders_eachRunHasItsOwnWorkDirectory_andPreparingOneLeavesTheOtherAlone() throws Exception {
        Path first = CliBuild.newWorkDir(cache);
        Path second = CliBuild.newWorkDir(cache);
        assertNotEquals(first, second);
        assertTrue(first.startsWith(cache) && second.startsWith(cache));
        CliBuildPlan.Paths mine = CliBuildPlan.Paths.in(first, "nginx");
        CliBuild.prepareBaseContext("nginx", mine);
        List<Path> before;
        try (var walk = Files.walk(first)) {
            before = walk.sorted().toList();
        }
        CliBuild.prepareBaseContext("nginx", CliBuildPlan.Paths.in(second, "nginx"));
        try (var walk = Files.walk(first)) {
            assertEquals(before, walk.sorted().toList(), "the other run's context is untouched");
        }
        assertTrue(Files.isRegularFile(mine.baseDockerfile()));
    }

    @Test
    void twoBuildsPublishingTheSameTar_oneWrites_theOtherFindsItUnchanged_otherContentIsAConflict() throws Exception {
        Path out = cache.resolve("images/nginx-t.tar");
        Files.createDirectories(out.getParent());
        Path a = Files.writeString(cache.resolve("a.tmp"), "image bytes");
        Path b = Files.writeString(cache.resolve("b.tmp"), "image bytes");
        Path c = Files.writeString(cache.resolve("c.tmp"), "other bytes");
        assertTrue(TarPublication.publish(a, out));
        assertEquals(false, TarPublication.publish(b, out));
        MckException e = assertThrows(MckException.class, () -> TarPublication.publish(c, out));
        assertTrue(e.getMessage().contains("already exists with other content"), e.getMessage());
        assertEquals("image bytes", Files.readString(out));
    }

    @Test
    void twoConcurrentBuilds_sharingCacheAndOutput_bothSucceed_withTheSameImage() throws Exception {
        Path marker = Files.writeString(cache.resolve("marker"), "base");
        Path baseTar = cache.resolve("base.tar");
        com.google.cloud.tools.jib.api.Jib.fromScratch()
                .addFileEntriesLayer(com.google.cloud.tools.jib.api.buildplan.FileEntriesLayer.builder()
                        .addEntry(marker, com.google.cloud.tools.jib.api.buildplan.AbsoluteUnixPath.get("/etc/marker"),
                                java.time.Instant.EPOCH).build())
                .setCreationTime(java.time.Instant.EPOCH)
                .containerize(com.google.cloud.tools.jib.api.Containerizer.to(
                        com.google.cloud.tools.jib.api.TarImage.at(baseTar).named("base/nginx:offline"))
                        .setBaseImageLayersCache(cache.resolve("seed/base")).setApplicationLayersCache(cache.resolve("seed/app")));
        Path source = MagentoFixture.small(cache.resolve("shop"));
        Path shared = cache.resolve("shared-cache");
        Path out = cache.resolve("out");
        java.util.concurrent.Callable<BuildResult> build = () -> new ImageBuilder().build(new BuildRequest(source, List.of("nginx"),
                "abc", new Target.TarDirectory(out), java.util.Map.of("nginx", "tar://" + baseTar), BuildRequest.BuilderKind.JIB,
                shared, LayoutSource.classpath(shared.resolve("resources")), java.util.Map.of(), null), io.magecloudkit.EventSink.NONE);
        var pool = java.util.concurrent.Executors.newFixedThreadPool(2);
        try {
            var first = pool.submit(build);
            var second = pool.submit(build);
            BuildResult a = first.get();
            BuildResult b = second.get();
            assertEquals(a.images().get(0).digest(), b.images().get(0).digest());
            assertEquals(List.of("unchanged", "written"), java.util.stream.Stream.of(a, b)
                    .map(r -> r.images().get(0).status()).sorted().toList(), "one writes, the other finds it there");
        } finally {
            pool.shutdownNow();
        }
        try (var left = Files.list(out)) {
            assertEquals(List.of("nginx-" + "abc"), left.map(p -> p.getFileName().toString())
                    .map(n -> n.substring(0, n.indexOf('-', 6))).toList(), "one tar, no temp file left");
        }
    }
}
