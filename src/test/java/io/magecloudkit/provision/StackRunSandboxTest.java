package io.magecloudkit.provision;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.magecloudkit.cfnspec.CfnSpec;
import io.magecloudkit.sandbox.SandboxFixture;
import io.magecloudkit.sandbox.faults.FaultConfig;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.cloudformation.model.Stack;

/**
 * One stack at a time with small templates of its own, where the real templates cannot force the
 * case: a stateful resource replaced or removed, a resource failing on purpose, ROLLBACK_COMPLETE.
 */
class StackRunSandboxTest {
    private static final String LOGS = """
            Parameters:
              GroupName: { Type: String }
            Resources:
              Logs:
                Type: AWS::Logs::LogGroup
                Properties:
                  LogGroupName: { Ref: GroupName }
                  RetentionInDays: 7
            Outputs:
              LogGroup: { Value: { Ref: Logs } }
            """;
    private static final String EMPTY_ISH = """
            Parameters:
              GroupName: { Type: String }
            Resources:
              Topic:
                Type: AWS::SNS::Topic
            """;

    private SandboxFixture sandbox;
    private CloudFormationStacks stacks;

    @BeforeEach
    void start() {
        sandbox = SandboxFixture.builder().sandbox(c -> c.speed(2000)).start();
        stacks = new CloudFormationStacks(sandbox.session());
    }

    @AfterEach
    void stop() {
        ProvisionSandboxTest.forgiveReviewEvents(sandbox);
        sandbox.close();
    }

    private StackResult run(String body, String group, Set<String> allow, ProvisionSandboxTest.Log log, boolean plan) {
        return run(body, group, allow, log, plan, false);
    }

    private StackResult run(String body, String group, Set<String> allow, ProvisionSandboxTest.Log log, boolean plan, boolean protect) {
        RenderedStack stack = new RenderedStack("acme-shop-staging-logs", "logs", "logs.yml", body,
                List.of(new StackParameter("GroupName", group, null)), Set.of());
        ProvisionRequest request = new ProvisionRequest(ProvisionSandboxTest.EXAMPLE, "staging", sandbox.session(), CfnSpec.bundled(),
                plan, allow, "test", Duration.ZERO, ProvisionSandboxTest.FAST);
        Optional<Stack> existing = stacks.describe(stack.name());
        return new StackRun(stacks, request, log, ConcurrentHashMap.newKeySet(), protect, "t" + System.nanoTime() % 100000)
                .apply(stack, existing);
    }

    @Test
    void replacingAStatefulResourceIsRefusedUntilAllowed() {
        ProvisionSandboxTest.Log log = new ProvisionSandboxTest.Log();
        assertEquals("created", run(LOGS, "/acme/one", Set.of(), log, false).action(), log.toString());
        String before = stacks.describe("acme-shop-staging-logs").orElseThrow().outputs().get(0).outputValue();

        StackResult refused = run(LOGS, "/acme/two", Set.of(), log, false);
        assertEquals("refused", refused.action());
        assertTrue(refused.problem().contains("Logs (AWS::Logs::LogGroup) would be replaced (LogGroupName changed), losing the data it holds;"
                + " allow it with --allow-replacement Logs"), refused.problem());
        assertEquals(List.of("~ Modify Logs (AWS::Logs::LogGroup) replacement: True, caused by LogGroupName"), refused.changes());
        Stack after = stacks.describe("acme-shop-staging-logs").orElseThrow();
        assertEquals("CREATE_COMPLETE", after.stackStatusAsString(), "nothing changed");
        assertEquals(before, after.outputs().get(0).outputValue());
        assertEquals(List.of(), sandbox.session().cloudFormation().listChangeSets(r -> r.stackName("acme-shop-staging-logs")).summaries()
                .stream().filter(c -> "AVAILABLE".equals(c.executionStatusAsString())).map(c -> c.changeSetName() + " " + c.statusAsString()).toList(),
                "the refused change set is deleted");

        StackResult removal = run(EMPTY_ISH, "/acme/one", Set.of(), log, false);
        assertEquals("refused", removal.action());
        assertTrue(removal.problem().contains("Logs (AWS::Logs::LogGroup) would be removed"), removal.problem());

        StackResult allowed = run(LOGS, "/acme/two", Set.of("Logs"), log, false);
        assertEquals("updated", allowed.action(), log.toString());
        assertEquals("/acme/two", stacks.describe("acme-shop-staging-logs").orElseThrow().outputs().get(0).outputValue());
    }

