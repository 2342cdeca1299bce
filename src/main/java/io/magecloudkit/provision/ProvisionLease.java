package io.magecloudkit.provision;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.magecloudkit.EventSink;
import io.magecloudkit.MckException;
import io.magecloudkit.aws.AwsSession;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import software.amazon.awssdk.services.ssm.model.ParameterAlreadyExistsException;
import software.amazon.awssdk.services.ssm.model.ParameterNotFoundException;
import software.amazon.awssdk.services.ssm.model.ParameterType;

/**
 * One provision (or destroy) of an environment at a time: an SSM parameter holding the owner and
 * an expiry, created only if absent and renewed while the run lasts. A run that dies stops renewing;
 * once its lease has expired the next run takes it over. SSM has no compare-and-swap, so a takeover
 * writes and reads back that its own id is the one that stuck.
 */
public final class ProvisionLease implements AutoCloseable {
    static final Duration TTL = Duration.ofSeconds(120);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final AwsSession aws;
    private final String name;
    private final String owner;
    private final String id = UUID.randomUUID().toString();
    private ScheduledExecutorService renewer;
    private volatile boolean held;

    private ProvisionLease(AwsSession aws, String name, String owner) {
        this.aws = aws;
        this.name = name;
        this.owner = owner;
    }

    /** The parameter name of an environment's lease. */
    public static String parameterName(String project, String environment) {
        return "/magecloudkit/" + project + "/" + environment + "/provision-lease";
    }

    /**
     * Takes the lease, waiting up to {@code wait} for another run to finish (reporting once who holds it).
     *
     * @throws MckException (operation failed) when another run still holds it after {@code wait}
     */
    public static ProvisionLease acquire(AwsSession aws, String name, String owner, Duration wait, Backoff backoff,
            EventSink sink) {
        ProvisionLease lease = new ProvisionLease(aws, name, owner);
        Instant deadline = Instant.now().plus(wait);
        boolean told = false;
        for (int attempt = 0; ; attempt++) {
            String holder = lease.tryTake();
            if (holder == null) {
                lease.startRenewing();
                return lease;
            }
            if (Instant.now().isAfter(deadline)) {
                throw new MckException(MckException.Kind.OPERATION_FAILED, "another run is changing this environment: "
                        + holder + "; wait for it to finish (or give --lock-wait DURATION), or, if it died, until its lease expires");
            }
            if (!told) {
                sink.info("waiting: another run is changing this environment: " + holder);
                told = true;
            }
            backoff.sleep(attempt);
        }
    }

    /** @return null when taken, else who holds it and until when */
    private String tryTake() {
        try {
            put(false);
            held = true;
            return null;
        } catch (ParameterAlreadyExistsException e) {
            JsonNode current = read();
            if (current == null) {
                return tryTake();
            }
            Instant expires = Instant.parse(current.path("expires").asText(Instant.EPOCH.toString()));
            String holder = current.path("owner").asText("?") + " (lease until " + expires + ")";
            if (Instant.now().isBefore(expires)) {
                return holder;
            }
            put(true);
            JsonNode after = read();
            if (after != null && id.equals(after.path("id").asText())) {
                held = true;
                return null;
            }
            return holder;
        }
    }

    private void put(boolean overwrite) {
        String value;
        try {
            value = JSON.writeValueAsString(JSON.createObjectNode().put("owner", owner).put("id", id)
                    .put("expires", Instant.now().plus(TTL).toString()));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        aws.call("write the provision lease " + name, () -> aws.ssm().putParameter(r -> r.name(name).value(value)
                .type(ParameterType.STRING).overwrite(overwrite)));
    }

    private JsonNode read() {
        try {
            String v = aws.call("read the provision lease " + name, () -> aws.ssm().getParameter(r -> r.name(name))).parameter().value();
            return JSON.readTree(v);
        } catch (ParameterNotFoundException e) {
            return null;
        } catch (IOException e) {
            return JSON.createObjectNode();
        }
    }

    private void startRenewing() {
        renewer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "provision-lease");
            t.setDaemon(true);
            return t;
        });
        long every = TTL.toSeconds() / 4;
        renewer.scheduleAtFixedRate(() -> {
            try {
                if (held) {
                    put(true);
                }
            } catch (RuntimeException e) {
                // A missed renewal is retried at the next tick; the lease lasts four of them.
            }
        }, every, every, TimeUnit.SECONDS);
    }

    /** Gives the lease back (only if it is still ours). Safe to call twice. */
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
            JsonNode current = read();
            if (current != null && id.equals(current.path("id").asText())) {
                aws.call("release the provision lease " + name, () -> aws.ssm().deleteParameter(r -> r.name(name)));
            }
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
