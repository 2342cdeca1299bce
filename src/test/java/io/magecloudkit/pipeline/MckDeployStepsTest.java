package io.magecloudkit.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** mckDeploy, mckRollback and mckStatus with an mck stand-in: argument mapping, quoting, verdicts, credentials. */
class MckDeployStepsTest extends StandInStepTest {
    static final String PASSED = """
            {"command": "deploy", "status": "succeeded", "exitCode": 0, "result": {"environment": "staging", "apps": [
              {"app": "magento", "cluster": "shop-staging-app", "service": "shop-staging-magento", "verdict": "passed",
               "reason": "gate passed", "deploymentId": "ecs-svc/1", "taskDefinition": "arn:aws:ecs:eu-west-1:1:task-definition/shop-staging-magento:42",
               "previousTaskDefinition": "arn:aws:ecs:eu-west-1:1:task-definition/shop-staging-magento:41",
               "images": {"nginx": "r/nginx@sha256:01"}, "evidence": ["x"]}]}}
            """;
    static final String ROLLED_BACK = """
            {"command": "deploy", "status": "failed", "exitCode": 1, "result": {"environment": "staging", "apps": [
              {"app": "magento", "verdict": "failed", "reason": "smoke check: 503 from /health_check.php 3 times",
               "taskDefinition": "td:42", "previousTaskDefinition": "td:41",
               "rollback": {"how": "update to previous revision", "taskDefinition": "td:41", "verdict": "%s", "reason": "r"}}]}}
            """;

    @Override
    String firstAnswer() {
        return PASSED;
    }

    @Test
    void deploy_mapsEveryArgumentToItsFlag() throws Exception {
        Map<String, Object> args = new LinkedHashMap<>();
        args.put("env", "staging");
        args.put("config", "ci/magecloudkit.yml");
        args.put("region", "eu-west-1");
        args.put("roleArn", "arn:aws:iam::123456789012:role/deploy");
        args.put("externalId", "ext-1");
        args.put("endpointUrl", "http://127.0.0.1:4566");
        args.put("app", List.of("magento", "admin"));
        args.put("images", new LinkedHashMap<>(Map.of("nginx", Map.of("reference", "r/nginx@sha256:aa"))));
        args.put("imagesFile", "images.json");
        args.put("noRollback", true);
        args.put("smokeUrl", "https://shop.example.com/health_check.php");
        args.put("noSmokeCheck", true);
        args.put("gateTimeout", 600);
        args.put("cluster", new LinkedHashMap<>(Map.of("magento", "c-web")));
        args.put("targetGroupArn", "arn:aws:elasticloadbalancing:eu-west-1:1:targetgroup/tg/1");
        args.put("databaseSecretArn", "arn:aws:secretsmanager:eu-west-1:1:secret:db");
        step("mckDeploy", args);
        assertEquals("deploy", mck.argv().get(0));
        assertEquals("--result-file", mck.argv().get(1));
        assertTrue(mck.argv().get(2).startsWith(".mck/deploy-7-"), mck.argv().get(2));
        assertEquals(List.of("--config", "ci/magecloudkit.yml", "--env", "staging", "--region", "eu-west-1",
                "--role-arn", "arn:aws:iam::123456789012:role/deploy", "--external-id", "ext-1", "--endpoint-url", "http://127.0.0.1:4566",
                "--app", "magento", "--app", "admin", "--images", "images.json", "--image", "nginx=r/nginx@sha256:aa",
                "--no-rollback", "--smoke-url", "https://shop.example.com/health_check.php", "--no-smoke-check", "--gate-timeout", "600",
                "--cluster", "magento=c-web", "--target-group-arn", "arn:aws:elasticloadbalancing:eu-west-1:1:targetgroup/tg/1",
                "--database-secret-arn", "arn:aws:secretsmanager:eu-west-1:1:secret:db"), mck.flags());
        assertTrue(jenkins.log().contains("[sh] Deploy magento, admin to staging"), jenkins.log().toString());
    }

    @Test
    void whatBuildReturnsIsWhatDeployTakes() throws Exception {
        mck.answers(jenkins, 0, MckBuildImagesStepTest.RESULT);
        Object built = step("mckBuildImages", Map.of("env", "staging"));
        mck.answers(jenkins, 0, PASSED);
        step("mckDeploy", Map.of("env", "staging", "images", built));
        assertEquals(List.of("--env", "staging", "--image", "nginx=r/nginx@sha256:01", "--image", "php-fpm=r/php@sha256:02"), mck.flags());
    }

    @ParameterizedTest
    @MethodSource("hostile")
    void aHostileValueReachesMckLiterally(String value) throws Exception {
        step("mckDeploy", Map.of("env", value, "app", value, "images", Map.of("nginx", value), "smokeUrl", value));
        assertEquals(List.of("--env", value, "--app", value, "--image", "nginx=" + value, "--smoke-url", value), mck.flags());
        assertFalse(Files.exists(workspace.resolve("pwned")), "a value ran as a command");
    }