    @Test
    void theSameInputTwiceIsUnchangedAndAnEmptyChangeSetCountsAsNoChange() {
        ProvisionSandboxTest.Log log = new ProvisionSandboxTest.Log();
        run(LOGS, "/acme/one", Set.of(), log, false);
        assertEquals("unchanged", run(LOGS, "/acme/one", Set.of(), log, false).action());
        // Identical template, parameters and tags: the sandbox fails the change set with AWS's wording.
        Stack s = stacks.describe("acme-shop-staging-logs").orElseThrow();
        RenderedStack same = new RenderedStack(s.stackName(), "logs", "logs.yml", LOGS, List.of(new StackParameter("GroupName", "/acme/one", null)), Set.of());
        java.util.Map<String, String> tags = new java.util.LinkedHashMap<>();
        s.tags().forEach(t -> tags.put(t.key(), t.value()));
        String id = stacks.createChangeSet(same, false, "empty", tags);
        var cs = stacks.awaitChangeSet(id, ProvisionSandboxTest.FAST);
        assertEquals("FAILED", cs.statusAsString());
        assertTrue(StackRun.noChange(cs.statusReason()), cs.statusReason());
        assertTrue(!StackRun.noChange("Template format error: unresolved resource dependencies [Vpc]"));
        stacks.deleteChangeSet(id);
    }

    @Test
    void aFailingResourceIsReportedAsTheRootCauseAndRollbackCompleteIsRecreated() {
        sandbox.sandbox().faults(new FaultConfig(null, List.of(), List.of(),
                List.of(new FaultConfig.ResourceFault("Logs", "CREATE", "Resource handler returned message: \"quota exceeded\""))));
        ProvisionSandboxTest.Log log = new ProvisionSandboxTest.Log();
        StackResult failed = run(LOGS, "/acme/one", Set.of(), log, false);
        assertEquals("failed", failed.action());
        assertEquals("Logs (AWS::Logs::LogGroup) CREATE_FAILED: Resource handler returned message: \"quota exceeded\" (stack left ROLLBACK_COMPLETE)",
                failed.problem());
        assertTrue(log.has("root cause: Logs (AWS::Logs::LogGroup) CREATE_FAILED"), log.toString());

        sandbox.sandbox().faults(FaultConfig.NONE);
        ProvisionSandboxTest.Log second = new ProvisionSandboxTest.Log();
        assertEquals("recreated", run(LOGS, "/acme/one", Set.of(), second, false).action(), second.toString());
        assertTrue(second.has("acme-shop-staging-logs: ROLLBACK_COMPLETE (an earlier create failed); deleting it to create it again"), second.toString());
    }

    @Test
    void aProtectedEnvironmentsStacksGetTerminationProtection() {
        ProvisionSandboxTest.Log log = new ProvisionSandboxTest.Log();
        assertEquals("created", run(LOGS, "/acme/one", Set.of(), log, false, true).action(), log.toString());
        assertTrue(stacks.describe("acme-shop-staging-logs").orElseThrow().enableTerminationProtection());
    }

    @Test
    void aPlanShowsTheDiffAndChangesNothing() {
        ProvisionSandboxTest.Log log = new ProvisionSandboxTest.Log();
        StackResult plan = run(LOGS, "/acme/one", Set.of(), log, true);
        assertEquals("would create", plan.action());
        assertEquals(List.of("+ Add Logs (AWS::Logs::LogGroup)"), plan.changes());
        assertTrue(stacks.describe("acme-shop-staging-logs").isEmpty(), "the review stack of a plan is deleted");
        assertNull(plan.problem());
    }
}
