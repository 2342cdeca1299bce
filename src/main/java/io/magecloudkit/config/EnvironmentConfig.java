package io.magecloudkit.config;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * One environment (staging, production, ...): one VPC in one region, with every default filled in.
 *
 * @param region            the environment's own region, or the project's
 * @param subnets           the tiers' subnet CIDRs, as written or derived from {@code vpcCidr}
 * @param clusters          cluster name → cluster, in file order; every app runs on exactly one
 * @param domain            the shop's hostname, null when not set
 * @param certificateArn    the ACM certificate for the HTTPS listener, null when not set
 * @param images            the project's image settings with this environment's overrides applied
 * @param apps              every app of the project with this environment's overrides applied
 */
public record EnvironmentConfig(String name, String region, String vpcCidr, int availabilityZones, SubnetsConfig subnets,
        Map<String, ClusterConfig> clusters, DatabaseConfig database, CacheConfig cache, SearchConfig search,
        String domain, String certificateArn, BastionConfig bastion, ImagesConfig images, Map<String, AppConfig> apps,
        boolean deletionProtection) {

    public EnvironmentConfig {
        clusters = Collections.unmodifiableMap(new LinkedHashMap<>(clusters));
        apps = Collections.unmodifiableMap(new LinkedHashMap<>(apps));
    }

    /** The cluster the app runs on in this environment. */
    public Optional<ClusterConfig> clusterOf(String app) {
        return clusters.values().stream().filter(c -> c.apps().contains(app)).findFirst();
    }
}
