package io.magecloudkit.config;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/** Reads an app's {@code cron} and {@code consumers} sections (Magento apps only). */
final class WorkersReader {
    /** Magento's consumer names (queue_consumer.xml): letters, digits, '.', '_' and '-'. */
    static final Pattern CONSUMER = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,99}");
    private static final String CONSUMER_EXPECTED = "a consumer name as bin/magento queue:consumers:list prints it";

    private WorkersReader() {
    }

    static CronConfig cron(Section s, String kind, CronConfig base) {
        if (!magentoOnly(s, kind)) {
            return base;
        }
        s.allowOnly("enabled", "intervalSeconds", "cpu", "memory");
        return new CronConfig(
                s.bool("enabled", base.enabled()),
                s.integer("intervalSeconds", base.intervalSeconds(), 60, 3600),
                s.integer("cpu", base.cpu(), AppReader.TASK_CPU_MIN, AppReader.TASK_CPU_MAX),
                s.integer("memory", base.memory(), 128, AppReader.MEMORY_MAX));
    }

    static ConsumersConfig consumers(Section s, String kind, ConsumersConfig base) {
        if (!magentoOnly(s, kind)) {
            return base;
        }
        s.allowOnly("cronRun", "maxMessages", "only", "services");
        boolean cronRun = s.bool("cronRun", base.cronRun());
        int maxMessages = s.integer("maxMessages", base.maxMessages(), 1, 1_000_000);
        List<String> only = base.only();
        if (s.has("only")) {
            only = new ArrayList<>();
            for (Section.Item item : s.list("only")) {
                if (!CONSUMER.matcher(item.text()).matches()) {
                    s.problems().add(item.node(), item.path(), "expected " + CONSUMER_EXPECTED + ", got '" + item.text() + "'");
                } else if (only.contains(item.text())) {
                    s.problems().add(item.node(), item.path(), "consumer '" + item.text() + "' is listed twice");
                } else {
                    only.add(item.text());
                }
            }
        }
        Map<String, ConsumersConfig.Service> services = new LinkedHashMap<>(base.services());
        Section list = s.section("services");
        Map<String, String> serviceNames = new LinkedHashMap<>();
        services.keySet().forEach(c -> serviceNames.put(ConsumersConfig.Service.suffix(c), c));
        for (Section.Entry e : list.entries()) {
            if (!CONSUMER.matcher(e.key()).matches()) {
                s.problems().add(e.keyNode(), e.path(), "expected " + CONSUMER_EXPECTED + ", got '" + e.key() + "'");
                continue;
            }
            String clash = serviceNames.putIfAbsent(ConsumersConfig.Service.suffix(e.key()), e.key());
            if (clash != null && !clash.equals(e.key())) {
                s.problems().add(e.keyNode(), e.path(), "consumers '" + clash + "' and '" + e.key()
                        + "' would get the same service name (" + ConsumersConfig.Service.suffix(e.key()) + "): run one of them from cron");
                continue;
            }
            if (only.contains(e.key())) {
                s.problems().add(e.keyNode(), e.path(), "consumer '" + e.key() + "' runs as its own service: remove it from"
                        + " consumers.only, or cron starts it too");
            }
            Section c = Section.of(s.problems(), e.path(), Location.of(e.keyNode().getStartMark()), e.value());
            c.allowOnly("desiredCount", "cpu", "memory", "intervalSeconds");
            ConsumersConfig.Service was = services.get(e.key());
            services.put(e.key(), new ConsumersConfig.Service(e.key(),
                    c.integer("desiredCount", was != null ? was.desiredCount() : 1, 0, 100),
                    c.integer("cpu", was != null ? was.cpu() : ConsumersConfig.Service.DEFAULT_CPU, AppReader.TASK_CPU_MIN,
                            AppReader.TASK_CPU_MAX),
                    c.integer("memory", was != null ? was.memory() : ConsumersConfig.Service.DEFAULT_MEMORY, 128,
                            AppReader.MEMORY_MAX),
                    c.integer("intervalSeconds", was != null ? was.intervalSeconds()
                            : ConsumersConfig.Service.DEFAULT_INTERVAL_SECONDS, 1, 3600)));
        }
        return new ConsumersConfig(cronRun, maxMessages, only, services);
    }

    private static boolean magentoOnly(Section s, String kind) {
        if ("magento".equals(kind) || !s.present()) {
            return "magento".equals(kind);
        }
        s.problems().add(s.at(), s.path(), "'" + s.path().substring(s.path().lastIndexOf('.') + 1)
                + "' is only for apps of kind magento, this one is " + kind);
        return false;
    }
}
