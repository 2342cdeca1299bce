package io.magecloudkit.config;

import java.util.Set;

/** A loaded, validated magecloudkit.yml. (Model lands with the configuration work.) */
public interface MckConfig {
    Set<String> environmentNames();

    Set<String> appNames();
}
