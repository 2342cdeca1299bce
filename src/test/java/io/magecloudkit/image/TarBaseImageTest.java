package io.magecloudkit.image;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.google.cloud.tools.jib.api.Containerizer;
import com.google.cloud.tools.jib.api.Jib;
import com.google.cloud.tools.jib.api.TarImage;
import com.google.cloud.tools.jib.api.buildplan.AbsoluteUnixPath;
import com.google.cloud.tools.jib.api.buildplan.FileEntriesLayer;
import io.magecloudkit.EventSink;
import io.magecloudkit.MckException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Fully offline: a base image from a `docker save`-style tar, the result an OCI tar. No registry. */
class TarBaseImageTest {
    @TempDir
    Path work;

    @Test
    void tarBase_toTarTarget_buildsOffline() throws Exception {
        Path marker = work.resolve("marker");
        Files.writeString(marker, "base");
        Path baseTar = work.resolve("base.tar");
        Jib.fromScratch()
                .addFileEntriesLayer(FileEntriesLayer.builder().addEntry(marker, AbsoluteUnixPath.get("/etc/marker"), Instant.EPOCH).build())
                .setCreationTime(Instant.EPOCH)
                .containerize(Containerizer.to(TarImage.at(baseTar).named("base/php:offline"))
                        .setBaseImageLayersCache(work.resolve("c/base")).setApplicationLayersCache(work.resolve("c/app")));
        Path source = MagentoFixture.small(work.resolve("shop"));
        BuildRequest request = new BuildRequest(source, List.of("php-fpm"), "abc", new Target.TarDirectory(work.resolve("out")),
                Map.of("php-fpm", "tar://" + baseTar), BuildRequest.BuilderKind.JIB, work.resolve("cache"),
                MagentoFixture.testLayout(), Map.of(), null);
        BuildResult r = new ImageBuilder().build(request, EventSink.NONE);
        Map<String, byte[]> tar = TarReader.read(Path.of(r.images().get(0).repository()));
        ObjectMapper json = new ObjectMapper();
        String digest = json.readTree(tar.get("index.json")).get("manifests").get(0).get("digest").asText();
        JsonNode manifest = json.readTree(tar.get("blobs/sha256/" + digest.substring(7)));
        assertEquals(5, manifest.get("layers").size(), "the base layer and the four planned layers");
        assertEquals(r.images().get(0).digest(), digest);

        BuildRequest missing = new BuildRequest(source, List.of("php-fpm"), "abc", new Target.TarDirectory(work.resolve("out")),
                Map.of("php-fpm", "tar://" + work.resolve("nope.tar")), BuildRequest.BuilderKind.JIB, work.resolve("cache"),
                MagentoFixture.testLayout(), Map.of(), null);
        MckException e = assertThrows(MckException.class, () -> new ImageBuilder().build(missing, EventSink.NONE));
        assertEquals(MckException.Kind.USAGE, e.kind());
        assertTrue(e.getMessage().contains("nope.tar"), e.getMessage());
    }

    /** Writes a tar of (name, content) pairs; content "->target" makes a symbolic link, "/" a folder. */
    static Path tar(Path file, String... namesAndContents) throws Exception {
        try (var out = new org.apache.commons.compress.archivers.tar.TarArchiveOutputStream(Files.newOutputStream(file))) {
            out.setLongFileMode(org.apache.commons.compress.archivers.tar.TarArchiveOutputStream.LONGFILE_POSIX);
            for (int i = 0; i < namesAndContents.length; i += 2) {
                String name = namesAndContents[i];
                String content = namesAndContents[i + 1];
                org.apache.commons.compress.archivers.tar.TarArchiveEntry e;
                if (content.startsWith("->")) {
                    e = new org.apache.commons.compress.archivers.tar.TarArchiveEntry(name,
                            org.apache.commons.compress.archivers.tar.TarConstants.LF_SYMLINK);
                    e.setLinkName(content.substring(2));
                    out.putArchiveEntry(e);
                } else {
                    byte[] bytes = content.getBytes(java.nio.charset.StandardCharsets.UTF_8);
                    e = new org.apache.commons.compress.archivers.tar.TarArchiveEntry(name);
                    e.setSize(bytes.length);
                    out.putArchiveEntry(e);
                    out.write(bytes);
                }
                out.closeArchiveEntry();
            }
        }
        return file;
    }

