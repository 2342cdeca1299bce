package io.magecloudkit.config;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Reads an app: at project level ({@code apps.<name>}) over the defaults of its kind, or as an
 * environment's override ({@code environments.<env>.apps.<name>}) over the project-level app.
 */
final class AppReader {
    static final List<String> KINDS = List.of("magento", "wordpress", "generic");
    static final List<String> APP_KEYS = List.of("kind", "containers", "desiredCount", "cpu", "memory", "healthCheckPath",
            "environment", "secrets", "deployment", "cron", "consumers");
    static final List<String> BUILT_CONTAINERS = List.of("nginx", "php-fpm", "blackfire");
    static final Pattern VARIABLE = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");
    /** Environment variable names that, with a plain value, almost certainly hold a secret. */
    static final Pattern LOOKS_SECRET = Pattern.compile(
            "(?i).*(PASSWORD|PASSWD|_SECRET|_TOKEN|SECRET_KEY|API_KEY|PRIVATE_KEY|CRYPT_KEY)");
    private static final Pattern SMOKE_URL = Pattern.compile("https?://[\\x21-\\x7e]{1,2000}");
    private static final Pattern SMOKE_BODY = Pattern.compile("[^\\n]{1,200}");
    private static final Pattern HEALTH_PATH = Pattern.compile("/[\\x21-\\x7e]{0,1023}");
    private static final Pattern IMAGE = Pattern.compile("[a-zA-Z0-9][a-zA-Z0-9._/:@-]*");
    private static final String IMAGE_EXPECTED = "an image reference like registry/name:tag";
    static final int TASK_CPU_MIN = 128;
    static final int TASK_CPU_MAX = 196_608;
    static final int MEMORY_MAX = 1_048_576;

    /**
     * An app as read, whether its task size was chosen (not summed from the containers), and
     * whether its sizes and deployment settings were all read as written (a value reported as
     * wrong is replaced by its default, which rules relating values must not judge).
     */
    record Read(AppConfig app, boolean explicitCpu, boolean explicitMemory, boolean sizesRead, boolean deploymentRead) {
    }

    private AppReader() {
    }

    /**
     * @param base the project-level app for an environment override; null at project level
     */
    static Read read(Section s, String name, Read base) {
        s.allowOnly(APP_KEYS);
        if (base != null) {
            s.forbid("kind", "cannot change per environment");
        }
        String kind = base != null ? base.app().kind() : s.choice("kind", "magento", KINDS);
        Containers read = containers(s.section("containers"), kind,
                base != null ? base.app().containers() : defaultContainers(kind));
        Map<String, ContainerConfig> containers = read.containers();
        boolean containersRead = read.sizesRead();
        int summedCpu = containers.values().stream().filter(ContainerConfig::enabled).mapToInt(ContainerConfig::cpu).sum();
        int summedMemory = containers.values().stream().filter(ContainerConfig::enabled).mapToInt(ContainerConfig::memory).sum();
        boolean explicitCpu = s.has("cpu") || (base != null && base.explicitCpu());
        boolean explicitMemory = s.has("memory") || (base != null && base.explicitMemory());
        int defaultCpu = base != null && base.explicitCpu() ? base.app().cpu() : Math.max(TASK_CPU_MIN, summedCpu);
        int defaultMemory = base != null && base.explicitMemory() ? base.app().memory() : Math.max(128, summedMemory);
        int cpu = s.integer("cpu", defaultCpu, TASK_CPU_MIN, TASK_CPU_MAX);
        int memory = s.integer("memory", defaultMemory, 128, MEMORY_MAX);
        int desiredCount = s.integer("desiredCount", base != null ? base.app().desiredCount() : 2, 0, 1000);
        String healthCheckPath = s.string("healthCheckPath",
                base != null ? base.app().healthCheckPath() : defaultHealthCheckPath(kind), HEALTH_PATH,
                "a URL path starting with /");
        Map<String, String> environment = new LinkedHashMap<>(base != null ? base.app().environment() : Map.of());
        environment.putAll(environment(s.section("environment")));
        Map<String, SecretRef> secrets = new LinkedHashMap<>(base != null ? base.app().secrets() : Map.of());
        secrets.putAll(secrets(s.secretsSection("secrets")));
        Section d = s.section("deployment");
        DeploymentConfig deployment = deployment(d,
                base != null ? base.app().deployment() : new DeploymentConfig(100, 200, 120).withRelease("magento".equals(kind)));
        CronConfig cron = WorkersReader.cron(s.section("cron"), kind,
                base != null ? base.app().cron() : CronConfig.defaults(kind));
        ConsumersConfig consumers = WorkersReader.consumers(s.section("consumers"), kind,
                base != null ? base.app().consumers() : ConsumersConfig.DEFAULTS);
        if ("magento".equals(kind) && !cron.enabled() && consumers.cronRun() && s.section("cron").has("enabled")) {
            s.section("cron").warn("enabled", "with cron off, no consumer runs unless it has its own service"
                    + " (consumers.services); set consumers.cronRun: false to say so");
        }
        AppConfig app = new AppConfig(name, kind, containers, desiredCount, cpu, memory, healthCheckPath, environment,
                secrets, deployment, cron, consumers);
        boolean sizesRead = containersRead && !s.failed("cpu", "memory") && (base == null || base.sizesRead());
        boolean deploymentRead = !s.failed("desiredCount") && !d.failed("minimumHealthyPercent", "maximumPercent")
                && !d.wrongType() && (base == null || base.deploymentRead());
        return new Read(app, explicitCpu, explicitMemory, sizesRead, deploymentRead);
    }

