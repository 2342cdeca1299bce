package io.magecloudkit.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.magecloudkit.MckException;
import io.magecloudkit.aws.AwsSession;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import software.amazon.awssdk.services.ssm.model.ParameterAlreadyExistsException;
import software.amazon.awssdk.services.ssm.model.ParameterNotFoundException;
import software.amazon.awssdk.services.ssm.model.ParameterType;

/**
 * One deploy per service at a time: an SSM parameter holding the owner and an expiry. It is created
 * only if absent; the holder renews it while it runs; a run that dies stops renewing, and once the
 * lease has expired the next run takes it over. SSM has no compare-and-swap, so a takeover writes
 * and then checks that its write is the one that stuck (the version it expected, its own owner id).
 */
final class DeployLease implements AutoCloseable {
    static final Duration TTL = Duration.ofSeconds(120);
    static final Duration RENEW_EVERY = Duration.ofSeconds(30);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final AwsSession aws;
    private final String name;
    private final String owner;
    private final String id = UUID.randomUUID().toString();
    private final GateClock clock;
    private Instant renewedAt;
    private boolean held;

    private DeployLease(AwsSession aws, String name, String owner, GateClock clock) {
        this.aws = aws;
        this.name = name;
        this.owner = owner;
        this.clock = clock;
    }

    /**
     * @throws MckException (operation failed) when another live run holds it
     */
    static DeployLease acquire(AwsSession aws, String name, String owner, GateClock clock, String what) {
        DeployLease lease = new DeployLease(aws, name, owner, clock);
        lease.take(what);
        return lease;
    }

    private void take(String what) {
        try {
            aws.call("take the deploy lease " + name, () -> aws.ssm().putParameter(r -> r.name(name).type(ParameterType.STRING)
                    .value(value()).overwrite(false).description("MageCloudKit deploy lease")));
            held();
            return;
        } catch (ParameterAlreadyExistsException e) {
            // someone holds it, or a dead run left it: look at the expiry
        }
        var current = aws.call("read the deploy lease " + name, () -> aws.ssm().getParameter(r -> r.name(name))).parameter();
        JsonNode holder = parse(current.value());
        Instant expires = Instant.ofEpochMilli(holder.path("expiresAt").asLong(0));
        if (expires.isAfter(clock.now())) {
            throw new MckException(MckException.Kind.OPERATION_FAILED, "another deploy of " + what + " is running ("
                    + holder.path("owner").asText("unknown") + ", lease " + name + " valid until " + expires
                    + "); nothing was changed");
        }
        long expected = current.version() + 1;
        long written = aws.call("take over the expired deploy lease " + name, () -> aws.ssm().putParameter(r -> r.name(name)
                .type(ParameterType.STRING).value(value()).overwrite(true))).version();
        String now = aws.call("read the deploy lease " + name, () -> aws.ssm().getParameter(r -> r.name(name))).parameter().value();
        if (written != expected || !id.equals(parse(now).path("id").asText())) {
            throw new MckException(MckException.Kind.OPERATION_FAILED, "another deploy of " + what
                    + " took the expired lease " + name + " at the same moment; nothing was changed");
        }
        held();
    }

    /** Extends the expiry when due; cheap to call on every look. */
    void renew() {
        if (!held || Duration.between(renewedAt, clock.now()).compareTo(RENEW_EVERY) < 0) {
            return;
        }
        // A run stalled past the expiry may have lost the lease to another: then it must not write over theirs.
        String now = aws.call("read the deploy lease " + name, () -> aws.ssm().getParameter(r -> r.name(name))).parameter().value();
        if (!id.equals(parse(now).path("id").asText())) {
            held = false;
            throw new MckException(MckException.Kind.OPERATION_FAILED, "lost the deploy lease " + name + " to "
                    + parse(now).path("owner").asText("another run") + " (this run stalled past its expiry); stopped watching");
        }
        aws.call("renew the deploy lease " + name, () -> aws.ssm().putParameter(r -> r.name(name).type(ParameterType.STRING)
                .value(value()).overwrite(true)));
        renewedAt = clock.now();
    }

    @Override
    public void close() {
        if (!held) {
            return;
        }
        held = false;
        try {
            String now = aws.ssm().getParameter(r -> r.name(name)).parameter().value();
            if (id.equals(parse(now).path("id").asText())) {
                aws.ssm().deleteParameter(r -> r.name(name));
            }
        } catch (ParameterNotFoundException e) {
            // already gone
        }
    }

    private void held() {
        held = true;
        renewedAt = clock.now();
    }

    private String value() {
        return JSON.createObjectNode().put("id", id).put("owner", owner)
                .put("expiresAt", clock.now().plus(TTL).toEpochMilli()).toString();
    }

    private static JsonNode parse(String value) {
        try {
            return JSON.readTree(value);
        } catch (IOException e) {
            return JSON.createObjectNode();
        }
    }
}
