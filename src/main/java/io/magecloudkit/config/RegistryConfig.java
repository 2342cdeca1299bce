package io.magecloudkit.config;

/**
 * Where built images go.
 *
 * @param type {@code ecr}, {@code oci} or {@code tar}
 * @param url  {@code host[:port][/prefix]} of an OCI registry (required for oci; optional override for ecr); null otherwise
 * @param path the directory image tarballs are written to (tar only; null otherwise)
 */
public record RegistryConfig(String type, String url, String path) {
}