    static Map<String, ContainerConfig> defaultContainers(String kind) {
        Map<String, ContainerConfig> c = new LinkedHashMap<>();
        switch (kind) {
            case "magento" -> {
                c.put("nginx", new ContainerConfig("nginx", true, 256, 256, null, null));
                c.put("php-fpm", new ContainerConfig("php-fpm", true, 1024, 2048, null, null));
                c.put("blackfire", new ContainerConfig("blackfire", false, 128, 256, null, null));
            }
            case "wordpress" -> {
                c.put("nginx", new ContainerConfig("nginx", true, 128, 128, null, null));
                c.put("php-fpm", new ContainerConfig("php-fpm", true, 512, 512, null, null));
            }
            default -> {
                // generic apps name their own containers
            }
        }
        return c;
    }

    static String defaultHealthCheckPath(String kind) {
        return switch (kind) {
            case "magento" -> "/health_check.php";
            case "wordpress" -> "/wp-login.php";
            default -> "/";
        };
    }

    /** The containers, and whether every cpu and memory among them was read as written. */
    private record Containers(Map<String, ContainerConfig> containers, boolean sizesRead) {
    }

    private static Containers containers(Section s, String kind, Map<String, ContainerConfig> defaults) {
        Map<String, ContainerConfig> result = new LinkedHashMap<>(defaults);
        boolean sizesRead = true;
        boolean generic = "generic".equals(kind);
        if (!generic) {
            s.allowOnly(defaults.keySet());
        }
        for (Section.Entry e : s.entries()) {
            ContainerConfig base = defaults.get(e.key());
            if (!generic && base == null) {
                continue; // reported by allowOnly
            }
            if (generic && base == null) {
                // Read on after a bad name: skipping the container would also report the app as empty.
                Names.problem("container name", e.key(), 1, 20)
                        .ifPresent(message -> s.problems().add(e.keyNode(), e.path(), message));
            }
            Section c = Section.of(s.problems(), e.path(), Location.of(e.keyNode().getStartMark()), e.value());
            result.put(e.key(), container(c, e.key(), generic, base));
            sizesRead &= !c.failed("cpu", "memory") && !c.wrongType();
        }
        return new Containers(result, sizesRead);
    }

    private static ContainerConfig container(Section c, String name, boolean generic, ContainerConfig base) {
        if (generic) {
            c.allowOnly("enabled", "cpu", "memory", "image", "port");
        } else {
            c.allowOnly("enabled", "cpu", "memory");
            if (!"blackfire".equals(name)) {
                c.forbid("enabled", "cannot be set: " + name + " always runs (only blackfire can be turned off)");
            }
        }
        boolean toggleable = generic || "blackfire".equals(name);
        boolean enabled = toggleable ? c.bool("enabled", base == null || base.enabled()) : true;
        int cpu = c.integer("cpu", base != null ? base.cpu() : 256, 0, TASK_CPU_MAX);
        int memory = c.integer("memory", base != null ? base.memory() : 512, 6, MEMORY_MAX);
        String image = base != null ? base.image() : null;
        Integer port = base != null ? base.port() : null;
        if (generic) {
            image = c.string("image", image, IMAGE, IMAGE_EXPECTED);
            if (image == null && !c.has("image")) {
                c.error("image", "'image' is required for a container of a generic app (MageCloudKit builds only"
                        + " nginx, php-fpm and blackfire)");
            }
            if (c.has("port")) {
                port = c.integer("port", 0, 1, 65535);
            }
        }
        return new ContainerConfig(name, enabled, cpu, memory, image, port);
    }

