package io.magecloudkit.config;

/** One Redis replication group ({@code cache} or {@code session}): a primary plus {@code replicas}. */
public record CacheClusterConfig(String name, String nodeType, int replicas) {
}
