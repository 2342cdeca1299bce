package io.magecloudkit.deploy;

import static io.magecloudkit.deploy.HealthGateTest.NEW_TD;
import static io.magecloudkit.deploy.HealthGateTest.look;
import static io.magecloudkit.deploy.HealthGateTest.old;
import static io.magecloudkit.deploy.HealthGateTest.ours;
import static io.magecloudkit.deploy.HealthGateTest.stopped;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.magecloudkit.deploy.Observation.DeploymentView;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The worker gate's verdicts: the web gate's rules without targets or smoke check, and a crashed task
 * named as the root cause whatever ECS did after it (a worker's one task can crash, trip the breaker
 * and be rolled back between two looks).
 */
class WorkerGateDecisionTest {
    static final GateSettings WEB = new GateSettings(2, Duration.ofMinutes(15), true, 3, 5);
    static final GateSettings WORKER = WorkerRollout.settings(WEB);

    @Test
    void aWorkersGate_keepsTheThresholdAndTimeout_withoutTargetsOrSmokeCheck() {
        assertEquals(new GateSettings(2, Duration.ofMinutes(15), false, 0, 0), WORKER);
    }

    static Stream<Arguments> cases() {
        var crash = List.of(stopped("EssentialContainerExited", 3));
        var rollingBack = old("PRIMARY", "IN_PROGRESS", 0, "ECS deployment circuit breaker: rolling back");
        return Stream.of(
            Arguments.of("completed, no targets or smoke check to wait for", look(List.of(ours("PRIMARY", "COMPLETED", 2, 0)),
                    List.of(), null, null), Verdict.Outcome.PASS, "deployment ecs-svc/new of shop-web:8 COMPLETED"),
            Arguments.of("still starting", look(List.of(ours("PRIMARY", "IN_PROGRESS", 0, 1)), List.of(), null, null),
                    Verdict.Outcome.WAIT, "rollout IN_PROGRESS (0/2 new tasks running)"),
            Arguments.of("the old task still stops", look(List.of(ours("PRIMARY", "IN_PROGRESS", 0, 0),
                    old("ACTIVE", "COMPLETED", 1, "")), List.of(), null, null), Verdict.Outcome.WAIT, "1 old tasks still running"),
            Arguments.of("crashed", look(List.of(ours("PRIMARY", "IN_PROGRESS", 0, 1)), crash, null, null),
                    Verdict.Outcome.FAIL, "new task t3: essential container php-fpm exited with code 3"),
            Arguments.of("crashed, then rolled back and gone from the array", look(List.of(rollingBack), crash, null, null),
                    Verdict.Outcome.FAIL, "new task t3: essential container php-fpm exited with code 3"),
            Arguments.of("crashed, then marked FAILED", look(List.of(rollingBack, new DeploymentView("ecs-svc/new", "ACTIVE",
                    NEW_TD, "FAILED", "tasks failed to start.", 2, 0, 0, 3, Instant.EPOCH)), crash, null, null),
                    Verdict.Outcome.FAIL, "new task t3: essential container php-fpm exited with code 3"),
            Arguments.of("crashed, and ECS's record says rolled back: both named", HealthGateTest.withRecord(look(List.of(rollingBack),
                    crash, null, null), "ROLLBACK_SUCCESSFUL", "rolled back."), Verdict.Outcome.FAIL,
                    "ECS's record of deployment ecs-svc/new is ROLLBACK_SUCCESSFUL: rolled back.; new task t3: essential container"
                            + " php-fpm exited with code 3"),
            Arguments.of("gone without a crash seen", look(List.of(rollingBack), List.of(), null, null), Verdict.Outcome.FAIL,
                    "ECS no longer lists deployment ecs-svc/new"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void judges(String name, Observation o, Verdict.Outcome outcome, String reason) {
        Verdict v = HealthGate.judge(WORKER, "ecs-svc/new", NEW_TD, o, Duration.ZERO);
        assertEquals(outcome, v.outcome(), v.reason());
        assertTrue(v.reason().contains(reason), v.reason());
    }
}
