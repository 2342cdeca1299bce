package io.magecloudkit;

import java.io.IOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * Replaces a regular file so that a reader sees the old content or the new, never half of it: the
 * bytes go to a uniquely named temp file in the same directory (same file system, so the rename
 * is atomic) and are renamed over the target.
 */
public final class AtomicFile {
    private AtomicFile() {
    }

    /** The target's directory must exist; the caller decides whether renaming over the target is right. */
    public static void replace(Path target, byte[] content) throws IOException {
        Path tmp = Files.createTempFile(target.toAbsolutePath().getParent(), "." + target.getFileName(), ".tmp");
        try {
            Files.write(tmp, content);
            try {
                Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING);
            }
        } finally {
            Files.deleteIfExists(tmp);
        }
    }
}