    private static Map<String, String> environment(Section s) {
        Map<String, String> env = new LinkedHashMap<>();
        for (Section.Entry e : s.entries()) {
            if (!VARIABLE.matcher(e.key()).matches()) {
                s.problems().add(e.keyNode(), e.path(), "'" + e.key() + "' is not a valid environment variable name"
                        + " (letters, digits and _, not starting with a digit)");
                continue;
            }
            if (!(e.value() instanceof org.yaml.snakeyaml.nodes.ScalarNode sc) || Section.isNull(e.value())) {
                s.problems().add(e.value(), e.path(), "expected a text value (write '' for an empty one), got "
                        + Section.describe(e.value()));
                continue;
            }
            if (LOOKS_SECRET.matcher(e.key()).matches()) {
                // Not quoted back: it may be the secret.
                s.problems().add(e.value(), e.path(), "'" + e.key() + "' looks like a secret: move it to 'secrets' as a"
                        + " reference (" + SecretRef.SYNTAX + "); secret values do not belong in this file");
                continue;
            }
            env.put(e.key(), sc.getValue());
        }
        return env;
    }

    /** NAME → reference; also used for the integrations' keys. */
    static Map<String, SecretRef> secrets(Section s) {
        Map<String, SecretRef> secrets = new LinkedHashMap<>();
        for (Section.Entry e : s.entries()) {
            if (!VARIABLE.matcher(e.key()).matches()) {
                s.problems().add(e.keyNode(), e.path(), "'" + e.key() + "' is not a valid name"
                        + " (letters, digits and _, not starting with a digit)");
                continue;
            }
            if (!(e.value() instanceof org.yaml.snakeyaml.nodes.ScalarNode sc) || Section.isNull(e.value())) {
                // Never describe the value: it may be the secret.
                s.problems().add(e.value(), e.path(), "expected a secret reference: " + SecretRef.SYNTAX);
                continue;
            }
            try {
                secrets.put(e.key(), SecretRef.parse(sc.getValue()));
            } catch (IllegalArgumentException ex) {
                s.problems().add(e.value(), e.path(), ex.getMessage());
            }
        }
        return secrets;
    }

    private static DeploymentConfig deployment(Section s, DeploymentConfig base) {
        s.allowOnly("minimumHealthyPercent", "maximumPercent", "healthCheckGracePeriodSeconds", "revisionsToKeep",
                "gateTimeoutSeconds", "stoppedTaskThreshold", "smokeCheckUrl", "smokeCheckStatus", "smokeCheckBody",
                "smokeCheckPasses", "release", "maintenance");
        return new DeploymentConfig(
                s.integer("minimumHealthyPercent", base.minimumHealthyPercent(), 0, 100),
                s.integer("maximumPercent", base.maximumPercent(), 100, 200),
                s.integer("healthCheckGracePeriodSeconds", base.healthCheckGracePeriodSeconds(), 0, 86_400),
                s.integer("revisionsToKeep", base.revisionsToKeep(), 1, 100),
                s.integer("gateTimeoutSeconds", base.gateTimeoutSeconds(), 60, 86_400),
                s.integer("stoppedTaskThreshold", base.stoppedTaskThreshold(), 1, 100),
                s.string("smokeCheckUrl", base.smokeCheckUrl(), SMOKE_URL, "an http:// or https:// URL"),
                s.integer("smokeCheckStatus", base.smokeCheckStatus(), 100, 599),
                s.string("smokeCheckBody", base.smokeCheckBody(), SMOKE_BODY, "text of at most 200 characters"),
                s.integer("smokeCheckPasses", base.smokeCheckPasses(), 1, 20),
                s.bool("release", base.release()),
                s.choice("maintenance", base.maintenance(), List.of("never", "upgrade", "always")));
    }
}
