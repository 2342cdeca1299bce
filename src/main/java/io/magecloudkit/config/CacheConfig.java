package io.magecloudkit.config;

import java.util.Map;

/**
 * ElastiCache for the Magento cache and sessions.
 *
 * @param engine   {@code redis} or {@code memcached}
 * @param clusters for Redis the replication groups {@code cache} and {@code session}; empty for Memcached
 * @param nodes    for Memcached the number of nodes of its one cluster; 0 for Redis
 */
public record CacheConfig(String engine, String engineVersion, String nodeType, Map<String, CacheClusterConfig> clusters,
        int nodes) {
    public CacheConfig {
        clusters = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(clusters));
    }

    public boolean isRedis() {
        return "redis".equals(engine);
    }
}
