package io.magecloudkit.image;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.magecloudkit.MckException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ImageTagTest {
    @TempDir
    Path dir;

    @Test
    void of_shortensTheCommit_andAppendsTwelveHexOfTheDigest() {
        assertEquals("0123456789ab-abcdef012345", ImageTag.of("0123456789abcdef0123456789abcdef01234567", "abcdef0123456789"));
        assertEquals("v1.2-abcdef012345", ImageTag.of("v1.2", "abcdef0123456789"));
        assertEquals(MckException.Kind.USAGE, assertThrows(MckException.class, () -> ImageTag.of("bad commit", "ab".repeat(32))).kind());
    }

    List<ImageTag.ImageInput> inputs(String base, String content, String mode) throws Exception {
        Path f = dir.resolve("f.php");
        Files.writeString(f, content);
        ImageLayout.ImageSpec spec = new ImageLayout.ImageSpec(base, List.of(), List.of("*"), null, null, null, null, null, Map.of());
        return List.of(new ImageTag.ImageInput("php-fpm", base, spec,
                List.of(new LayerPlan.Layer("app-code", List.of(new LayerPlan.Entry(f, "/app/f.php", mode))))));
    }

    @Test
    void contentDigest_dependsOnBytesModeAndBase_notOnFileTimes() throws Exception {
        String d = ImageTag.contentDigest(inputs("base:1", "<?php 1", "644"));
        assertTrue(d.matches("[0-9a-f]{64}"));
        Files.setLastModifiedTime(dir.resolve("f.php"), java.nio.file.attribute.FileTime.fromMillis(0));
        assertEquals(d, ImageTag.contentDigest(inputs("base:1", "<?php 1", "644")));
        assertNotEquals(d, ImageTag.contentDigest(inputs("base:1", "<?php 2", "644")));
        assertNotEquals(d, ImageTag.contentDigest(inputs("base:1", "<?php 1", "755")));
        assertNotEquals(d, ImageTag.contentDigest(inputs("base:2", "<?php 1", "644")));
    }
}
