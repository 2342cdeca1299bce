package io.magecloudkit.demo;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class VerdictTest {
    static final String TD = "arn:aws:ecs:us-east-1:000000000000:task-definition/shop-demo-magento:";
    static final DeployOutcome V1 = new DeployOutcome(0, "passed", "ok", TD + "2", null, null, null);
    static final DeployOutcome V2 = new DeployOutcome(1, "failed", "crashed", TD + "3", "ECS rollback", "passed", TD + "2");
    static final ServedAnswer BY_V1 = new ServedAnswer(200, TD + "2", null);

    static Stream<Arguments> cases() {
        return Stream.of(
                Arguments.of("all held", V1, BY_V1, V2, BY_V1, List.of(true, true, true)),
                Arguments.of("v1 deploy failed", new DeployOutcome(1, "failed", "x", TD + "2", "ECS rollback", "passed", TD + "1"),
                        BY_V1, V2, BY_V1, List.of(false, true, true)),
                Arguments.of("v1 passed but another revision answers", V1, new ServedAnswer(200, TD + "1", null), V2, BY_V1,
                        List.of(false, true, true)),
                Arguments.of("v1 answers 503", V1, new ServedAnswer(503, null, null), V2, BY_V1, List.of(false, true, true)),
                Arguments.of("v2 passed (the fault did not bite)", V1, BY_V1, new DeployOutcome(0, "passed", "ok", TD + "3", null, null, null),
                        new ServedAnswer(200, TD + "3", null), List.of(true, false, false)),
                Arguments.of("v2 failed, its rollback failed", V1, BY_V1,
                        new DeployOutcome(1, "failed", "x", TD + "3", "ECS rollback", "failed", TD + "2"), BY_V1, List.of(true, false, true)),
                Arguments.of("v2 rolled back to another revision", V1, BY_V1,
                        new DeployOutcome(1, "failed", "x", TD + "3", "update to previous revision", "passed", TD + "1"),
                        new ServedAnswer(200, TD + "1", null), List.of(true, false, false)),
                Arguments.of("v2 failed with a usage error, not the gate", V1, BY_V1,
                        new DeployOutcome(2, "failed", "x", null, null, null, null), BY_V1, List.of(true, false, true)),
                Arguments.of("nothing ran", DeployOutcome.NOT_RUN, ServedAnswer.unreachable("not asked"), DeployOutcome.NOT_RUN,
                        ServedAnswer.unreachable("not asked"), List.of(false, false, false)),
                Arguments.of("load balancer unreachable after v2", V1, BY_V1, V2, ServedAnswer.unreachable("refused"),
                        List.of(true, true, false)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void judge(String why, DeployOutcome v1, ServedAnswer v1Served, DeployOutcome v2, ServedAnswer after, List<Boolean> held) {
        List<Expectation> e = Verdict.judge(v1, v1Served, v2, after);
        assertEquals(List.of("v1 healthy", "v2 rolled back", "v1 serving again"), e.stream().map(Expectation::name).toList());
        assertEquals(held, e.stream().map(Expectation::held).toList(), e.toString());
        assertEquals(!held.contains(false), Verdict.allHeld(e));
    }
}
