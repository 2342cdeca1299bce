package io.magecloudkit.cli;

import io.magecloudkit.EventSink;
import io.magecloudkit.Messages;
import java.io.PrintWriter;

/**
 * Human progress on stderr, so stdout stays free for output a script may parse. Every line is
 * passed through {@link Messages#printable}: control characters escaped, URL credentials masked.
 */
final class ConsoleSink implements EventSink {
    private final PrintWriter err;
    private final boolean debug;

    ConsoleSink(PrintWriter err, boolean debug) {
        this.err = err;
        this.debug = debug;
    }

    @Override
    public synchronized void event(Level level, String message) {
        String prefix = switch (level) {
            case DEBUG -> debug ? "debug: " : null;
            case INFO -> "";
            case WARN -> "warning: ";
        };
        if (prefix == null) {
            return;
        }
        // Each line escaped on its own: a message may span lines, a value inside it may not.
        for (String line : String.valueOf(message).split("\n", -1)) {
            err.println(prefix + Messages.printable(line));
        }
        err.flush();
    }
}
