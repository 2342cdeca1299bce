package io.magecloudkit.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The example pipelines run in the harness: their stages, conditions, locks, steps and post
 * blocks, with the library's real steps, an mck stand-in on the PATH (it answers what a deploy
 * that passed or was rolled back writes, and what plan and provision write) and stand-ins for
 * the build tools.
 */
class ExamplePipelinesTest {
    @TempDir
    Path workspace;
    PipelineHarness jenkins;
    StandInMck mck;

    @BeforeEach
    void setUp() throws Exception {
        mck = new StandInMck(workspace);
        Path tools = Files.createDirectories(workspace.resolve("tools"));
        Files.createSymbolicLink(tools.resolve("mck"), mck.path);
        for (Path tool : List.of(tools.resolve("composer"), Files.createDirectories(workspace.resolve("bin")).resolve("magento"))) {
            Files.writeString(tool, "#!/bin/sh\necho \"$0 $*\" >> tools.log\n");
            Files.setPosixFilePermissions(tool, PosixFilePermissions.fromString("rwxr-xr-x"));
        }
        jenkins = new PipelineHarness(workspace).env("PATH", tools + ":/usr/bin:/bin").env("BUILD_NUMBER", "12")
                .credentials("aws-magecloudkit", "AKIAEXAMPLEKEY", "example-secret-key");
        Path built = workspace.resolve("built.json");
        Files.writeString(built, MckBuildImagesStepTest.RESULT);
        jenkins.env("STUB_RESULT_BUILD", built.toString());
        Path plan = workspace.resolve("plan.json");
        Files.writeString(plan, MckProvisionStepsTest.PLAN);
        Path provisioned = workspace.resolve("provisioned.json");
        Files.writeString(provisioned, MckProvisionStepsTest.PROVISIONED);
        jenkins.env("STUB_RESULT_PLAN", plan.toString()).env("STUB_RESULT_PROVISION", provisioned.toString());
        passed();
    }

    private void passed() throws Exception {
        Path deploy = workspace.resolve("deploy.json");
        Files.writeString(deploy, MckDeployStepsTest.PASSED);
        jenkins.env("STUB_RESULT_DEPLOY", deploy.toString()).env("STUB_RESULT", deploy.toString()).env("STUB_EXIT", "0");
    }

    private void run(String file) {
        jenkins.load(Path.of(file).toAbsolutePath()).run();
    }