    @Test
    void aPassedDeploy_returnsEachAppsVerdictAndRevisions_withoutTheEvidence() {
        Map<?, ?> out = (Map<?, ?>) step("mckDeploy", Map.of("env", "staging"));
        assertEquals(true, out.get("passed"));
        assertEquals(false, out.get("rolledBack"));
        assertEquals("staging", out.get("environment"));
        Map<?, ?> app = (Map<?, ?>) ((Map<?, ?>) out.get("apps")).get("magento");
        assertEquals("passed", app.get("verdict"));
        assertEquals("arn:aws:ecs:eu-west-1:1:task-definition/shop-staging-magento:42", app.get("taskDefinition"));
        assertEquals(Map.of("nginx", "r/nginx@sha256:01"), app.get("images"));
        assertFalse(app.containsKey("evidence"));
        assertNull(jenkins.currentBuild().result);
    }

    @Test
    void aRolledBackDeploy_failsTheBuildWithTheEnginesReason_unlessUnstableIsAsked() throws Exception {
        mck.answers(jenkins, 1, ROLLED_BACK.formatted("passed"));
        assertEquals("mckDeploy failed (exit 1): magento: failed - smoke check: 503 from /health_check.php 3 times; "
                        + "rollback (update to previous revision): passed",
                assertThrows(PipelineHarness.StepError.class, () -> step("mckDeploy", Map.of("env", "staging"))).getMessage());
        assertNull(jenkins.currentBuild().result);

        Map<?, ?> out = (Map<?, ?>) step("mckDeploy", Map.of("env", "staging", "onRollback", "unstable"));
        assertEquals("UNSTABLE", jenkins.currentBuild().result);
        assertEquals(true, out.get("rolledBack"));
        assertEquals(false, out.get("passed"));
        assertTrue(jenkins.log().stream().anyMatch(l -> l.startsWith("WARNING: mckDeploy: rolled back: magento: failed")), jenkins.log().toString());
    }

    @Test
    void aRollbackThatFailedToo_failsTheBuildEvenWhenUnstableIsAsked() throws Exception {
        mck.answers(jenkins, 1, ROLLED_BACK.formatted("failed"));
        String message = assertThrows(PipelineHarness.StepError.class,
                () -> step("mckDeploy", Map.of("env", "staging", "onRollback", "unstable"))).getMessage();
        assertTrue(message.endsWith("rollback (update to previous revision): failed"), message);
        assertNull(jenkins.currentBuild().result);
    }

    @Test
    void anEngineError_isReportedAsItsOneLine() throws Exception {
        mck.answers(jenkins, 2, "{\"command\": \"deploy\", \"exitCode\": 2, \"error\": {\"kind\": \"usage\", "
                + "\"message\": \"no images: give --images RESULT.json (from mck build-images) or --image CONTAINER=REPO@sha256:...\"}}");
        assertEquals("mckDeploy failed (exit 2): no images: give --images RESULT.json (from mck build-images) or --image CONTAINER=REPO@sha256:...",
                assertThrows(PipelineHarness.StepError.class, () -> step("mckDeploy", Map.of("env", "staging"))).getMessage());
    }

    static Stream<Arguments> refused() {
        return Stream.of(
                Arguments.of("mckDeploy", Map.of("env", "staging", "onRolback", "unstable"), "mckDeploy: unknown argument onRolback; known: "),
                Arguments.of("mckDeploy", Map.of(), "mckDeploy: env is required"),
                Arguments.of("mckDeploy", Map.of("env", "s", "onRollback", "ignore"), "mckDeploy: onRollback must be fail or unstable, got 'ignore'"),
                Arguments.of("mckDeploy", Map.of("env", "s", "images", Map.of("nginx", Map.of("tag", "1"))),
                        "mckDeploy: images.nginx must be an image reference"),
                Arguments.of("mckDeploy", Map.of("env", "s", "images", List.of("nginx")), "mckDeploy: images must be a map, got [nginx]"),
                Arguments.of("mckDeploy", Map.of("env", "s", "gateTimeout", "600"), "mckDeploy: gateTimeout must be a whole number, got '600'"),
                Arguments.of("mckDeploy", Map.of("env", "s", "noRollback", "yes"), "mckDeploy: noRollback must be true or false"),
                Arguments.of("mckDeploy", Map.of("env", "s", "credentialsType", "ssh"), "mckDeploy: credentialsType must be aws or usernamePassword"),
                Arguments.of("mckRollback", Map.of("env", "production"), "mckRollback: env and app are required"),
                Arguments.of("mckRollback", Map.of("env", "p", "app", "magento", "to", 0), "mckRollback: to must be a task definition revision"),
                Arguments.of("mckStatus", Map.of("env", "p", "apps", "magento"), "mckStatus: unknown argument apps; known: "),
                Arguments.of("mckStatus", Map.of("app", "magento"), "mckStatus: env is required"));
    }

