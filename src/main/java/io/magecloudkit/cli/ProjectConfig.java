package io.magecloudkit.cli;

import io.magecloudkit.EventSink;
import io.magecloudkit.MckException;
import io.magecloudkit.config.ConfigLoader;
import io.magecloudkit.config.EnvironmentConfig;
import io.magecloudkit.config.MckConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * The project configuration as a command sees it: optional for commands that work without
 * one (whoami, build-images with flags), required as soon as --env names an environment or
 * --config names a file explicitly.
 */
final class ProjectConfig {
    private final Path file;
    private final boolean explicit;
    private final String envName;
    private final EventSink events;
    private MckConfig loaded;

    /** @param events where the configuration's warnings go once it is loaded */
    ProjectConfig(Path file, boolean explicit, String envName, EventSink events) {
        this.file = file;
        this.explicit = explicit;
        this.envName = envName;
        this.events = events;
    }

    /** The loaded configuration, or empty when there is none and none was asked for. */
    Optional<MckConfig> config() {
        if (loaded != null) {
            return Optional.of(loaded);
        }
        if (!Files.exists(file)) {
            if (explicit || envName != null) {
                throw new MckException(MckException.Kind.USAGE, "configuration file " + file + " not found"
                        + (explicit ? "" : " (--env needs a magecloudkit.yml; give its path with --config FILE)"));
            }
            return Optional.empty();
        }
        loaded = ConfigLoader.load(file);
        loaded.warnings().forEach(w -> events.warn(w.toString()));
        return Optional.of(loaded);
    }

    /** The --env environment, or empty when no --env was given. */
    Optional<EnvironmentConfig> environment() {
        if (envName == null) {
            return Optional.empty();
        }
        return Optional.of(config().orElseThrow().environment(envName));
    }

    /** The region the configuration gives (the environment's, else the project's), or null. */
    String region() {
        Optional<EnvironmentConfig> env = environment();
        if (env.isPresent()) {
            return env.get().region();
        }
        return config().map(MckConfig::region).orElse(null);
    }
}
