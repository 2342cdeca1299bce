package io.magecloudkit.demo;

import com.google.cloud.tools.jib.api.Containerizer;
import com.google.cloud.tools.jib.api.Jib;
import com.google.cloud.tools.jib.api.TarImage;
import com.google.cloud.tools.jib.api.buildplan.AbsoluteUnixPath;
import com.google.cloud.tools.jib.api.buildplan.FileEntriesLayer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The base images of the demo's builds, written here rather than pulled: a registry on the
 * internet is exactly what the demo must not need. Each is one small layer (a file saying what
 * it stands in for) in a tar as {@code docker save} writes it, which {@code mck build-images}
 * takes as {@code --base-image NAME=tar:///path}. The sandbox runs no image, so nothing needs a
 * real nginx or PHP inside.
 */
public final class BaseImageTars {
    private BaseImageTars() {
    }

    /** Writes one base tar per image into {@code dir}; returns image name → {@code tar://} reference. */
    public static Map<String, String> write(Path dir, List<String> images) throws Exception {
        Files.createDirectories(dir);
        Map<String, String> refs = new LinkedHashMap<>();
        for (String image : images) {
            Path tar = dir.resolve(image + "-base.tar");
            if (!Files.exists(tar)) {
                Path note = Files.createTempFile(dir, image, ".txt");
                Files.writeString(note, "Stand-in base image for " + image + ", written by mck demo (no registry needed).\n",
                        StandardCharsets.UTF_8);
                Jib.fromScratch()
                        .addFileEntriesLayer(FileEntriesLayer.builder().setName("stand-in")
                                .addEntry(note, AbsoluteUnixPath.get("/etc/magecloudkit-demo-base")).build())
                        .setCreationTime(Instant.EPOCH)
                        .containerize(Containerizer.to(TarImage.at(tar).named("mck-demo/" + image + "-base:1")));
                Files.delete(note);
            }
            refs.put(image, "tar://" + tar.toAbsolutePath());
        }
        return refs;
    }
}
