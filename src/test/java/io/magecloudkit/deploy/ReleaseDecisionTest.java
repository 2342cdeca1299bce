package io.magecloudkit.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.magecloudkit.deploy.ReleaseDecision.Maintenance;
import io.magecloudkit.deploy.ReleaseDecision.Step;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ReleaseDecisionTest {
    @ParameterizedTest
    @CsvSource(nullValues = "none", value = {
        "0, NOTHING_TO_DO",
        "2, UPGRADE",
        "1, STOP",
        "3, STOP",
        "137, STOP",
        "255, STOP",
        "none, STOP",
    })
    void statusExitDecides(Integer exit, Step expected) {
        assertEquals(expected, ReleaseDecision.afterStatus(exit));
    }

    @ParameterizedTest
    @CsvSource({
        "NEVER, NOTHING_TO_DO, false, false",
        "NEVER, UPGRADE, false, false",
        "UPGRADE, NOTHING_TO_DO, false, true",
        "UPGRADE, UPGRADE, true, true",
        "UPGRADE, STOP, false, true",
        "ALWAYS, NOTHING_TO_DO, true, true",
        "ALWAYS, UPGRADE, true, true",
        "ALWAYS, STOP, false, true",
    })
    void maintenanceFollowsPolicy(Maintenance policy, Step step, boolean enable, boolean disable) {
        assertEquals(enable, ReleaseDecision.enableMaintenance(policy, step));
        assertEquals(disable, ReleaseDecision.disableAtEnd(policy));
    }

    @ParameterizedTest
    @CsvSource({"never, NEVER", "upgrade, UPGRADE", "always, ALWAYS"})
    void policyWords(String word, Maintenance expected) {
        assertEquals(expected, Maintenance.parse(word));
    }
}
