package io.magecloudkit.image;

import io.magecloudkit.MckException;

/**
 * Whether one Jib build may speak plain HTTP, and to whom credentials go then. Jib's switches
 * (insecure registries, {@code sendCredentialsOverHttp}) hold for every registry of a build, and
 * with them Jib falls back to HTTP when TLS fails, so they are on only when a loopback registry
 * needs them, and then no remote registry gets credentials: a remote base is pulled anonymously,
 * a remote target is refused. Pure.
 *
 * @param plainHttp       turn Jib's HTTP switches on for this build
 * @param baseCredentials whether the base image's registry may get its login
 */
record PlainHttpPolicy(boolean plainHttp, boolean baseCredentials) {

    /**
     * @param targetLoopback whether the push target is a loopback registry; null when the target is a tar
     * @param baseLoopback   whether the base image's registry is loopback; null when the base is a tar
     * @param base           the base image reference, for the message
     * @throws MckException USAGE for a remote target with a loopback base
     */
    static PlainHttpPolicy of(Boolean targetLoopback, Boolean baseLoopback, String base) {
        boolean plain = Boolean.TRUE.equals(targetLoopback) || Boolean.TRUE.equals(baseLoopback);
        if (plain && Boolean.FALSE.equals(targetLoopback)) {
            throw new MckException(MckException.Kind.USAGE, "base image " + base + " is on a plain-HTTP loopback registry but the"
                    + " target is remote: one build cannot speak HTTP to one and keep the other's credentials on TLS;"
                    + " push the base to the target registry (or another TLS registry) and name it there");
        }
        return new PlainHttpPolicy(plain, !plain || !Boolean.FALSE.equals(baseLoopback));
    }
}
