package io.magecloudkit.config;

/**
 * An app's cron runner: one always-on ECS service whose task runs {@code bin/magento cron:run}
 * every {@code intervalSeconds} from a loop (docs/containers.md says why a service and not
 * scheduled tasks).
 *
 * @param enabled         whether the runner exists (on by default for kind magento; a disabled runner's
 *                        service, if one exists, is scaled to 0)
 * @param intervalSeconds seconds from the start of one cron:run to the start of the next
 * @param cpu             the cron task's CPU units
 * @param memory          the cron task's memory in MiB (also its php-fpm container's hard limit)
 */
public record CronConfig(boolean enabled, int intervalSeconds, int cpu, int memory) {
    public static final int DEFAULT_INTERVAL_SECONDS = 60;
    public static final int DEFAULT_CPU = 512;
    /** PHP's memory_limit defaults to 2G; a smaller hard limit would let the kernel kill cron:run first. */
    public static final int DEFAULT_MEMORY = 2048;

    /** The runner of an app of this kind when nothing is configured. */
    public static CronConfig defaults(String kind) {
        return new CronConfig("magento".equals(kind), DEFAULT_INTERVAL_SECONDS, DEFAULT_CPU, DEFAULT_MEMORY);
    }
}
