package io.magecloudkit.demo;

import java.time.Duration;

/**
 * One phase of the rehearsal as it went: its title, how long it took (wall time) and what came
 * of it, with a short note for the summary table.
 */
public record PhaseResult(String title, Duration took, Outcome outcome, String note) {
    public enum Outcome {
        OK("ok"), EXPECTED_FAILURE("failed, as planned"), FAILED("FAILED");

        private final String label;

        Outcome(String label) {
            this.label = label;
        }

        public String label() {
            return label;
        }
    }
}
