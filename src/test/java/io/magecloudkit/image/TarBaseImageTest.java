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
}
