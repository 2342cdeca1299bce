package io.magecloudkit.config;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Magento's message-queue consumers: started by cron's {@code consumers_runner} job (env.php
 * {@code cron_consumers_runner}, with {@code queue/consumers_wait_for_messages} 0 so each consumer
 * exits once its queue is empty), and optionally some of them as their own always-on services.
 *
 * @param cronRun     {@code cron_consumers_runner/cron_run}: whether cron starts consumers
 * @param maxMessages {@code cron_consumers_runner/max_messages}: messages a consumer handles before it exits
 * @param only        {@code cron_consumers_runner/consumers}: the consumers cron starts; empty for all
 * @param services    consumer name → its own service
 */
public record ConsumersConfig(boolean cronRun, int maxMessages, List<String> only, Map<String, Service> services) {
    public static final int DEFAULT_MAX_MESSAGES = 1000;
    public static final ConsumersConfig DEFAULTS = new ConsumersConfig(true, DEFAULT_MAX_MESSAGES, List.of(), Map.of());

    public ConsumersConfig {
        only = List.copyOf(only);
        services = Collections.unmodifiableMap(new LinkedHashMap<>(services));
    }

    /**
     * One consumer run by its own service: a task that starts the consumer again
     * {@code intervalSeconds} after it exited (it exits when its queue is empty or after
     * {@code maxMessages}).
     */
    public record Service(String consumer, int desiredCount, int cpu, int memory, int intervalSeconds) {
        public static final int DEFAULT_CPU = 256;
        public static final int DEFAULT_MEMORY = 1024;
        public static final int DEFAULT_INTERVAL_SECONDS = 10;

        /** What the consumer's service and task definition family end in: ECS names allow no '.'. */
        public String suffix() {
            return suffix(consumer);
        }

        static String suffix(String consumer) {
            return "consumer-" + consumer.replace('.', '-');
        }
    }
}
