package io.magecloudkit.deploy;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The contract between the task definition and the containers: which environment variable carries
 * which discovery name of the environment's private zone {@code <region>.magecloudkit.internal}.
 * Kept in one place because the containers' side (docs/containers.md, write-env-php.php, the nginx
 * entrypoint) may rename a variable; only this class then changes.
 */
public final class DiscoveryNames {
    /** The private hosted zone's suffix; provision creates {@code <region>.} + this. */
    public static final String ZONE_SUFFIX = "magecloudkit.internal";

    private DiscoveryNames() {
    }

    /** The private zone of an environment's region, e.g. {@code eu-west-1.magecloudkit.internal}. */
    public static String zone(String region) {
        return region + "." + ZONE_SUFFIX;
    }

    /** The EFS media file system's name in the zone (ECS mounts EFS by file system id; this is for other clients). */
    public static String mediaEfs(String region) {
        return "media.efs." + zone(region);
    }

    /** What php-fpm reads (write-env-php.php): the data services' hosts, the zone, the base URL. */
    public static Map<String, String> phpFpm(String kind, String region, String domain) {
        String zone = zone(region);
        Map<String, String> env = new LinkedHashMap<>();
        env.put("MCK_DISCOVERY_DOMAIN", zone);
        if ("wordpress".equals(kind)) {
            env.put("WORDPRESS_DB_HOST", "db." + zone);
            return env;
        }
        env.put("MAGENTO_DB_HOST", "db." + zone);
        env.put("MAGENTO_REDIS_CACHE_HOST", "redis-cache." + zone);
        env.put("MAGENTO_REDIS_SESSION_HOST", "redis-session." + zone);
        env.put("MAGENTO_SEARCH_HOST", "search." + zone);
        if (domain != null) {
            env.put("MAGENTO_BASE_URL", "https://" + domain + "/");
        }
        return env;
    }

    /** What the nginx entrypoint reads: the VPC CIDR whose X-Forwarded-For (the load balancer's) is trusted. */
    public static Map<String, String> nginx(String vpcCidr) {
        return Map.of("NGINX_REAL_IP_FROM", vpcCidr);
    }

    /** The switch php-fpm's entrypoint reads to load the Blackfire probe. */
    public static Map<String, String> blackfireSwitch(boolean enabled) {
        return Map.of("MCK_BLACKFIRE_ENABLED", enabled ? "true" : "false");
    }
}
