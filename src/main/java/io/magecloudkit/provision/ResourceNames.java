package io.magecloudkit.provision;

/**
 * Names for AWS resources whose names are short: {@code <project>-<environment>[-suffix]}
 * (up to 45 characters and more) cut to the service's limit, with a stable hash of the full
 * name so two long names that share a beginning stay distinct.
 */
final class ResourceNames {
    /** ALB and target group names. */
    static final int LOAD_BALANCING = 32;
    /** ElastiCache replication group ids. */
    static final int ELASTICACHE = 40;
    /** OpenSearch domain names. */
    static final int OPENSEARCH = 28;

    private ResourceNames() {
    }

    /** {@code name} when it fits in {@code max}, else its beginning, a hyphen and five hex digits of its hash. */
    static String fit(String name, int max) {
        if (!Character.isLetter(name.charAt(0))) {
            name = "s" + name;
        }
        if (name.length() <= max) {
            return name;
        }
        String hash = String.format("%05x", name.hashCode() & 0xfffff);
        return name.substring(0, max - hash.length() - 1).replaceAll("-+$", "") + "-" + hash;
    }
}
