package io.magecloudkit.image;

import com.google.cloud.tools.jib.api.RegistryUnauthorizedException;
import io.magecloudkit.MckException;
import io.magecloudkit.Messages;
import java.util.List;
import java.util.concurrent.ExecutionException;

/**
 * What a failed Jib build means to the user, in one line and by exit code: a refused login or an
 * unreachable registry is an access error (3), a missing base image a usage error (2), anything
 * else a failed operation (1). Every message is scrubbed of this run's credentials.
 */
final class JibFailures {
    private JibFailures() {
    }

    static MckException translate(Exception e, PreparedBuild.PlannedImage image, RegistryLogin targetLogin,
            List<RegistryLogin> secrets) {
        Throwable cause = e;
        while ((cause instanceof ExecutionException || cause.getClass() == RuntimeException.class) && cause.getCause() != null) {
            cause = cause.getCause();
        }
        if (cause instanceof RegistryUnauthorizedException u) {
            String who = targetLogin == null ? "anonymous access" : "the credentials for user " + targetLogin.username();
            return new RegistryAccessException(Secrets.sanitize("registry refused " + who + " for " + u.getImageReference()
                    + " while building " + image.name(), secrets));
        }
        for (Throwable t = cause; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof java.net.UnknownHostException || t instanceof java.net.ConnectException
                    || t instanceof java.net.SocketTimeoutException || t instanceof java.net.NoRouteToHostException) {
                return new RegistryAccessException(Secrets.sanitize("cannot reach the registry while building "
                        + image.name() + " on " + image.baseImage() + ": " + t.getClass().getSimpleName() + ": "
                        + Messages.firstLine(t.getMessage()) + " (a base image from a registry this agent cannot reach can be "
                        + "pushed to your own registry and named with --base-image or images.base)", secrets));
            }
        }
        String message = cause.getMessage() == null ? cause.getClass().getSimpleName() : cause.getMessage();
        String lower = message.toLowerCase(java.util.Locale.ROOT);
        if (lower.contains("manifest_unknown") || lower.contains("manifest unknown") || lower.contains("name_unknown")) {
            return new MckException(MckException.Kind.USAGE, "base image " + image.baseImage() + " of " + image.name()
                    + " does not exist (" + Secrets.sanitize(Messages.firstLine(message), secrets) + ")");
        }
        return new MckException(MckException.Kind.OPERATION_FAILED, "building " + image.name() + " failed: "
                + cause.getClass().getSimpleName() + ": " + Secrets.sanitize(Messages.firstLine(message), secrets));
    }
}
