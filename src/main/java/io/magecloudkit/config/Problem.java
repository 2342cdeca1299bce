package io.magecloudkit.config;

/** A rule broken at a key path; the loader turns it into a located {@link ConfigError}. */
record Problem(String path, String message) {
}
