package io.magecloudkit.demo;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class SummaryTableTest {
    @Test
    void phasesWithSecondsAndOutcome_aTotal_thenEachExpectation() {
        String table = SummaryTable.render(List.of(
                new PhaseResult("provision", Duration.ofMillis(8_840), PhaseResult.Outcome.OK, "14 stacks created"),
                new PhaseResult("deploy v2", Duration.ofMillis(7_310), PhaseResult.Outcome.EXPECTED_FAILURE, null),
                new PhaseResult("status", Duration.ofMillis(40), PhaseResult.Outcome.FAILED, "")),
                List.of(new Expectation("v1 healthy", true, "gate passed"), new Expectation("v2 rolled back", false, "no rollback")));
        assertEquals("""
                phase            seconds  outcome             note
                provision            8.8  ok                  14 stacks created
                deploy v2            7.3  failed, as planned
                status               0.0  FAILED
                total               16.2

                expectation     held    evidence
                v1 healthy      yes     gate passed
                v2 rolled back  NO      no rollback
                """, table.replaceAll("(?m) +$", ""));
    }
}
