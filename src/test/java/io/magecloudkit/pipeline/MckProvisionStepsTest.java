package io.magecloudkit.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** mckProvision and mckPlan with an mck stand-in: argument mapping, quoting, what they return, failures. */
class MckProvisionStepsTest extends StandInStepTest {
    /** What `mck provision` writes (ProvisionResult): every stack's action and the outputs by stack. */
    static final String PROVISIONED = """
            {"command": "provision", "status": "succeeded", "exitCode": 0, "result": {"environment": "staging",
              "region": "eu-west-1", "planOnly": false, "succeeded": true, "stacks": [
                {"stack": "shop-staging-network", "module": "network", "action": "unchanged", "changes": [], "problem": null,
                 "outputs": {"VpcId": "vpc-1"}},
                {"stack": "shop-staging-cluster-app", "module": "cluster-app", "action": "updated",
                 "changes": ["~ Modify LaunchTemplate (AWS::EC2::LaunchTemplate) replacement: False, changes LaunchTemplateData"],
                 "problem": null, "outputs": {"ClusterName": "shop-staging-app"}}],
              "outputs": {"shop-staging-network": {"VpcId": "vpc-1"}, "shop-staging-cluster-app": {"ClusterName": "shop-staging-app"}}}}
            """;
    static final String FAILED = """
            {"command": "provision", "status": "failed", "exitCode": 1, "result": {"environment": "staging",
              "succeeded": false, "stacks": [
                {"stack": "shop-staging-network", "action": "unchanged", "changes": [], "problem": null, "outputs": {}},
                {"stack": "shop-staging-database", "action": "refused", "changes": ["~ Modify Cluster (AWS::RDS::DBCluster) replacement: True"],
                 "problem": "shop-staging-database: Cluster (AWS::RDS::DBCluster) would be replaced (DBClusterIdentifier changed), losing the data it holds; allow it with --allow-replacement Cluster"},
                {"stack": "shop-staging-logs", "action": "failed", "changes": [],
                 "problem": "Logs (AWS::Logs::LogGroup) CREATE_FAILED: quota exceeded (stack left ROLLBACK_COMPLETE)"},
                {"stack": "shop-staging-cluster-app", "action": "not reached", "changes": [], "problem": null}],
              "outputs": {}}}
            """;
    /** What `mck plan` writes (PlanCommand.Plan): offline stacks and findings, the diff when AWS answered. */
    static final String PLAN = """
            {"command": "plan", "status": "succeeded", "exitCode": 0, "result": {"environment": "staging",
              "stacks": ["shop-staging-network", "shop-staging-database", "shop-staging-cluster-app", "shop-staging-magento"],
              "findings": [], "aws": "reachable", "diff": {"environment": "staging", "planOnly": true, "succeeded": false, "stacks": [
                {"stack": "shop-staging-network", "action": "unchanged", "changes": [], "problem": null, "outputs": {}},
                {"stack": "shop-staging-database", "action": "refused", "changes": ["~ Modify Cluster (AWS::RDS::DBCluster) replacement: True"],
                 "problem": "Cluster would be replaced"},
                {"stack": "shop-staging-cluster-app", "action": "would update",
                 "changes": ["~ Modify LaunchTemplate (AWS::EC2::LaunchTemplate) replacement: False"], "problem": null},
                {"stack": "shop-staging-magento", "action": "pending", "changes": [], "problem": null}], "outputs": {}}}}
            """;
    static final String OFFLINE_PLAN = """
            {"command": "plan", "status": "succeeded", "exitCode": 0, "result": {"environment": "staging",
              "stacks": ["shop-staging-network"], "findings": ["network.yml: Vpc: unknown property CidrBlok"],
              "aws": "Unable to reach AWS at http://127.0.0.1:1", "diff": null}}
            """;

    @Override
    String firstAnswer() {
        return PROVISIONED;
    }

    @Test
    void provision_mapsEveryArgumentToItsFlag() throws Exception {
        Map<String, Object> args = new LinkedHashMap<>();
        args.put("env", "staging");
        args.put("config", "ci/magecloudkit.yml");
        args.put("region", "eu-west-1");
        args.put("profile", "ops");
        args.put("roleArn", "arn:aws:iam::123456789012:role/provision");
        args.put("endpointUrl", "http://127.0.0.1:4566");
        args.put("allowReplacement", List.of("Cluster", "Logs"));
        args.put("lockWait", "10m");
        step("mckProvision", args);
        assertEquals("provision", mck.argv().get(0));
        assertTrue(mck.argv().get(2).startsWith(".mck/provision-7-"), mck.argv().get(2));
        assertEquals(List.of("--config", "ci/magecloudkit.yml", "--env", "staging", "--region", "eu-west-1", "--profile", "ops",
                "--role-arn", "arn:aws:iam::123456789012:role/provision", "--endpoint-url", "http://127.0.0.1:4566",
                "--allow-replacement", "Cluster", "--allow-replacement", "Logs", "--lock-wait", "10m"), mck.flags());
        assertTrue(jenkins.log().contains("[sh] Provision staging"), jenkins.log().toString());
    }

    @Test
    void provision_withOneReplacementAsAString_andNoLockWait() throws Exception {
        step("mckProvision", Map.of("env", "staging", "allowReplacement", "Cluster"));
        assertEquals(List.of("--env", "staging", "--allow-replacement", "Cluster"), mck.flags());
    }

