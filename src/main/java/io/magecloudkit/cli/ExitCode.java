package io.magecloudkit.cli;

import io.magecloudkit.MckException;

/** The exit codes every mck command uses; the Jenkins steps branch on them. */
public final class ExitCode {
    /** The command did what it was asked. */
    public static final int OK = 0;
    /** The operation ran and failed (e.g. a deploy was rolled back). */
    public static final int FAILED = 1;
    /** Bad command line or configuration; nothing was changed. */
    public static final int USAGE = 2;
    /** AWS could not be reached or refused us: credentials, permissions, region, endpoint. */
    public static final int AWS_ACCESS = 3;

    private ExitCode() {
    }

    public static int of(MckException.Kind kind) {
        return switch (kind) {
            case OPERATION_FAILED, NOT_IMPLEMENTED -> FAILED;
            case USAGE -> USAGE;
            case AWS_ACCESS -> AWS_ACCESS;
        };
    }
}
