package io.magecloudkit.config;

/** The Aurora MySQL cluster: one writer plus {@code readers} reader instances. */
public record DatabaseConfig(String engineVersion, String instanceClass, int readers, int backupRetentionDays) {
}
