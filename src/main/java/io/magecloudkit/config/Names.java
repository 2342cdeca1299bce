package io.magecloudkit.config;

import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The names that become parts of AWS resource names (project, environments, apps, clusters,
 * containers): lower-case letters, digits and '-', starting with a letter and not ending with
 * '-' (load balancer and target group names may not, and "acme-" + "-" + "shop" reads badly).
 * Pure.
 */
final class Names {
    private static final Pattern CHARACTERS = Pattern.compile("[a-z][a-z0-9-]*");

    private Names() {
    }

    /**
     * @param what "app name", "project", ...
     * @return why {@code name} is not usable, or empty when it is
     */
    static Optional<String> problem(String what, String name, int min, int max) {
        String rule = min + "-" + max + " lower-case letters, digits and -, starting with a letter";
        if (name.length() < min || name.length() > max || !CHARACTERS.matcher(name).matches()) {
            return Optional.of(what + " '" + name + "' must be " + rule);
        }
        if (name.endsWith("-")) {
            return Optional.of(what + " '" + name + "' must not end with '-': it ends AWS resource names"
                    + " (load balancers, target groups) that may not");
        }
        return Optional.empty();
    }
}
