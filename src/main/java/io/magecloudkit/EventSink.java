package io.magecloudkit;

/**
 * Where a façade reports progress. The CLI prints it to stderr; tests collect it.
 * Implementations must be thread-safe: long steps report from worker threads.
 */
@FunctionalInterface
public interface EventSink {

    enum Level { DEBUG, INFO, WARN }

    void event(Level level, String message);

    default void info(String message) {
        event(Level.INFO, message);
    }

    default void warn(String message) {
        event(Level.WARN, message);
    }

    default void debug(String message) {
        event(Level.DEBUG, message);
    }

    /** A sink that drops everything. */
    EventSink NONE = (level, message) -> { };
}
