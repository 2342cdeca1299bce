package io.magecloudkit.sandbox;

import java.time.Instant;

/**
 * A piece of simulated AWS that changes with time (an ECS deployment, a stack operation).
 * The sandbox calls {@link #tick} under its state lock before it handles every request and
 * periodically in the background, so a request always sees the state as of "now".
 */
public interface Simulation {
    void tick(Instant now);
}
