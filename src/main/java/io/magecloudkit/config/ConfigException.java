package io.magecloudkit.config;

import io.magecloudkit.MckException;
import java.util.List;
import java.util.stream.Collectors;

/** The configuration is unusable; carries every error found, not just the first. */
public final class ConfigException extends MckException {
    private static final long serialVersionUID = 1L;

    private final transient List<ConfigError> errors;
    private final transient List<ConfigError> warnings;

    public ConfigException(List<ConfigError> errors) {
        this(errors, List.of());
    }

    /** The errors, and the warnings found on the way (shown too, so one run tells everything). */
    public ConfigException(List<ConfigError> errors, List<ConfigError> warnings) {
        super(Kind.USAGE, errors.stream().map(ConfigError::toString).collect(Collectors.joining("\n")));
        this.errors = List.copyOf(errors);
        this.warnings = List.copyOf(warnings);
    }

    public ConfigException(ConfigError error) {
        this(List.of(error));
    }

    public List<ConfigError> errors() {
        return errors;
    }

    public List<ConfigError> warnings() {
        return warnings;
    }
}
