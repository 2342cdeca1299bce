package io.magecloudkit.cli;

import io.magecloudkit.Messages;
import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * Words an unexpected exception for the one line users see: its own message when it has one
 * (a Java class name tells a user nothing), the class name only when there is nothing else.
 */
final class InternalErrors {
    private InternalErrors() {
    }

    static String describe(Throwable e) {
        Throwable t = e instanceof UncheckedIOException u && u.getCause() != null ? u.getCause() : e;
        if (t instanceof IOException io) {
            String reason = Messages.ioReason(io);
            String file = io instanceof java.nio.file.FileSystemException fs ? fs.getFile() : null;
            return file == null || reason.contains(file) ? reason : file + ": " + reason;
        }
        String message = Messages.firstLine(t.getMessage()).strip();
        return message.isEmpty() ? t.getClass().getSimpleName() : message;
    }
}