    private List<String> commands() throws Exception {
        return Files.readAllLines(workspace.resolve("commands.log"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"Jenkinsfile", "examples/Jenkinsfile", "examples/Jenkinsfile.rebuild"})
    void parsesOnJenkinsGroovy(String file) {
        jenkins.load(Path.of(file).toAbsolutePath());
    }

    @Test
    void deploy_buildsPlansProvisionsDeploysStaging_thenProductionAfterApproval() throws Exception {
        jenkins.param("ACTION", "deploy");
        run("examples/Jenkinsfile");
        assertEquals(List.of("Build Magento", "Images", "Plan", "Provision", "Deploy staging", "Approval", "Deploy production"),
                jenkins.pipeline().stagesRun);
        assertEquals(List.of("build-images", "plan", "provision", "deploy", "deploy"), commands());
        assertEquals(List.of("magecloudkit-staging", "magecloudkit-staging", "magecloudkit-production"), jenkins.locks());
        assertTrue(jenkins.calls().contains("mckPlan {env=staging, credentialsId=aws-magecloudkit}"), jenkins.calls().toString());
        // What the build returned is what production gets.
        assertEquals(List.of("--env", "production", "--image", "nginx=r/nginx@sha256:01", "--image", "php-fpm=r/php@sha256:02"), mck.flags());
        assertEquals("staging magento; production magento (nginx abc-1, php-fpm abc-2)", jenkins.currentBuild().description);
        assertNull(jenkins.currentBuild().result);
        assertTrue(jenkins.log().contains("access key AKIAEXAMPLEKEY"), "the credentials entry reached mck");
        assertFalse(jenkins.unmasked().contains("example-secret-key"));
        assertTrue(Files.readString(workspace.resolve("tools.log")).contains("setup:di:compile"));
    }

    @Test
    void aStagingDeployRolledBack_leavesTheBuildUnstable_andProductionUntouched() throws Exception {
        Path rolledBack = workspace.resolve("rolled-back.json");
        Files.writeString(rolledBack, MckDeployStepsTest.ROLLED_BACK.formatted("passed"));
        jenkins.param("ACTION", "deploy").env("STUB_RESULT_DEPLOY", rolledBack.toString()).env("STUB_EXIT_DEPLOY", "1");
        run("examples/Jenkinsfile");
        assertEquals(List.of("Build Magento", "Images", "Plan", "Provision", "Deploy staging"), jenkins.pipeline().stagesRun);
        assertEquals("UNSTABLE", jenkins.currentBuild().result);
        assertEquals(List.of("build-images", "plan", "provision", "deploy"), commands());
        assertNull(jenkins.currentBuild().description);
    }

    @Test
    void aRejectedApproval_failsTheBuild_beforeProduction() throws Exception {
        jenkins.param("ACTION", "deploy").approve(false);
        assertThrows(PipelineHarness.StepError.class, () -> run("examples/Jenkinsfile"));
        assertEquals("FAILURE", jenkins.currentBuild().result);
        assertEquals(List.of("build-images", "plan", "provision", "deploy"), commands());
        assertEquals("staging magento (nginx abc-1, php-fpm abc-2)", jenkins.currentBuild().description);
    }

    @Test
    void rollback_takesTheRevisionFromTheParameter_underTheEnvironmentsLock() throws Exception {
        jenkins.param("ACTION", "rollback").param("ENVIRONMENT", "production").param("ROLLBACK_TO", "41");
        run("examples/Jenkinsfile");
        assertEquals(List.of("Rollback"), jenkins.pipeline().stagesRun);
        assertEquals("rollback", mck.argv().get(0));
        assertEquals(List.of("--env", "production", "--app", "magento", "--to", "41"), mck.flags());
        assertEquals(List.of("magecloudkit-production"), jenkins.locks());
        assertTrue(jenkins.currentBuild().description.startsWith("rollback of production to "), jenkins.currentBuild().description);
    }

    @Test
    void aRollbackRevisionThatIsNoNumber_isRefusedBeforeMckRuns() throws Exception {
        jenkins.param("ACTION", "rollback").param("ENVIRONMENT", "production").param("ROLLBACK_TO", "v41");
        assertEquals("ROLLBACK_TO must be a task definition revision number such as 41, or empty for the last good one; got 'v41'",
                assertThrows(PipelineHarness.StepError.class, () -> run("examples/Jenkinsfile")).getMessage());
        assertFalse(Files.exists(workspace.resolve("commands.log")), "mck ran");
        assertEquals(List.of(), jenkins.locks());
    }

    @Test
    void planAndStatus_runOnlyTheirStages() throws Exception {
        jenkins.param("ACTION", "plan").param("ENVIRONMENT", "production");
        run("examples/Jenkinsfile");
        assertEquals(List.of("Plan"), jenkins.pipeline().stagesRun);
        assertTrue(jenkins.calls().contains("mckPlan {env=production, credentialsId=aws-magecloudkit}"), jenkins.calls().toString());
        assertEquals(List.of("plan"), commands());
        assertEquals(List.of("--env", "production"), mck.flags());
    }

    @Test
    void theRebuild_isScheduled_andReprovisionsRebuildsRedeploys() throws Exception {
        jenkins.param("ENVIRONMENT", "staging");
        run("examples/Jenkinsfile.rebuild");
        assertEquals(List.of("cron H 2 * * 0"), jenkins.pipeline().triggers);
        assertEquals("mckProvision {env=staging, credentialsId=aws-magecloudkit}", jenkins.calls().get(0));
        assertEquals(List.of("provision", "build-images", "deploy"), commands());
        assertEquals(List.of("magecloudkit-staging"), jenkins.locks());
        assertEquals("rebuilt staging: nginx abc-1, php-fpm abc-2", jenkins.currentBuild().description);
    }
}
