package io.magecloudkit.cli;

import io.magecloudkit.EventSink;
import java.io.PrintWriter;

/** Human progress on stderr, so stdout stays free for output a script may parse. */
final class ConsoleSink implements EventSink {
    private final PrintWriter err;
    private final boolean debug;

    ConsoleSink(PrintWriter err, boolean debug) {
        this.err = err;
        this.debug = debug;
    }

    @Override
    public synchronized void event(Level level, String message) {
        switch (level) {
            case DEBUG -> {
                if (debug) {
                    err.println("debug: " + message);
                }
            }
            case INFO -> err.println(message);
            case WARN -> err.println("warning: " + message);
        }
        err.flush();
    }
}
