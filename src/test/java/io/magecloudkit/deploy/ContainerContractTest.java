package io.magecloudkit.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * What php-fpm gets from the stack values: the database name, the Redis AUTH secret of each group, the TLS services'
 * hosts and the search user.
 */
class ContainerContractTest {
    record Case(String name, StackValues stack, String databaseName, Map<String, String> redisSecrets) {
    }

    private static StackValues stack(String databaseName, String cacheAuth, String sessionAuth) {
        return new StackValues(Map.of(), null, null, null, null, null, null, new StackValues.Database(databaseName, null, null),
                cacheAuth, null, sessionAuth);
    }

    @Test
    void databaseNameAndRedisAuth_fromTheStackValues() {
        List<Case> cases = List.of(
                new Case("nothing known: provision's database, no AUTH", stack(null, null, null), "magento", Map.of()),
                new Case("a database named by --database-name", stack("shop", null, null), "shop", Map.of()),
                new Case("one token (--cache-auth-secret-arn) serves both groups", stack(null, "arn:cache", null), "magento",
                        Map.of("MAGENTO_REDIS_CACHE_PASSWORD", "arn:cache", "MAGENTO_REDIS_SESSION_PASSWORD", "arn:cache")),
                new Case("each group its own token, as provision creates them", stack(null, "arn:cache", "arn:session"), "magento",
                        Map.of("MAGENTO_REDIS_CACHE_PASSWORD", "arn:cache", "MAGENTO_REDIS_SESSION_PASSWORD", "arn:session")));
        for (Case c : cases) {
            assertEquals(c.databaseName(), ContainerContract.phpFpmEnvironment("magento", "eu-west-1", true, false, c.stack())
                    .get("MAGENTO_DB_NAME"), c.name());
            Map<String, String> redis = new LinkedHashMap<>(ContainerContract.phpFpmSecrets("magento", c.stack()));
            redis.keySet().removeIf(k -> !k.startsWith("MAGENTO_REDIS_"));
            assertEquals(c.redisSecrets(), redis, c.name());
        }
    }

    record HostCase(String name, boolean redis, StackValues.Endpoints endpoints, Map<String, String> hosts) {
    }

    /** Over TLS the certificate's name: the endpoint from the stacks; otherwise (or unknown) the writer's discovery name. */
    @Test
    void tlsServices_getTheirEndpoints_theOthersTheirDiscoveryNames() {
        StackValues.Endpoints all = new StackValues.Endpoints("master.cache.x", "master.session.x", "vpc-search.x", "db.cluster.x");
        List<HostCase> cases = List.of(
                new HostCase("nothing known: every host from the zone", true, StackValues.Endpoints.NONE, Map.of()),
                new HostCase("Aurora, Redis and OpenSearch endpoints from the stacks", true, all, Map.of(
                        "MAGENTO_DB_HOST", "db.cluster.x",
                        "MAGENTO_REDIS_CACHE_HOST", "master.cache.x", "MAGENTO_REDIS_SESSION_HOST", "master.session.x",
                        "MAGENTO_SEARCH_HOST", "vpc-search.x")),
                new HostCase("memcached: no Redis host, Aurora and OpenSearch still over TLS", false, all,
                        Map.of("MAGENTO_DB_HOST", "db.cluster.x", "MAGENTO_SEARCH_HOST", "vpc-search.x")));
        for (HostCase c : cases) {
            StackValues stack = new StackValues(Map.of(), null, null, null, null, null, null, StackValues.Database.NONE, null, null,
                    null, c.endpoints(), null);
            Map<String, String> hosts = new LinkedHashMap<>(ContainerContract.phpFpmEnvironment("magento", "eu-west-1", c.redis(),
                    false, stack));
            hosts.keySet().removeIf(k -> !k.endsWith("_HOST") || k.equals("MAGENTO_DB_READER_HOST"));
            assertEquals(c.hosts(), hosts, c.name());
            assertEquals("eu-west-1.magecloudkit.internal", ContainerContract.phpFpmEnvironment("magento", "eu-west-1", c.redis(),
                    false, stack).get("MCK_DISCOVERY_DOMAIN"), c.name() + ": the fallback for a host not known");
        }
    }

    @Test
    void theSearchUser_isTwoKeysOfItsSecret_neverAPlainValue() {
        StackValues stack = new StackValues(Map.of(), null, null, null, null, null, null, StackValues.Database.NONE, null, null,
                null, StackValues.Endpoints.NONE, "arn:search");
        Map<String, String> secrets = ContainerContract.phpFpmSecrets("magento", stack);
        assertEquals("arn:search:username::", secrets.get("MAGENTO_SEARCH_USERNAME"));
        assertEquals("arn:search:password::", secrets.get("MAGENTO_SEARCH_PASSWORD"));
        assertEquals(false, ContainerContract.phpFpmEnvironment("magento", "eu-west-1", true, false, stack).keySet().stream()
                .anyMatch(k -> k.startsWith("MAGENTO_SEARCH_")), "no search credential as a plain variable");
        assertEquals(Map.of(), ContainerContract.phpFpmSecrets("wordpress", stack), "WordPress uses no OpenSearch");
    }
}
