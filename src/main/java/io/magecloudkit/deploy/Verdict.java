package io.magecloudkit.deploy;

import java.util.List;

/**
 * The gate's judgement of one observation.
 *
 * @param reason   why it passed or failed, or what it is waiting for
 * @param evidence on failure, the facts behind it (stopped tasks, exit codes, events)
 */
public record Verdict(Outcome outcome, String reason, List<String> evidence) {
    public enum Outcome { PASS, FAIL, WAIT }

    public Verdict {
        evidence = List.copyOf(evidence);
    }

    static Verdict pass(String reason) {
        return new Verdict(Outcome.PASS, reason, List.of());
    }

    static Verdict fail(String reason, List<String> evidence) {
        return new Verdict(Outcome.FAIL, reason, evidence);
    }

    static Verdict waitFor(String reason) {
        return new Verdict(Outcome.WAIT, reason, List.of());
    }

    public boolean done() {
        return outcome != Outcome.WAIT;
    }
}
