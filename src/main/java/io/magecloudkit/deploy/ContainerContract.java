package io.magecloudkit.deploy;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The variable contract between the task definition and the containers (docs/containers.md,
 * "Variable contract"): which variable carries which value of the environment. Kept in one place
 * because the containers' side may rename a variable; only this class then changes. Pure.
 */
public final class ContainerContract {
    /** The private hosted zone's suffix; provision creates {@code <region>.} + this. */
    public static final String ZONE_SUFFIX = "magecloudkit.internal";

    /** The Magento database provision creates (database.yml's {@code DatabaseName}), unless the stack values name another. */
    public static final String DATABASE_NAME = "magento";

    /** Integration key (as in magecloudkit.yml) → the php-fpm variable that carries it; the others reach no container. */
    static final Map<String, String> INTEGRATIONS = Map.of(
            "algolia.applicationId", "ALGOLIA_APPLICATION_ID",
            "algolia.adminApiKey", "ALGOLIA_API_KEY",
            "bugsnag.apiKey", "BUGSNAG_API_KEY",
            "nosto.apiToken", "NOSTO_ACCOUNTS");

    private ContainerContract() {
    }

    /** The private zone of an environment's region, e.g. {@code eu-west-1.magecloudkit.internal}. */
    public static String zone(String region) {
        return region + "." + ZONE_SUFFIX;
    }

    /** The EFS media file system's name in the zone (ECS mounts EFS by file system id; this is for other clients). */
    public static String mediaEfs(String region) {
        return "media.efs." + zone(region);
    }

    /**
     * Plain variables php-fpm takes from the environment. A host not given here follows from the zone: the
     * env.php writer derives {@code db.}, {@code redis-cache.}, {@code redis-session.} and {@code search.}. Aurora
     * ({@code require_secure_transport}), Redis (in-transit encryption) and OpenSearch (HTTPS) are reached over TLS,
     * and PHP checks that the certificate
     * names the host it connected to: AWS's certificates name the services' own endpoints, never a CNAME of
     * the private zone, so those hosts are the endpoints when the stacks give them (docs/containers.md).
     */
    static Map<String, String> phpFpmEnvironment(String kind, String region, boolean redis, boolean blackfire,
            StackValues stack) {
        Map<String, String> env = new LinkedHashMap<>();
        env.put("MCK_DISCOVERY_DOMAIN", zone(region));
        if ("wordpress".equals(kind)) {
            env.put("WORDPRESS_DB_HOST", "db." + zone(region));
            return env;
        }
        env.put("MAGENTO_DB_NAME", stack.databaseName() != null ? stack.databaseName() : DATABASE_NAME);
        putIfKnown(env, "MAGENTO_DB_HOST", stack.endpoints().databaseHost());
        if (stack.databaseReaderHost() != null) {
            env.put("MAGENTO_DB_READER_HOST", stack.databaseReaderHost());
        }
        if (redis) {
            // ElastiCache runs with in-transit encryption.
            env.put("MAGENTO_REDIS_TLS", "true");
            putIfKnown(env, "MAGENTO_REDIS_CACHE_HOST", stack.endpoints().cacheHost());
            putIfKnown(env, "MAGENTO_REDIS_SESSION_HOST", stack.endpoints().sessionHost());
        }
        putIfKnown(env, "MAGENTO_SEARCH_HOST", stack.endpoints().searchHost());
        env.put("MCK_BLACKFIRE_ENABLED", blackfire ? "true" : "false");
        return env;
    }

    /** Secrets php-fpm takes from the environment's stacks: variable → valueFrom (an ARN). */
    static Map<String, String> phpFpmSecrets(String kind, StackValues stack) {
        Map<String, String> secrets = new LinkedHashMap<>();
        if (!"magento".equals(kind)) {
            return secrets;
        }
        if (stack.databaseSecretArn() != null) {
            secrets.put("MAGENTO_DB_USER", stack.databaseSecretArn() + ":username::");
            secrets.put("MAGENTO_DB_PASSWORD", stack.databaseSecretArn() + ":password::");
        }
        if (stack.cacheAuthSecretArn() != null) {
            secrets.put("MAGENTO_REDIS_CACHE_PASSWORD", stack.cacheAuthSecretArn());
        }
        if (stack.sessionAuthSecretArnOrCache() != null) {
            secrets.put("MAGENTO_REDIS_SESSION_PASSWORD", stack.sessionAuthSecretArnOrCache());
        }
        if (stack.searchSecretArn() != null) {
            // Fine-grained access control: HTTP basic auth as the domain's master user.
            secrets.put("MAGENTO_SEARCH_USERNAME", stack.searchSecretArn() + ":username::");
            secrets.put("MAGENTO_SEARCH_PASSWORD", stack.searchSecretArn() + ":password::");
        }
        return secrets;
    }

    private static void putIfKnown(Map<String, String> env, String name, String value) {
        if (value != null) {
            env.put(name, value);
        }
    }

    /**
     * The consumers' settings for env.php's {@code cron_consumers_runner} (the writer's defaults, cron
     * running every consumer and {@code queue/consumers_wait_for_messages} 0, hold when a name is absent).
     */
    static Map<String, String> consumers(io.magecloudkit.config.ConsumersConfig consumers) {
        Map<String, String> env = new LinkedHashMap<>();
        env.put("MAGENTO_CONSUMERS_CRON_RUN", Boolean.toString(consumers.cronRun()));
        env.put("MAGENTO_CONSUMERS_MAX_MESSAGES", Integer.toString(consumers.maxMessages()));
        if (!consumers.only().isEmpty()) {
            env.put("MAGENTO_CONSUMERS", String.join(",", consumers.only()));
        }
        return env;
    }

    /** What the nginx entrypoint reads: the VPC CIDR whose X-Forwarded-For (the load balancer's) is trusted. */
    static Map<String, String> nginx(String vpcCidr) {
        return Map.of("NGINX_REAL_IP_FROM", vpcCidr);
    }
}
