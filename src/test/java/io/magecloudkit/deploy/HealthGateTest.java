package io.magecloudkit.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.magecloudkit.deploy.Observation.ContainerExit;
import io.magecloudkit.deploy.Observation.DeploymentView;
import io.magecloudkit.deploy.Observation.SmokeView;
import io.magecloudkit.deploy.Observation.StoppedTask;
import io.magecloudkit.deploy.Observation.TargetView;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The gate's verdicts over observed state, case by case. */
class HealthGateTest {
    static final String NEW_TD = "arn:aws:ecs:us-east-1:1:task-definition/shop-web:8";
    static final String OLD_TD = "arn:aws:ecs:us-east-1:1:task-definition/shop-web:7";
    static final GateSettings GATE = new GateSettings(2, Duration.ofMinutes(15), true, 3, 5);

    static DeploymentView ours(String status, String rollout, int running, int pending) {
        return new DeploymentView("ecs-svc/new", status, NEW_TD, rollout, "", 2, running, pending, 0, Instant.EPOCH);
    }

    static DeploymentView old(String status, String rollout, int running, String reason) {
        return new DeploymentView("ecs-svc/old", status, OLD_TD, rollout, reason, 2, running, 0, 0, Instant.EPOCH);
    }

    static TargetView targets(int healthy, int initial, int unhealthy) {
        return new TargetView(healthy, initial, unhealthy, 0, 0, List.of());
    }

    static StoppedTask stopped(String code, Integer exit) {
        return new StoppedTask("t" + exit, code, code.equals("EssentialContainerExited") ? "Essential container in task exited"
                : "Task failed ELB health checks", List.of(new ContainerExit("php-fpm", true, exit, null)));
    }

    static Observation look(List<DeploymentView> deployments, List<StoppedTask> stopped, TargetView targets, SmokeView smoke) {
        return new Observation(Instant.EPOCH, deployments, stopped, targets, smoke);
    }

