package io.magecloudkit.aws;

import io.magecloudkit.MckException;

/** AWS could not be reached or refused the caller: credentials, permissions, region, endpoint. */
public final class AwsAccessException extends MckException {
    private static final long serialVersionUID = 1L;

    public AwsAccessException(String message) {
        super(Kind.AWS_ACCESS, message);
    }

    public AwsAccessException(String message, Throwable cause) {
        super(Kind.AWS_ACCESS, message, cause);
    }
}
