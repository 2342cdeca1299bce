package io.magecloudkit.config;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/** A loaded, validated magecloudkit.yml with every default filled in. Immutable. */
public final class MckConfig {
    private final String file;
    private final String project;
    private final String region;
    private final ImagesConfig images;
    private final Map<String, EnvironmentConfig> environments;
    private final Map<String, AppConfig> apps;
    private final IntegrationsConfig integrations;
    private final Location environmentsAt;
    private final Location appsAt;
    private final java.util.List<ConfigError> warnings;

    MckConfig(String file, String project, String region, ImagesConfig images, Map<String, EnvironmentConfig> environments,
            Map<String, AppConfig> apps, IntegrationsConfig integrations, Location environmentsAt, Location appsAt,
            java.util.List<ConfigError> warnings) {
        this.file = file;
        this.project = project;
        this.region = region;
        this.images = images;
        this.environments = Collections.unmodifiableMap(new LinkedHashMap<>(environments));
        this.apps = Collections.unmodifiableMap(new LinkedHashMap<>(apps));
        this.integrations = integrations;
        this.environmentsAt = environmentsAt;
        this.appsAt = appsAt;
        this.warnings = java.util.List.copyOf(warnings);
    }

    /** What is allowed but probably not meant (a wide SSH range, ...), in file order; never fails a command. */
    public java.util.List<ConfigError> warnings() {
        return warnings;
    }

    /** The file it was loaded from, as the user named it. */
    public String file() {
        return file;
    }

    public String project() {
        return project;
    }

    /** The project's default region. */
    public String region() {
        return region;
    }

    /** The project-level image settings (environments may override them: see {@link EnvironmentConfig#images()}). */
    public ImagesConfig images() {
        return images;
    }

    /** Environment names in file order. */
    public Set<String> environmentNames() {
        return environments.keySet();
    }

    public Map<String, EnvironmentConfig> environments() {
        return environments;
    }

    /** App names in file order. */
    public Set<String> appNames() {
        return apps.keySet();
    }

    /** The apps as declared at project level (environment overrides: {@link EnvironmentConfig#apps()}). */
    public Map<String, AppConfig> apps() {
        return apps;
    }

    public IntegrationsConfig integrations() {
        return integrations;
    }

    /**
     * The named environment.
     *
     * @throws ConfigException when there is none, with a suggestion and the known names
     */
    public EnvironmentConfig environment(String name) {
        EnvironmentConfig env = environments.get(name);
        if (env == null) {
            throw unknown("environment", "environments", name, environments.keySet(), environmentsAt);
        }
        return env;
    }

    /**
     * The named app, as declared at project level.
     *
     * @throws ConfigException when there is none, with a suggestion and the known names
     */
    public AppConfig app(String name) {
        AppConfig app = apps.get(name);
        if (app == null) {
            throw unknown("app", "apps", name, apps.keySet(), appsAt);
        }
        return app;
    }

    private ConfigException unknown(String what, String path, String name, Set<String> known, Location at) {
        return new ConfigException(new ConfigError(file, at.line(), at.column(), path,
                "no " + what + " '" + name + "'" + Suggestions.didYouMean(String.valueOf(name), known)
                        + "; known: " + String.join(", ", known)));
    }
}
