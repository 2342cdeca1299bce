package io.magecloudkit.image;

import io.magecloudkit.MckException;

/** A registry refused the credentials (401/403): exit 3, like AWS refusing us. */
public final class RegistryAccessException extends MckException {
    private static final long serialVersionUID = 1L;

    public RegistryAccessException(String message) {
        super(Kind.AWS_ACCESS, message);
    }
}
