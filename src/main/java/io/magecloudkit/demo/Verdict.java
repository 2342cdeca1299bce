package io.magecloudkit.demo;

import java.util.List;
import java.util.Objects;

/**
 * The demo's promises, judged from what the deploys reported and what the load balancer answered
 * (never from the demo's own plan): v1 passed its gate and serves; v2 failed its gate and was
 * rolled back to v1; v1 serves again afterwards.
 */
public final class Verdict {
    private Verdict() {
    }

    /**
     * @param v1           the first deploy's result
     * @param v1Served     the load balancer's answer after it
     * @param v2           the broken deploy's result
     * @param afterV2      the load balancer's answer after the broken deploy
     */
    public static List<Expectation> judge(DeployOutcome v1, ServedAnswer v1Served, DeployOutcome v2, ServedAnswer afterV2) {
        boolean v1Passed = v1.exitCode() == 0 && "passed".equals(v1.verdict()) && v1.taskDefinition() != null;
        boolean v1Serves = v1Passed && servedBy(v1Served, v1.taskDefinition());
        Expectation healthy = new Expectation("v1 healthy", v1Serves, "deploy exit " + v1.exitCode() + ", gate " + v1.verdict()
                + " on " + v1.revision() + "; load balancer: " + v1Served);

        boolean v2Failed = v2.exitCode() == 1 && "failed".equals(v2.verdict());
        boolean backToV1 = "passed".equals(v2.rollbackVerdict()) && v1.taskDefinition() != null
                && Objects.equals(v1.taskDefinition(), v2.rollbackTaskDefinition());
        Expectation rolledBack = new Expectation("v2 rolled back", v2Failed && backToV1, "deploy exit " + v2.exitCode() + ", gate "
                + v2.verdict() + " on " + v2.revision() + "; rollback "
                + (v2.rollbackHow() == null ? "none" : "(" + v2.rollbackHow() + ") " + v2.rollbackVerdict() + " to "
                        + Revisions.of(v2.rollbackTaskDefinition())));

        Expectation servingAgain = new Expectation("v1 serving again", v1.taskDefinition() != null && servedBy(afterV2, v1.taskDefinition()),
                "load balancer: " + afterV2 + " (v1 is " + v1.revision() + ")");
        return List.of(healthy, rolledBack, servingAgain);
    }

    private static boolean servedBy(ServedAnswer answer, String taskDefinition) {
        return answer.status() == 200 && Objects.equals(taskDefinition, answer.taskDefinition());
    }

    public static boolean allHeld(List<Expectation> expectations) {
        return !expectations.isEmpty() && expectations.stream().allMatch(Expectation::held);
    }
}
