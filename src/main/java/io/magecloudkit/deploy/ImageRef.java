package io.magecloudkit.deploy;

import io.magecloudkit.MckException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * An image pinned by digest, as a task definition names it. A tag alone is refused: a tag can be
 * moved, so the same task definition could start different code on different days.
 *
 * @param repository registry/repository, without tag or digest
 * @param digest     {@code sha256:} and 64 hex digits
 */
public record ImageRef(String repository, String digest) {
    private static final Pattern PINNED = Pattern.compile(
            "([a-z0-9][a-z0-9._:/-]*?)(?::[A-Za-z0-9_][A-Za-z0-9._-]{0,127})?@(sha256:[a-f0-9]{64})");

    /** {@code repository@sha256:...}. */
    public String reference() {
        return repository + "@" + digest;
    }

    /**
     * Parses {@code repo[:tag]@sha256:<64 hex>}; a tag is dropped (the digest decides).
     *
     * @param where names the input in the error ("--image php-fpm", "images.json: php-fpm")
     * @throws MckException (usage) for anything not pinned by digest
     */
    public static ImageRef parse(String text, String where) {
        String s = text == null ? "" : text.trim();
        Matcher m = PINNED.matcher(s);
        if (!m.matches()) {
            String why = s.contains("@") ? "is not repository@sha256:<64 hex digits>"
                    : "has no digest: deploys take images pinned by digest (repository@sha256:...), never a tag alone";
            throw new MckException(MckException.Kind.USAGE, where + ": image '" + s + "' " + why);
        }
        return new ImageRef(m.group(1), m.group(2));
    }

    @Override
    public String toString() {
        return reference();
    }
}
