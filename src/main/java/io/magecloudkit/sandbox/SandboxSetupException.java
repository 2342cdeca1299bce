package io.magecloudkit.sandbox;

/**
 * The sandbox cannot start with what it was given: a faults file, a state directory it cannot
 * write, or saved state it cannot read. Nothing was started and nothing was changed; the
 * message is one line naming the file and the problem.
 */
public final class SandboxSetupException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public SandboxSetupException(String message, Throwable cause) {
        super(message, cause);
    }
}
