package io.magecloudkit.image;

import io.magecloudkit.MckException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/** An image tar of the tar target, put in place under its immutable {@code <image>-<tag>.tar} name. */
final class TarPublication {
    private TarPublication() {
    }

    /**
     * Puts a finished tar in place under its immutable name. A hard link fails when the name exists,
     * and does so atomically, so of two concurrent builds of one tag exactly one writes and the other
     * compares (a rename would silently replace the first).
     *
     * @return true when written, false when the same content was there already
     */
    static boolean publish(Path scratch, Path file) throws IOException {
        try {
            Files.createLink(file, scratch);
            return true;
        } catch (java.nio.file.FileAlreadyExistsException exists) {
            return sameOrConflict(scratch, file);
        } catch (UnsupportedOperationException noLinks) {
            if (Files.exists(file)) {
                return sameOrConflict(scratch, file);
            }
            Files.move(scratch, file, StandardCopyOption.ATOMIC_MOVE);
            return true;
        }
    }

    private static boolean sameOrConflict(Path scratch, Path file) throws IOException {
        if (Files.mismatch(file, scratch) != -1) {
            throw new MckException(MckException.Kind.OPERATION_FAILED, file + " already exists with other content;"
                    + " tags are immutable, it was left as it is");
        }
        return false;
    }
}