    static Stream<Arguments> cases() {
        var done = ours("PRIMARY", "COMPLETED", 2, 0);
        var ok = targets(2, 0, 0);
        var smoke3 = new SmokeView(3, 0, "200");
        return Stream.of(
            Arguments.of("all conditions hold", look(List.of(done), List.of(), ok, smoke3), Duration.ZERO,
                    Verdict.Outcome.PASS, "COMPLETED, 2 targets healthy, smoke check passed 3 times"),
            Arguments.of("stable but not COMPLETED", look(List.of(ours("PRIMARY", "IN_PROGRESS", 2, 0)), List.of(), ok, smoke3),
                    Duration.ZERO, Verdict.Outcome.WAIT, "rollout IN_PROGRESS"),
            Arguments.of("old tasks still serve", look(List.of(done, old("ACTIVE", "COMPLETED", 1, "")), List.of(), ok, smoke3),
                    Duration.ZERO, Verdict.Outcome.WAIT, "1 old tasks still running"),
            Arguments.of("a target still initial", look(List.of(done), List.of(), targets(1, 1, 0), smoke3), Duration.ZERO,
                    Verdict.Outcome.WAIT, "targets healthy 1/2"),
            Arguments.of("smoke check 2 of 3", look(List.of(done), List.of(), ok, new SmokeView(2, 0, "200")), Duration.ZERO,
                    Verdict.Outcome.WAIT, "smoke check 2/3"),
            Arguments.of("circuit breaker marked it FAILED",
                    look(List.of(old("PRIMARY", "IN_PROGRESS", 0, "rolling back"),
                            new DeploymentView("ecs-svc/new", "ACTIVE", NEW_TD, "FAILED", "tasks failed to start.", 2, 0, 0, 3,
                                    Instant.EPOCH)), List.of(), ok, null), Duration.ZERO, Verdict.Outcome.FAIL,
                    "ECS marked deployment ecs-svc/new FAILED (tasks failed to start.)"),
            Arguments.of("rolled back and stable again: never a success",
                    look(List.of(old("PRIMARY", "COMPLETED", 2, "ECS deployment circuit breaker: rolling back")), List.of(), ok,
                            smoke3), Duration.ZERO, Verdict.Outcome.FAIL, "ECS no longer lists deployment ecs-svc/new"),
            Arguments.of("replaced by another deployment",
                    look(List.of(old("PRIMARY", "IN_PROGRESS", 0, "manual"), ours("ACTIVE", "IN_PROGRESS", 2, 0)), List.of(),
                            ok, null), Duration.ZERO, Verdict.Outcome.FAIL, "is no longer PRIMARY"),
            Arguments.of("essential container exited non-zero",
                    look(List.of(ours("PRIMARY", "IN_PROGRESS", 0, 2)), List.of(stopped("EssentialContainerExited", 3)), ok,
                            null), Duration.ZERO, Verdict.Outcome.FAIL, "php-fpm exited with code 3"),
            Arguments.of("one task failed health checks: below the threshold",
                    look(List.of(ours("PRIMARY", "IN_PROGRESS", 1, 1)), List.of(stopped("TaskFailedToStart", 143)), ok, null),
                    Duration.ZERO, Verdict.Outcome.WAIT, "rollout IN_PROGRESS"),
            Arguments.of("two tasks failed: the threshold",
                    look(List.of(ours("PRIMARY", "IN_PROGRESS", 0, 2)), List.of(stopped("TaskFailedToStart", 143),
                            new StoppedTask("t2", "TaskFailedToStart", "Task failed ELB health checks", List.of())), ok, null),
                    Duration.ZERO, Verdict.Outcome.FAIL, "2 new tasks stopped (threshold 2)"),
            Arguments.of("scaled-in tasks do not count",
                    look(List.of(ours("PRIMARY", "IN_PROGRESS", 2, 0)), List.of(stopped("ServiceSchedulerInitiated", 0),
                            stopped("UserInitiated", 143)), ok, null), Duration.ZERO, Verdict.Outcome.WAIT, "rollout"),
            Arguments.of("smoke check failing 5 times", look(List.of(done), List.of(), ok, new SmokeView(0, 5, "500 in 3 ms")),
                    Duration.ZERO, Verdict.Outcome.FAIL, "smoke check failed 5 times in a row: 500 in 3 ms"),
            Arguments.of("timeout", look(List.of(ours("PRIMARY", "IN_PROGRESS", 1, 1)), List.of(), ok, null),
                    Duration.ofMinutes(15), Verdict.Outcome.FAIL, "timed out after 15 min waiting for: rollout IN_PROGRESS"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void judge(String name, Observation o, Duration elapsed, Verdict.Outcome outcome, String reason) {
        Verdict v = HealthGate.judge(GATE, "ecs-svc/new", NEW_TD, o, elapsed);
        assertEquals(outcome, v.outcome(), v.reason());
        assertTrue(v.reason().contains(reason), v.reason());
    }

    static Observation withRecord(Observation o, String status, String reason) {
        return new Observation(o.at(), o.deployments(), o.stoppedNewTasks(), o.targets(), o.smoke(),
                new Observation.RecordView("arn:aws:ecs:us-east-1:1:service-deployment/c/shop-web/abc", status, reason));
    }

    /** ECS's deployment record as one more input: a stopped or rolled-back record outweighs a settled-looking array. */
    static Stream<Arguments> recordCases() {
        var done = look(List.of(ours("PRIMARY", "COMPLETED", 2, 0)), List.of(), targets(2, 0, 0), new SmokeView(3, 0, "200"));
        var rolling = look(List.of(ours("PRIMARY", "IN_PROGRESS", 1, 1)), List.of(), targets(1, 1, 0), null);
        return Stream.of(
            Arguments.of("no record (endpoint without them): the array decides", done, null, null, Verdict.Outcome.PASS,
                    "COMPLETED"),
            Arguments.of("record SUCCESSFUL", done, "SUCCESSFUL", "", Verdict.Outcome.PASS, "COMPLETED"),
            Arguments.of("record IN_PROGRESS while the array shows COMPLETED", done, "IN_PROGRESS", null, Verdict.Outcome.PASS,
                    "COMPLETED"),
            Arguments.of("record ROLLBACK_SUCCESSFUL while the array shows COMPLETED", done, "ROLLBACK_SUCCESSFUL",
                    "Service deployment rolled back because the circuit breaker threshold was exceeded.", Verdict.Outcome.FAIL,
                    "ECS's record of deployment ecs-svc/new is ROLLBACK_SUCCESSFUL: Service deployment rolled back because"
                            + " the circuit breaker threshold was exceeded."),
            Arguments.of("record ROLLBACK_IN_PROGRESS", rolling, "ROLLBACK_IN_PROGRESS", "rolling back", Verdict.Outcome.FAIL,
                    "is ROLLBACK_IN_PROGRESS: rolling back"),
            Arguments.of("record ROLLBACK_REQUESTED", rolling, "ROLLBACK_REQUESTED", null, Verdict.Outcome.FAIL,
                    "is ROLLBACK_REQUESTED"),
            Arguments.of("record ROLLBACK_FAILED", rolling, "ROLLBACK_FAILED", "rollback failed", Verdict.Outcome.FAIL,
                    "ROLLBACK_FAILED: rollback failed"),
            Arguments.of("record STOPPED", done, "STOPPED", "superseded by a newer service deployment.", Verdict.Outcome.FAIL,
                    "is STOPPED: superseded by a newer service deployment."),
            Arguments.of("record PENDING while rolling: wait", rolling, "PENDING", null, Verdict.Outcome.WAIT, "rollout"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("recordCases")
    void judgeWithRecord(String name, Observation o, String status, String reason, Verdict.Outcome outcome, String words) {
        Observation seen = status == null ? o : withRecord(o, status, reason);
        Verdict v = HealthGate.judge(GATE, "ecs-svc/new", NEW_TD, seen, Duration.ZERO);
        assertEquals(outcome, v.outcome(), v.reason());
        assertTrue(v.reason().contains(words), v.reason());
    }

    static Stream<Arguments> smokeCases() {
        var ok = targets(2, 0, 0);
        return Stream.of(
            Arguments.of("only new tasks serve", look(List.of(ours("PRIMARY", "IN_PROGRESS", 2, 0)), List.of(), ok, null), true),
            Arguments.of("old tasks still serve", look(List.of(ours("PRIMARY", "IN_PROGRESS", 2, 0),
                    old("ACTIVE", "COMPLETED", 2, "")), List.of(), ok, null), false),
            Arguments.of("no new task running", look(List.of(ours("PRIMARY", "IN_PROGRESS", 0, 2)), List.of(), ok, null), false),
            Arguments.of("no healthy target", look(List.of(ours("PRIMARY", "IN_PROGRESS", 2, 0)), List.of(),
                    targets(0, 2, 0), null), false));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("smokeCases")
    void smokeDue(String name, Observation o, boolean due) {
        assertEquals(due, HealthGate.smokeDue(GATE, "ecs-svc/new", o));
    }
}
