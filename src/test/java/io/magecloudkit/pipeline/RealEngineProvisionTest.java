package io.magecloudkit.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.magecloudkit.provision.ProvisionSandboxTest;
import io.magecloudkit.sandbox.SandboxFixture;
import io.magecloudkit.sandbox.faults.FaultConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.cloudformation.model.Stack;

/**
 * mckProvision and mckPlan with the real engine against the sandbox (its clock sped up, so
 * Aurora's minutes pass in a fraction of a second): a small environment's stacks created, the
 * outputs returned by stack as CloudFormation holds them, a second call that changes nothing, a
 * plan that shows a changed parameter and changes nothing either, that change failing in
 * CloudFormation and the build failing with its root cause, and no secret printed.
 */
class RealEngineProvisionTest {
    /** The smallest environment that provisions: no bastion, two zones; a domain and certificate for the HTTPS listener. */
    static final String CONFIG = """
            project: shop
            region: eu-west-1
            environments:
              staging:
                vpcCidr: 10.1.0.0/16
                availabilityZones: 2
                domain: www.shop.example
                certificateArn: arn:aws:acm:eu-west-1:000000000000:certificate/11111111-2222-3333-4444-555555555555
                bastion:
                  enabled: false
            """;

    @TempDir
    Path work;

    @Test
    void provisionTwice_planAChangedParameter_thenItsFailure_withCredentialsFromJenkins() throws Exception {
        try (SandboxFixture sandbox = ProvisionSandboxTest.seededSandbox(2000,
                c -> c.accessKey(RealEngine.ACCESS_KEY).secretKey(RealEngine.SECRET_KEY))) {
            Path workspace = Files.createDirectories(work.resolve("workspace"));
            Files.writeString(workspace.resolve("magecloudkit.yml"), CONFIG);
            PipelineHarness jenkins = RealEngine.agent(work, workspace)
                    .credentials("aws-sandbox", RealEngine.ACCESS_KEY, RealEngine.SECRET_KEY);
            Map<String, Object> args = new LinkedHashMap<>();
            args.put("mck", RealEngine.launcherOnSandboxTime(work.resolve("bin")).toString());
            args.put("env", "staging");
            args.put("endpointUrl", sandbox.endpoint().toString());
            args.put("credentialsId", "aws-sandbox");

            Map<?, ?> outputs = (Map<?, ?>) jenkins.run("mckProvision", args);

            // What the step returns is what CloudFormation holds: every stack's outputs, by stack.
            Map<String, Map<String, String>> held = outputsOf(sandbox);
            assertEquals(held, outputs);
            assertEquals(13, outputs.size(), outputs.keySet().toString());
            assertEquals("shop-staging-app", ((Map<?, ?>) outputs.get("shop-staging-cluster-app")).get("ClusterName"));
            assertTrue(String.valueOf(((Map<?, ?>) outputs.get("shop-staging-network")).get("VpcId")).startsWith("vpc-"), outputs.toString());
            assertTrue(jenkins.log().contains("shop-staging: done; 13 stack(s), 0 unchanged"), jenkins.log().toString());

            // Nothing changed: every stack unchanged, no stack touched, the same outputs.
            Map<String, String> before = statusOf(sandbox);
            assertEquals(outputs, jenkins.run("mckProvision", args));
            assertEquals(before, statusOf(sandbox));
            assertTrue(jenkins.log().contains("shop-staging: done; 13 stack(s), 13 unchanged"), jenkins.log().toString());

            // A changed parameter: the database stack would update its cluster's backup retention; nothing is changed.
            Files.writeString(workspace.resolve("magecloudkit.yml"), CONFIG + "    database:\n      backupRetentionDays: 3\n");
            Map<?, ?> plan = (Map<?, ?>) jenkins.run("mckPlan", args);
            assertEquals(true, plan.get("reachable"), plan.toString());
            assertEquals(1, plan.get("changes"), plan.toString());
            Map<?, ?> database = (Map<?, ?>) ((Map<?, ?>) plan.get("stacks")).get("shop-staging-database");
            assertEquals("would update", database.get("action"), plan.toString());
            assertEquals(List.of("~ Modify Cluster (AWS::RDS::DBCluster) replacement: False, changes BackupRetentionPeriod"),
                    database.get("changes"));
            assertEquals("unchanged", ((Map<?, ?>) ((Map<?, ?>) plan.get("stacks")).get("shop-staging-network")).get("action"));
            assertEquals(before, statusOf(sandbox));
            assertTrue(jenkins.log().contains("[sh] Plan staging"), jenkins.log().toString());

            // The change provisioned with its update failing in CloudFormation: the build fails naming the root cause.
            sandbox.sandbox().faults(new FaultConfig(null, List.of(), List.of(), List.of(new FaultConfig.ResourceFault("Cluster", "UPDATE",
                    "Resource handler returned message: \"Backup retention cannot change during maintenance\""))));
            String failed = assertThrows(PipelineHarness.StepError.class, () -> jenkins.run("mckProvision", args)).getMessage();
            assertEquals("mckProvision failed (exit 1): shop-staging-database: failed - Cluster (AWS::RDS::DBCluster) UPDATE_FAILED: "
                    + "Resource handler returned message: \"Backup retention cannot change during maintenance\" "
                    + "(stack left UPDATE_ROLLBACK_COMPLETE)", failed);

            String everything = jenkins.unmasked() + outputs + plan + failed + RealEngine.resultFiles(workspace);
            assertFalse(everything.contains(RealEngine.SECRET_KEY), "the secret key was printed or kept");
            ProvisionSandboxTest.forgiveReviewEvents(sandbox);
        }
    }

    private static Map<String, Map<String, String>> outputsOf(SandboxFixture sandbox) {
        return stacks(sandbox).stream().filter(s -> !s.outputs().isEmpty()).collect(Collectors.toMap(Stack::stackName,
                s -> s.outputs().stream().collect(Collectors.toMap(o -> o.outputKey(), o -> o.outputValue()))));
    }

    /** Each stack's status and when it last changed: what a run that changes nothing leaves as it was. */
    private static Map<String, String> statusOf(SandboxFixture sandbox) {
        return stacks(sandbox).stream().collect(Collectors.toMap(Stack::stackName,
                s -> s.stackStatusAsString() + " " + s.creationTime() + " " + s.lastUpdatedTime()));
    }

    private static List<Stack> stacks(SandboxFixture sandbox) {
        return sandbox.session().cloudFormation().describeStacks().stacks();
    }
}
