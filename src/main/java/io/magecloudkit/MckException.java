package io.magecloudkit;

/**
 * An expected failure of the engine, with a message fit to show a user on one line.
 * The kind tells the CLI which exit code to use; the engine itself knows nothing of exit codes.
 */
public class MckException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /** What went wrong, in the terms a caller acts on. */
    public enum Kind {
        /** The operation ran and did not succeed (a deploy rolled back, a stack failed). */
        OPERATION_FAILED,
        /** The command line or the configuration is wrong; nothing was changed. */
        USAGE,
        /** AWS could not be reached or refused us: credentials, permissions, endpoint, region. */
        AWS_ACCESS,
        /** The command exists but its implementation has not landed yet. */
        NOT_IMPLEMENTED
    }

    private final Kind kind;

    public MckException(Kind kind, String message) {
        super(message);
        this.kind = kind;
    }

    public MckException(Kind kind, String message, Throwable cause) {
        super(message, cause);
        this.kind = kind;
    }

    public Kind kind() {
        return kind;
    }
}
