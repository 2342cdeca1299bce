package io.magecloudkit.provision;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.magecloudkit.MckException;
import io.magecloudkit.cfnspec.CfnSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

/** The pure decisions of a provision run, without servers. */
class ProvisionDecisionsTest {
    private static RenderedStack stack(String name, String... deps) {
        return new RenderedStack(name, name, name + ".yml", "Resources: {}", List.of(new StackParameter("P", "v", null)), Set.of(deps));
    }

    static Stream<Arguments> waves() {
        return Stream.of(
                Arguments.of(List.of(stack("a"), stack("b")), "[[a, b]]"),
                Arguments.of(List.of(stack("a"), stack("b", "a"), stack("c", "a")), "[[a], [b, c]]"),
                Arguments.of(List.of(stack("a"), stack("b", "a"), stack("c", "b"), stack("d", "a")), "[[a], [b, d], [c]]"),
                Arguments.of(List.of(stack("b", "outside")), "[[b]]"));
    }

    @ParameterizedTest
    @MethodSource
    void waves(List<RenderedStack> stacks, String expected) {
        assertEquals(expected, ProvisionWaves.of(stacks).stream().map(w -> w.stream().map(RenderedStack::name).toList()).toList().toString());
    }

    @Test
    void deletionWavesAreCreationWavesReversedAndACycleIsRefused() {
        assertEquals("[[c], [b], [a]]", ProvisionWaves.reversed(List.of(stack("a"), stack("b", "a"), stack("c", "b"))).stream()
                .map(w -> w.stream().map(RenderedStack::name).toList()).toList().toString());
        assertThrows(MckException.class, () -> ProvisionWaves.of(List.of(stack("a", "b"), stack("b", "a"))));
    }

    @ParameterizedTest
    @CsvSource({
        "CREATE_COMPLETE, READY", "UPDATE_COMPLETE, READY", "UPDATE_ROLLBACK_COMPLETE, READY",
        "ROLLBACK_COMPLETE, RECREATE", "ROLLBACK_FAILED, RECREATE", "REVIEW_IN_PROGRESS, RECREATE",
        "CREATE_IN_PROGRESS, WAIT", "UPDATE_IN_PROGRESS, WAIT", "UPDATE_COMPLETE_CLEANUP_IN_PROGRESS, WAIT",
        "UPDATE_ROLLBACK_IN_PROGRESS, WAIT", "DELETE_IN_PROGRESS, WAIT",
        "UPDATE_ROLLBACK_FAILED, STUCK", "DELETE_FAILED, STUCK", "DELETE_COMPLETE, ABSENT", ", ABSENT"})
    void statesThatNeedCare(String status, StackCondition expected) {
        assertEquals(expected, StackCondition.of(status));
    }

    @Test
    void stuckStatesAreExplainedPlainly() {
        assertEquals("s is UPDATE_ROLLBACK_FAILED (x): an update failed and so did its rollback; fix the resource named in the stack"
                + " events by hand, then run `aws cloudformation continue-update-rollback --stack-name s` and provision again",
                StackCondition.explain("s", "UPDATE_ROLLBACK_FAILED", "x"));
        assertEquals("s is DELETE_FAILED: some resources could not be deleted; remove them (or retry with `mck destroy`), then provision again",
                StackCondition.explain("s", "DELETE_FAILED", null));
    }

    @Test
    void theFingerprintCoversBodyAndParametersButNotTheirOrder() {
        RenderedStack a = new RenderedStack("s", "s", "t", "body", List.of(new StackParameter("A", "1", null), new StackParameter("B", "2", null)), Set.of());
        RenderedStack reordered = new RenderedStack("s", "s", "t", "body", List.of(new StackParameter("B", "2", null), new StackParameter("A", "1", null)), Set.of());
        RenderedStack value = new RenderedStack("s", "s", "t", "body", List.of(new StackParameter("A", "1", null), new StackParameter("B", "3", null)), Set.of());
        RenderedStack body = new RenderedStack("s", "s", "t", "body ", a.parameters(), Set.of());
        RenderedStack shifted = new RenderedStack("s", "s", "t", "body", List.of(new StackParameter("A", "1B", null), new StackParameter("", "2", null)), Set.of());
        assertEquals(StackFingerprint.of(a), StackFingerprint.of(reordered));
        assertNotEquals(StackFingerprint.of(a), StackFingerprint.of(value));
        assertNotEquals(StackFingerprint.of(a), StackFingerprint.of(body));
        assertNotEquals(StackFingerprint.of(a), StackFingerprint.of(shifted));
    }

    @ParameterizedTest
    @CsvSource({"READY, abc, abc, true", "READY, abd, abc, false", "READY, , abc, false", "RECREATE, abc, abc, false", "WAIT, abc, abc, false"})
    void noOpDecision(StackCondition condition, String recorded, String wanted, boolean skip) {
        assertEquals(skip, StackFingerprint.unchanged(condition, recorded, wanted));
    }