    @ParameterizedTest
    @MethodSource("hostile")
    void aHostileValueReachesMckLiterally(String value) throws Exception {
        step("mckProvision", Map.of("env", value, "allowReplacement", value, "lockWait", value));
        assertEquals(List.of("--env", value, "--allow-replacement", value, "--lock-wait", value), mck.flags());
        mck.answers(jenkins, 0, PLAN);
        step("mckPlan", Map.of("env", value, "region", value));
        assertEquals(List.of("--env", value, "--region", value), mck.flags());
        assertFalse(Files.exists(workspace.resolve("pwned")), "a value ran as a command");
    }

    @Test
    void provision_returnsTheOutputsByStack() {
        assertEquals(Map.of("shop-staging-network", Map.of("VpcId", "vpc-1"),
                "shop-staging-cluster-app", Map.of("ClusterName", "shop-staging-app")), step("mckProvision", Map.of("env", "staging")));
    }

    @Test
    void aFailedProvision_failsTheBuildNamingEachStacksRootCause() throws Exception {
        mck.answers(jenkins, 1, FAILED);
        assertEquals("mckProvision failed (exit 1): shop-staging-database: refused - Cluster (AWS::RDS::DBCluster) would be replaced "
                        + "(DBClusterIdentifier changed), losing the data it holds; allow it with --allow-replacement Cluster; "
                        + "shop-staging-logs: failed - Logs (AWS::Logs::LogGroup) CREATE_FAILED: quota exceeded (stack left ROLLBACK_COMPLETE)",
                assertThrows(PipelineHarness.StepError.class, () -> step("mckProvision", Map.of("env", "staging"))).getMessage());
    }

    @Test
    void anEngineError_isReportedAsItsOneLine() throws Exception {
        mck.answers(jenkins, 3, "{\"command\": \"provision\", \"exitCode\": 3, \"error\": {\"kind\": \"aws\", "
                + "\"message\": \"another run is changing this environment: jenkins@ci pid 4242 (lease until 10:02:00Z)\"}}");
        assertEquals("mckProvision failed (exit 3): another run is changing this environment: jenkins@ci pid 4242 (lease until 10:02:00Z)",
                assertThrows(PipelineHarness.StepError.class, () -> step("mckProvision", Map.of("env", "staging"))).getMessage());
        mck.answers(jenkins, 2, "{\"command\": \"plan\", \"exitCode\": 2, \"error\": {\"kind\": \"config\", "
                + "\"message\": \"magecloudkit.yml: no environment 'stagign'\"}}");
        assertEquals("mckPlan failed (exit 2): magecloudkit.yml: no environment 'stagign'",
                assertThrows(PipelineHarness.StepError.class, () -> step("mckPlan", Map.of("env", "stagign"))).getMessage());
    }

    @Test
    void plan_returnsPerStackActionsAndChanges_countingWhatWouldChange() throws Exception {
        mck.answers(jenkins, 0, PLAN);
        Map<?, ?> out = (Map<?, ?>) step("mckPlan", Map.of("env", "staging"));
        assertEquals("plan", mck.argv().get(0));
        assertEquals(List.of("--env", "staging"), mck.flags());
        assertEquals(true, out.get("reachable"));
        assertEquals(2, out.get("changes"));
        Map<?, ?> stacks = (Map<?, ?>) out.get("stacks");
        assertEquals(List.of("shop-staging-network", "shop-staging-database", "shop-staging-cluster-app", "shop-staging-magento"),
                List.copyOf(stacks.keySet()));
        assertEquals(Map.of("action", "would update", "changes",
                        List.of("~ Modify LaunchTemplate (AWS::EC2::LaunchTemplate) replacement: False")),
                without((Map<?, ?>) stacks.get("shop-staging-cluster-app"), "problem"));
        assertEquals("Cluster would be replaced", ((Map<?, ?>) stacks.get("shop-staging-database")).get("problem"));
        assertEquals("pending", ((Map<?, ?>) stacks.get("shop-staging-magento")).get("action"));
        assertTrue(jenkins.log().contains("[sh] Plan staging"), jenkins.log().toString());
    }

    @Test
    void aPlanWithoutAws_saysSo_andListsTheRenderedStacksAndFindings() throws Exception {
        mck.answers(jenkins, 0, OFFLINE_PLAN);
        Map<?, ?> out = (Map<?, ?>) step("mckPlan", Map.of("env", "staging"));
        assertEquals(false, out.get("reachable"));
        assertEquals(0, out.get("changes"));
        assertEquals(List.of("network.yml: Vpc: unknown property CidrBlok"), out.get("findings"));
        assertEquals("not compared", ((Map<?, ?>) ((Map<?, ?>) out.get("stacks")).get("shop-staging-network")).get("action"));
    }

    @Test
    void badArguments_stopBeforeMckRuns() {
        assertEquals("mckProvision: env is required, e.g. mckProvision(env: 'staging')",
                assertThrows(PipelineHarness.StepError.class, () -> step("mckProvision", Map.of())).getMessage());
        assertEquals("mckProvision: allowReplacement must be a string or a list of strings, got 3",
                assertThrows(PipelineHarness.StepError.class, () -> step("mckProvision", Map.of("env", "s", "allowReplacement", 3))).getMessage());
        assertEquals("mckPlan: env is required, e.g. mckPlan(env: 'staging')",
                assertThrows(PipelineHarness.StepError.class, () -> step("mckPlan", Map.of())).getMessage());
        assertTrue(assertThrows(PipelineHarness.StepError.class, () -> step("mckPlan", Map.of("env", "s", "lockWait", "1m")))
                .getMessage().startsWith("mckPlan: unknown argument lockWait; known: "));
        assertFalse(Files.exists(workspace.resolve("argv")), "mck ran");
    }

    private static Map<Object, Object> without(Map<?, ?> map, String key) {
        Map<Object, Object> out = new LinkedHashMap<>(map);
        out.remove(key);
        return out;
    }
}
