package io.magecloudkit.aws;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.magecloudkit.MckException;
import java.io.IOException;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import software.amazon.awssdk.services.ssm.model.ParameterAlreadyExistsException;
import software.amazon.awssdk.services.ssm.model.ParameterNotFoundException;
import software.amazon.awssdk.services.ssm.model.ParameterType;

/**
 * One run at a time over something (an environment's stacks, a service's deploy): an SSM parameter
 * holding the owner and an expiry, created only if absent. The holder renews it while it runs; a
 * run that dies stops renewing, and once the lease has expired the next run takes it over. SSM has
 * no compare-and-swap, so a takeover writes and then checks that its write is the one that stuck
 * (the version it expected, its own id); a renewal first checks the lease is still its own, so a run
 * that stalled past the expiry never writes over the next holder's lease.
 */
public final class SsmLease implements AutoCloseable {
    public static final Duration TTL = Duration.ofSeconds(120);
    public static final Duration RENEW_EVERY = Duration.ofSeconds(30);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final AwsSession aws;
    private final String name;
    private final String label;
    private final String owner;
    private final String id = UUID.randomUUID().toString();
    private final Supplier<Instant> clock;
    private Instant renewedAt;
    private volatile boolean held;
    private ScheduledExecutorService renewer;

    /**
     * One try at the lease.
     *
     * @param lease    the lease when taken, else null
     * @param owner    who holds it when not taken
     * @param until    until when they hold it
     * @param lostRace the lease had expired but another run took it over at the same moment
     */
    public record Attempt(SsmLease lease, String owner, Instant until, boolean lostRace) {
        public boolean taken() {
            return lease != null;
        }
    }

    private SsmLease(AwsSession aws, String name, String label, String owner, Supplier<Instant> clock) {
        this.aws = aws;
        this.name = name;
        this.label = label;
        this.owner = owner;
        this.clock = clock;
    }

    /**
     * Takes the lease if it is free or expired.
     *
     * @param label what the lease is called in messages ("deploy lease")
     * @param clock the time expiries are written and judged in (simulated in tests)
     */
    public static Attempt tryAcquire(AwsSession aws, String name, String label, String owner, Supplier<Instant> clock) {
        return new SsmLease(aws, name, label, owner, clock).take();
    }

    public String name() {
        return name;
    }

    private Attempt take() {
        while (true) {
            try {
                aws.call("take the " + label + " " + name, () -> aws.ssm().putParameter(r -> r.name(name)
                        .type(ParameterType.STRING).value(value()).overwrite(false).description("MageCloudKit " + label)));
                held();
                return new Attempt(this, null, null, false);
            } catch (ParameterAlreadyExistsException e) {
                // Someone holds it, or a dead run left it: look at the expiry.
            }
            software.amazon.awssdk.services.ssm.model.Parameter current;
            try {
                current = aws.call("read the " + label + " " + name, () -> aws.ssm().getParameter(r -> r.name(name))).parameter();
            } catch (ParameterNotFoundException e) {
                continue; // given back in between: try again
            }
            JsonNode holder = parse(current.value());
            String holderOwner = holder.path("owner").asText("unknown");
            Instant expires = expiry(holder);
            if (expires.isAfter(clock.get())) {
                return new Attempt(null, holderOwner, expires, false);
            }
            long expected = current.version() + 1;
            long written = aws.call("take over the expired " + label + " " + name, () -> aws.ssm().putParameter(r -> r.name(name)
                    .type(ParameterType.STRING).value(value()).overwrite(true))).version();
            if (written == expected && id.equals(readId())) {
                held();
                return new Attempt(this, null, null, false);
            }
            return new Attempt(null, holderOwner, expires, true);
        }
    }

    /**
     * Extends the expiry when {@link #RENEW_EVERY} has passed since the last renewal; cheap to call often.
     *
     * @throws MckException (operation failed) when the lease is no longer this run's
     */
    public void renew() {
        if (held && Duration.between(renewedAt, clock.get()).compareTo(RENEW_EVERY) >= 0) {
            renewNow();
        }
    }

    /** Renews every {@link #RENEW_EVERY} (wall-clock) on a daemon thread until closed or the lease is lost. */
    public synchronized void renewInBackground() {
        renewer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "mck-lease");
            t.setDaemon(true);
            return t;
        });
        long every = RENEW_EVERY.toMillis();
        renewer.scheduleAtFixedRate(() -> {
            try {
                if (held) {
                    renewNow();
                }
            } catch (MckException lost) {
                renewer.shutdown();
            } catch (RuntimeException e) {
                // A missed renewal is retried at the next tick; the lease lasts four of them.
            }
        }, every, every, TimeUnit.MILLISECONDS);
    }

    private void renewNow() {
        String now = aws.call("read the " + label + " " + name, () -> aws.ssm().getParameter(r -> r.name(name))).parameter().value();
        if (!id.equals(parse(now).path("id").asText())) {
            held = false;
            throw new MckException(MckException.Kind.OPERATION_FAILED, "lost the " + label + " " + name + " to "
                    + parse(now).path("owner").asText("another run") + " (this run stalled past its expiry); stopped");
        }
        aws.call("renew the " + label + " " + name, () -> aws.ssm().putParameter(r -> r.name(name).type(ParameterType.STRING)
                .value(value()).overwrite(true)));
        renewedAt = clock.get();
    }

    /** Gives the lease back (only if it is still this run's). Safe to call twice. */
    @Override
    public synchronized void close() {
        if (renewer != null) {
            renewer.shutdownNow();
        }
        if (!held) {
            return;
        }
        held = false;
        // An interrupted run still gives its lease back: the SDK refuses to call from an interrupted thread.
        boolean interrupted = Thread.interrupted();
        try {
            if (id.equals(readId())) {
                aws.call("release the " + label + " " + name, () -> aws.ssm().deleteParameter(r -> r.name(name)));
            }
        } catch (ParameterNotFoundException e) {
            // already gone
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private String readId() {
        return parse(aws.call("read the " + label + " " + name, () -> aws.ssm().getParameter(r -> r.name(name)))
                .parameter().value()).path("id").asText();
    }

    private void held() {
        held = true;
        renewedAt = clock.get();
    }

    private String value() {
        return JSON.createObjectNode().put("owner", owner).put("id", id).put("expires", clock.get().plus(TTL).toString()).toString();
    }

    /** An unreadable expiry counts as long past: a lease nobody can read must not block every run. */
    private static Instant expiry(JsonNode holder) {
        try {
            return Instant.parse(holder.path("expires").asText(Instant.EPOCH.toString()));
        } catch (DateTimeException e) {
            return Instant.EPOCH;
        }
    }

    private static JsonNode parse(String value) {
        try {
            JsonNode node = JSON.readTree(value);
            return node == null ? JSON.createObjectNode() : node;
        } catch (IOException e) {
            return JSON.createObjectNode();
        }
    }
}