    static Stream<Arguments> guard() {
        return Stream.of(
                // stateful, replaced: refused, CloudFormation's causing property named
                Arguments.of(new ResourceChange("Modify", "Db", "AWS::RDS::DBCluster", "True", List.of("DBClusterIdentifier"), List.of("DBClusterIdentifier")),
                        Set.of(), "s: Db (AWS::RDS::DBCluster) would be replaced (DBClusterIdentifier changed), losing the data it holds; allow it with --allow-replacement Db"),
                // conditional replacement counts
                Arguments.of(new ResourceChange("Modify", "Fs", "AWS::EFS::FileSystem", "Conditional", List.of(), List.of("PerformanceMode")),
                        Set.of(), "s: Fs (AWS::EFS::FileSystem) would be replaced (PerformanceMode changed), losing the data it holds; allow it with --allow-replacement Fs"),
                Arguments.of(new ResourceChange("Remove", "Logs", "AWS::Logs::LogGroup", null, List.of(), List.of()),
                        Set.of(), "s: Logs (AWS::Logs::LogGroup) would be removed, losing the data it holds; allow it with --allow-replacement Logs"),
                Arguments.of(new ResourceChange("Remove", "Logs", "AWS::Logs::LogGroup", null, List.of(), List.of()), Set.of("Logs"), ""),
                // stateless replaced, stateful modified in place, added: all pass
                Arguments.of(new ResourceChange("Modify", "Lt", "AWS::EC2::LaunchTemplate", "True", List.of(), List.of()), Set.of(), ""),
                Arguments.of(new ResourceChange("Modify", "Db", "AWS::RDS::DBCluster", "False", List.of(), List.of("BackupRetentionPeriod")), Set.of(), ""),
                Arguments.of(new ResourceChange("Add", "Db", "AWS::RDS::DBCluster", null, List.of(), List.of()), Set.of(), ""));
    }

    @ParameterizedTest
    @MethodSource
    void guard(ResourceChange change, Set<String> allowed, String refusal) {
        List<ReplacementGuard.Refusal> refusals = new ReplacementGuard(CfnSpec.bundled()).check("s", List.of(change), allowed);
        assertEquals(refusal, refusals.stream().map(ReplacementGuard.Refusal::message).findFirst().orElse(""));
    }

    @Test
    void diffLines() {
        assertEquals("+ Add Vpc (AWS::EC2::VPC)", new ResourceChange("Add", "Vpc", "AWS::EC2::VPC", null, List.of(), List.of()).line());
        assertEquals("- Remove Vpc (AWS::EC2::VPC)", new ResourceChange("Remove", "Vpc", "AWS::EC2::VPC", null, List.of(), List.of()).line());
        assertEquals("~ Modify Db (AWS::RDS::DBCluster) replacement: True, caused by DBClusterIdentifier",
                new ResourceChange("Modify", "Db", "AWS::RDS::DBCluster", "True", List.of("DBClusterIdentifier"), List.of("DBClusterIdentifier", "Port")).line());
        assertEquals("~ Modify Db (AWS::RDS::DBCluster) replacement: False, changes Port",
                new ResourceChange("Modify", "Db", "AWS::RDS::DBCluster", "False", List.of(), List.of("Port")).line());
    }

    private static StackEventView event(int second, String id, String type, String status, String reason) {
        return new StackEventView(id + second, Instant.parse("2026-01-01T00:00:00Z").plusSeconds(second), id, type, status, reason, "t");
    }

    static Stream<Arguments> rootCause() {
        String stack = "AWS::CloudFormation::Stack";
        return Stream.of(
                Arguments.of(List.of(
                        event(1, "Vpc", "AWS::EC2::VPC", "CREATE_COMPLETE", null),
                        event(2, "Db", "AWS::RDS::DBCluster", "CREATE_FAILED", "quota exceeded"),
                        event(3, "Cache", "AWS::ElastiCache::ReplicationGroup", "CREATE_FAILED", "Resource creation cancelled"),
                        event(4, "s", stack, "ROLLBACK_IN_PROGRESS", "The following resource(s) failed to create: [Cache, Db]. ")), "Db"),
                // the cancelled one came first: still not the cause
                Arguments.of(List.of(
                        event(1, "Cache", "AWS::ElastiCache::ReplicationGroup", "UPDATE_FAILED", "Resource update cancelled"),
                        event(2, "Db", "AWS::RDS::DBCluster", "UPDATE_FAILED", "invalid engine version")), "Db"),
                Arguments.of(List.of(event(1, "s", stack, "UPDATE_ROLLBACK_FAILED", "x")), "none"),
                Arguments.of(List.of(), "none"));
    }

    @ParameterizedTest
    @MethodSource
    void rootCause(List<StackEventView> events, String expected) {
        assertEquals(expected, RootCause.of(events, "AWS::CloudFormation::Stack").map(StackEventView::logicalId).orElse("none"));
    }

    @ParameterizedTest
    @CsvSource({"0, 2000", "1, 3000", "2, 4500", "5, 15000", "40, 15000"})
    void backoffGrowsToItsCeiling(int attempt, long millis) {
        assertEquals(Duration.ofMillis(millis), Backoff.DEFAULT.after(attempt));
    }
}
