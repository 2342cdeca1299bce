package io.magecloudkit.provision;

import io.magecloudkit.MckException;
import java.time.Duration;

/**
 * How often a run polls CloudFormation: starting fast (most changes settle in seconds), backing
 * off to a ceiling so a 20-minute database create does not spend the API rate limit.
 */
public record Backoff(Duration first, Duration max) {
    /** What real AWS wants: 2 s, growing to 15 s. */
    public static final Backoff DEFAULT = new Backoff(Duration.ofSeconds(2), Duration.ofSeconds(15));

    /** The pause after {@code attempt} polls (0-based): first × 1.5^attempt, at most max. */
    public Duration after(int attempt) {
        double millis = first.toMillis() * Math.pow(1.5, Math.min(attempt, 30));
        return Duration.ofMillis((long) Math.min(millis, max.toMillis()));
    }

    void sleep(int attempt) {
        try {
            Thread.sleep(after(attempt).toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new MckException(MckException.Kind.OPERATION_FAILED, "interrupted while waiting for CloudFormation");
        }
    }
}
