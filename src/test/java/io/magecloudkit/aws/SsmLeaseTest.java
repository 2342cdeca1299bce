package io.magecloudkit.aws;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.magecloudkit.MckException;
import io.magecloudkit.sandbox.SandboxFixture;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.ssm.model.ParameterNotFoundException;

/** The SSM lease that provision and deploy share, against the sandbox's SSM, with a clock the test moves. */
class SsmLeaseTest {
    static final String NAME = "/magecloudkit/shop/staging/test-lease";

    @Test
    void heldUntilItExpires_thenTakenOver_andTheStalledHolderNeitherRenewsNorReleasesIt() {
        try (SandboxFixture f = SandboxFixture.start()) {
            AwsSession aws = f.session();
            AtomicReference<Instant> now = new AtomicReference<>(Instant.parse("2026-01-01T00:00:00Z"));
            SsmLease first = SsmLease.tryAcquire(aws, NAME, "test lease", "run-1", now::get).lease();
            assertTrue(aws.ssm().getParameter(r -> r.name(NAME)).parameter().value()
                    .contains("\"expires\":\"2026-01-01T00:02:00Z\""), "owner and expiry in the parameter");

            SsmLease.Attempt refused = SsmLease.tryAcquire(aws, NAME, "test lease", "run-2", now::get);
            assertFalse(refused.taken());
            assertEquals("run-1", refused.owner());
            assertEquals(Instant.parse("2026-01-01T00:02:00Z"), refused.until());

            now.set(now.get().plus(SsmLease.RENEW_EVERY));
            first.renew();
            assertTrue(aws.ssm().getParameter(r -> r.name(NAME)).parameter().value().contains("2026-01-01T00:02:30Z"), "renewed");

            now.set(now.get().plus(SsmLease.TTL).plusSeconds(1));
            SsmLease.Attempt takeover = SsmLease.tryAcquire(aws, NAME, "test lease", "run-3", now::get);
            assertTrue(takeover.taken(), "an expired lease is taken over");
            MckException lost = assertThrows(MckException.class, first::renew);
            assertTrue(lost.getMessage().startsWith("lost the test lease " + NAME + " to run-3"), lost.getMessage());
            first.close();
            assertTrue(aws.ssm().getParameter(r -> r.name(NAME)).parameter().value().contains("run-3"), "run-3's lease stays");

            takeover.lease().close();
            assertThrows(ParameterNotFoundException.class, () -> aws.ssm().getParameter(r -> r.name(NAME)), "given back");
            takeover.lease().close();
        }
    }

    @Test
    void anUnreadableLease_countsAsExpired() {
        try (SandboxFixture f = SandboxFixture.start()) {
            AwsSession aws = f.session();
            aws.ssm().putParameter(r -> r.name(NAME).type("String").value("{\"owner\":\"old\",\"expires\":\"soon\"}"));
            SsmLease.Attempt a = SsmLease.tryAcquire(aws, NAME, "test lease", "run-1", Instant::now);
            assertTrue(a.taken());
            a.lease().close();
        }
    }
}
