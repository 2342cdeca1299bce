package io.magecloudkit.cli;

import io.magecloudkit.EventSink;
import io.magecloudkit.MckException;

/** A command whose implementation has not landed: it says so and fails, it never pretends. */
abstract class NotImplementedCommand extends MckSubcommand {
    @Override
    final Object run(EventSink events) {
        throw new MckException(MckException.Kind.NOT_IMPLEMENTED,
                "'mck " + spec.name() + "' is not implemented yet");
    }
}
