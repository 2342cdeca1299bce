package io.magecloudkit.image;

import com.google.cloud.tools.jib.api.Containerizer;
import com.google.cloud.tools.jib.api.Jib;
import com.google.cloud.tools.jib.api.RegistryImage;
import com.google.cloud.tools.jib.api.buildplan.AbsoluteUnixPath;
import com.google.cloud.tools.jib.api.buildplan.FileEntriesLayer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;

/** Pushes tiny stand-in base images (no internet here): one layer with a marker file. */
public final class BaseImageSeeder {
    private BaseImageSeeder() {
    }

    public static String seed(DockerRegistryServer registry, String user, String password, String repoAndTag, String marker,
            Path work) throws Exception {
        Path file = Files.createTempFile(work, "base", ".txt");
        Files.writeString(file, marker, StandardCharsets.UTF_8);
        String ref = registry.host() + "/" + repoAndTag;
        String before = System.getProperty("sendCredentialsOverHttp");
        System.setProperty("sendCredentialsOverHttp", "true");
        try {
            Jib.fromScratch()
                    .addFileEntriesLayer(FileEntriesLayer.builder()
                            .addEntry(file, AbsoluteUnixPath.get("/etc/base-marker"), Instant.EPOCH.plusSeconds(1)).build())
                    .setEntrypoint("/bin/sh")
                    .setCreationTime(Instant.EPOCH)
                    .containerize(Containerizer.to(RegistryImage.named(ref).addCredential(user, password))
                            .setAllowInsecureRegistries(true)
                            .setBaseImageLayersCache(work.resolve("seed-cache/base"))
                            .setApplicationLayersCache(work.resolve("seed-cache/app")));
        } finally {
            if (before == null) {
                System.clearProperty("sendCredentialsOverHttp");
            } else {
                System.setProperty("sendCredentialsOverHttp", before);
            }
        }
        return ref;
    }
}