    @ParameterizedTest
    @MethodSource
    void refused(String stepName, Map<String, Object> args, String start) throws Exception {
        String message = assertThrows(PipelineHarness.StepError.class, () -> step(stepName, args)).getMessage();
        assertTrue(message.startsWith(start), message);
        assertFalse(Files.exists(workspace.resolve("argv")), "mck did not run");
    }

    @Test
    void rollback_mapsAppAndRevision_andReturnsTheVerdict() throws Exception {
        Map<?, ?> out = (Map<?, ?>) step("mckRollback", Map.of("env", "production", "app", "magento", "to", 41, "gateTimeout", 300));
        assertEquals("rollback", mck.argv().get(0));
        assertEquals(List.of("--env", "production", "--app", "magento", "--to", "41", "--gate-timeout", "300"), mck.flags());
        assertEquals(true, out.get("passed"));
        assertTrue(jenkins.log().contains("[sh] Roll back magento in production to revision 41"), jenkins.log().toString());
    }

    @Test
    void status_returnsTheReport() throws Exception {
        mck.answers(jenkins, 0, "{\"command\": \"status\", \"exitCode\": 0, \"result\": {\"apps\": [{\"app\": \"magento\", \"revision\": 42}]}}");
        Object out = step("mckStatus", Map.of("env", "production", "app", List.of("magento"), "service", "shop-web"));
        assertEquals(List.of("--env", "production", "--app", "magento", "--service", "shop-web"), mck.flags());
        assertEquals(Map.of("apps", List.of(Map.of("app", "magento", "revision", 42))), out);
    }

    @Test
    void withoutPipelineUtilitySteps_theResultIsReadWithJsonSlurperClassic() {
        jenkins.withoutReadJson();
        Map<?, ?> out = (Map<?, ?>) step("mckDeploy", Map.of("env", "staging"));
        assertEquals("passed", ((Map<?, ?>) ((Map<?, ?>) out.get("apps")).get("magento")).get("verdict"));
    }

    static Stream<Arguments> credentialKinds() {
        return Stream.of(Arguments.of(Map.of("credentialsId", "aws-deploy")),
                Arguments.of(Map.of("credentialsId", "aws-deploy", "credentialsType", "usernamePassword")));
    }

    @ParameterizedTest
    @MethodSource("credentialKinds")
    void theCredentialsReachMckOnlyThroughTheEnvironment_andAreNeverPrinted(Map<String, Object> credentials) throws Exception {
        String secret = "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY";
        jenkins.credentials("aws-deploy", "AKIAJENKINSEXAMPLE", secret);
        Map<String, Object> args = new LinkedHashMap<>(credentials);
        args.put("env", "staging");
        Object out = step("mckDeploy", args);
        assertTrue(jenkins.log().contains("access key AKIAJENKINSEXAMPLE"), "mck got the key: " + jenkins.log());
        assertFalse(jenkins.unmasked().contains(secret), jenkins.unmasked());
        assertFalse(String.valueOf(out).contains(secret));
        assertTrue(jenkins.shCalls().stream().noneMatch(c -> c.script().contains(secret) || c.script().contains("AKIAJENKINSEXAMPLE")));
        assertFalse(mck.argv().stream().anyMatch(a -> a.contains("AKIAJENKINSEXAMPLE")));
        // Outside withCredentials the variables are gone again.
        assertFalse(jenkins.env().containsKey("AWS_SECRET_ACCESS_KEY"));
    }

    @Test
    void aSecretMckPrinted_isMaskedInTheLog() throws Exception {
        String secret = "ecr-token-c2VjcmV0LXRva2Vu";
        jenkins.credentials("aws-deploy", "AKIAJENKINSEXAMPLE", secret).env("STUB_LEAK", "1");
        step("mckDeploy", Map.of("env", "staging", "credentialsId", "aws-deploy"));
        assertTrue(jenkins.unmasked().contains(secret), "the stand-in printed it");
        assertFalse(String.join("\n", jenkins.log()).contains(secret), jenkins.log().toString());
        assertTrue(jenkins.log().contains("****"), jenkins.log().toString());
    }

    @Test
    void anUnknownCredentialsId_failsBeforeMckRuns() {
        assertEquals("Could not find credentials entry with ID 'nope'",
                assertThrows(PipelineHarness.StepError.class,
                        () -> step("mckDeploy", Map.of("env", "staging", "credentialsId", "nope"))).getMessage());
        assertFalse(Files.exists(workspace.resolve("argv")));
    }
}
