package io.magecloudkit.config;

import io.magecloudkit.MckException;
import java.nio.file.Path;

/** Loads and validates magecloudkit.yml. */
public final class ConfigLoader {
    private ConfigLoader() {
    }

    public static MckConfig load(Path file) {
        throw new MckException(MckException.Kind.NOT_IMPLEMENTED, "configuration loading is not implemented yet");
    }
}
