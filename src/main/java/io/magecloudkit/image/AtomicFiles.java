package io.magecloudkit.image;

import io.magecloudkit.AtomicFile;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * Writes into a directory that concurrent builds share (the cache): a reader sees the old file or
 * the new one, never half of one ({@link AtomicFile}); a target that already holds the content is
 * left alone.
 */
final class AtomicFiles {
    private AtomicFiles() {
    }

    static void write(Path target, byte[] content) throws IOException {
        Path dir = target.toAbsolutePath().getParent();
        Files.createDirectories(dir);
        if (Files.isRegularFile(target) && Files.size(target) == content.length
                && Arrays.equals(Files.readAllBytes(target), content)) {
            return;
        }
        AtomicFile.replace(target, content);
    }
}
