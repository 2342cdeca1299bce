package io.magecloudkit.config;

import io.magecloudkit.MckException;
import java.util.List;
import java.util.stream.Collectors;

/** The configuration is unusable; carries every error found, not just the first. */
public final class ConfigException extends MckException {
    private static final long serialVersionUID = 1L;

    private final transient List<ConfigError> errors;

    public ConfigException(List<ConfigError> errors) {
        super(Kind.USAGE, errors.stream().map(ConfigError::toString).collect(Collectors.joining("\n")));
        this.errors = List.copyOf(errors);
    }

    public ConfigException(ConfigError error) {
        this(List.of(error));
    }

    public List<ConfigError> errors() {
        return errors;
    }
}
