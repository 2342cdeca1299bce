package io.magecloudkit.cli;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * SIGTERM (Jenkins aborting a step) while a deploy waits: the hook asks the deploy to stop
 * waiting and gives it a few seconds to say what state the service is in, release its lease and
 * write the result file, instead of dying mid-sentence.
 */
final class Termination implements AutoCloseable {
    static final long GRACE_SECONDS = 20;
    private final AtomicBoolean requested = new AtomicBoolean();
    private final CountDownLatch finished = new CountDownLatch(1);
    private final Thread hook;

    Termination() {
        hook = new Thread(() -> {
            requested.set(true);
            try {
                finished.await(GRACE_SECONDS, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "mck-termination");
        Runtime.getRuntime().addShutdownHook(hook);
    }

    boolean requested() {
        return requested.get();
    }

    /** The command is done (result written): the hook may let the JVM go. */
    void done() {
        finished.countDown();
    }

    @Override
    public void close() {
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException e) {
            // shutting down already: the hook is running and waits for done()
        }
    }
}
