package io.magecloudkit.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** What php-fpm gets from the stack values: the database name and the Redis AUTH secret of each group. */
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
}