    static final String CONFIG = "{\"architecture\":\"amd64\",\"os\":\"linux\",\"config\":{},\"rootfs\":{\"type\":\"layers\",\"diff_ids\":[]}}";

    @org.junit.jupiter.params.ParameterizedTest(name = "{0}")
    @org.junit.jupiter.params.provider.CsvSource(delimiter = '|', textBlock = """
            layer outside the archive  | names layer '../../../../etc/passwd', which is outside the archive
            config outside the archive | names Config '/etc/passwd', which is outside the archive
            layer is a link out        | names layer 'l/layer.tar', which is not a regular file in the archive
            entry outside the archive  | holds the entry '../evil' that points outside the archive
            missing layer              | names layer 'gone/layer.tar', which is not in the archive
            no manifest                | has no manifest.json
            manifest not JSON          | has a manifest.json that is not valid JSON
            manifest of the wrong shape| has a manifest.json of the wrong shape
            layers not names           | has a manifest.json whose layer is not a file name
            corrupt tar                | is not a readable tar archive
            short garbage              | is not a readable tar archive
            a directory                | is a directory, not a tar file
            """)
    void hostileOrBrokenBaseTar_isAUsageError_inOneLine_andNothingIsWritten(String kind, String expected) throws Exception {
        Path t = work.resolve(kind.replace(' ', '-') + ".tar");
        switch (kind.strip()) {
            case "layer outside the archive" -> tar(t, "config.json", CONFIG,
                    "manifest.json", "[{\"Config\":\"config.json\",\"Layers\":[\"../../../../etc/passwd\"]}]");
            case "config outside the archive" -> tar(t, "manifest.json", "[{\"Config\":\"/etc/passwd\",\"Layers\":[]}]");
            case "layer is a link out" -> tar(t, "config.json", CONFIG, "l/layer.tar", "->/etc/passwd",
                    "manifest.json", "[{\"Config\":\"config.json\",\"Layers\":[\"l/layer.tar\"]}]");
            case "entry outside the archive" -> tar(t, "../evil", "x", "manifest.json", "[]");
            case "missing layer" -> tar(t, "config.json", CONFIG,
                    "manifest.json", "[{\"Config\":\"config.json\",\"Layers\":[\"gone/layer.tar\"]}]");
            case "no manifest" -> tar(t, "config.json", CONFIG);
            case "manifest not JSON" -> tar(t, "manifest.json", "{not json");
            case "manifest of the wrong shape" -> tar(t, "manifest.json", "{\"Config\":\"config.json\"}");
            case "layers not names" -> tar(t, "config.json", CONFIG, "manifest.json", "[{\"Config\":\"config.json\",\"Layers\":[7]}]");
            case "corrupt tar" -> {
                byte[] garbage = new byte[4096];
                new java.util.Random(3).nextBytes(garbage);
                Files.write(t, garbage);
            }
            case "short garbage" -> Files.write(t, new byte[] {'n', 'o', 't', ' ', 'a', ' ', 't', 'a', 'r', 1, 2, 3});
            case "a directory" -> Files.createDirectories(t);
            default -> throw new IllegalArgumentException(kind);
        }
        Path source = MagentoFixture.small(work.resolve("shop"));
        Path out = work.resolve("out-" + kind.strip().replace(' ', '-'));
        BuildRequest request = new BuildRequest(source, List.of("php-fpm"), "abc", new Target.TarDirectory(out),
                Map.of("php-fpm", "tar://" + t), BuildRequest.BuilderKind.JIB, work.resolve("cache"),
                MagentoFixture.testLayout(), Map.of(), null);
        MckException e = assertThrows(MckException.class, () -> new ImageBuilder().build(request, EventSink.NONE));
        assertEquals(MckException.Kind.USAGE, e.kind(), e.getMessage());
        assertTrue(e.getMessage().startsWith("base image tar://" + t + " of php-fpm "), e.getMessage());
        assertTrue(e.getMessage().contains(expected.strip()), e.getMessage());
        assertEquals(1, e.getMessage().lines().count(), e.getMessage());
        for (String internal : List.of("Corrupted TAR", "Exception", "jackson", "Jackson", "com.")) {
            assertTrue(!e.getMessage().contains(internal), e.getMessage());
        }
        try (var listing = Files.list(out)) {
            assertEquals(List.of(), listing.filter(p -> p.toString().endsWith(".tar")).toList(), "no image written");
        } catch (java.nio.file.NoSuchFileException none) {
            // nothing written at all
        }
    }
}
