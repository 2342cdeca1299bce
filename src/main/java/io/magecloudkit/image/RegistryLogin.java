package io.magecloudkit.image;

import java.util.Objects;

/**
 * A username and password (or an ECR token) for one registry. Held only in memory: never
 * written to a file, never printed ({@link #toString()} hides the password).
 */
public record RegistryLogin(String username, String password, String source) {
    public RegistryLogin {
        Objects.requireNonNull(username, "username");
        Objects.requireNonNull(password, "password");
    }

    @Override
    public String toString() {
        return "RegistryLogin[username=" + username + ", password=****, source=" + source + "]";
    }
}
