package io.magecloudkit.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.magecloudkit.EventSink;
import io.magecloudkit.config.ConfigLoader;
import io.magecloudkit.deploy.DeployScenario;
import io.magecloudkit.image.BuildRequest;
import io.magecloudkit.image.EcrSandbox;
import io.magecloudkit.image.ImageBuilder;
import io.magecloudkit.provision.JenkinsRolePolicy;
import io.magecloudkit.provision.ProvisionSandboxTest;
import io.magecloudkit.sandbox.ecs.CommandRule;
import io.magecloudkit.sandbox.faults.FaultConfig;
import io.magecloudkit.testing.CliRun;
import io.magecloudkit.testing.RecordedAwsCalls;
import io.magecloudkit.testing.RecordedAwsCalls.Call;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every AWS call mck makes in the Jenkins pipeline's commands - provision, plan, deploy (with the
 * release phase, and failing its gate so ECS rolls it back), deploy --verify-only, run, status,
 * rollback - recorded against the sandbox and checked against the Jenkins role's policy in iam.yml:
 * on AWS, as that role, none of them may be denied.
 */
class JenkinsRoleCoversTheEngineTest {
    private static final String PROVISION_CONFIG = "examples/magecloudkit.yml";
    /** One app with the release phase on, naming an SSM parameter and a key of a JSON secret, as a shop would. */
    private static final String APPS = "apps:\n  magento:\n    desiredCount: 2\n    secrets:\n"
            + "      MAGENTO_CRYPT_KEY: ssm:/shop/magento/crypt-key\n      MAGENTO_DB_PASSWORD: secretsmanager:shop/aurora:password\n"
            + "    deployment:\n      healthCheckGracePeriodSeconds: 0\n";

    private final List<Call> provisionCalls = new ArrayList<>();
    private final List<Call> deployCalls = new ArrayList<>();
    /** The full ARN of each secret the deploy's calls named (IAM checks a secret's own ARN, whatever the request said). */
    private final java.util.Map<String, String> secretArns = new java.util.HashMap<>();
    /** The sandbox the deploy's commands run against; their gate waits in its time. */
    private io.magecloudkit.sandbox.Sandbox deploySandbox;

    @Test
    void theJenkinsRole_allowsEveryCallOfProvisionDeployRunStatusAndRollback(@TempDir Path dir) throws Exception {
        String provisionAccount = provisionAndPlan();
        String deployAccount = deployRunStatusRollback(dir);

        var provisionConfig = ConfigLoader.parse(Files.readString(Path.of(PROVISION_CONFIG)), PROVISION_CONFIG);
        var deployConfig = ConfigLoader.parse(DeployScenario.yaml(APPS, ""), "magecloudkit.yml");
        Set<String> denied = new TreeSet<>();
        denied.addAll(denied(provisionCalls, JenkinsRolePolicy.forEnvironment(provisionConfig, "staging", provisionAccount),
                provisionConfig.environments().get("staging").region(), provisionAccount));
        denied.addAll(denied(deployCalls, JenkinsRolePolicy.forEnvironment(deployConfig, "staging", deployAccount),
                deployConfig.environments().get("staging").region(), deployAccount));
        assertEquals(Set.of(), denied, "calls the Jenkins role in iam.yml does not allow");

        // The scenarios did reach what they are here for (so the check above had something to check).
        Set<String> made = new TreeSet<>();
        provisionCalls.forEach(c -> made.add(c.operation()));
        deployCalls.forEach(c -> made.add(c.operation()));
        assertTrue(made.containsAll(List.of("CreateChangeSet", "ExecuteChangeSet", "PutParameter", "DeleteParameter", "RunTask",
                "StopServiceDeployment", "GetSecretValue", "DescribeLogGroups", "UpdateService")), made.toString());
    }

    /**
     * mck build-images into ECR (a real registry standing in for it): login, and the repositories the
     * ecr stack made, named <project>-<environment>/<image>; the first build creates them here, as
     * it would for an image the stack does not know yet.
     */
    @Test
    void theJenkinsRole_allowsEveryCallOfBuildImagesIntoEcr(@TempDir Path work) throws Exception {
        List<Call> calls = new ArrayList<>();
        String account;
        try (EcrSandbox ecr = EcrSandbox.start(work)) {
            BuildRequest request = ecr.build("shop-staging");
            RecordedAwsCalls.during(calls, () -> new ImageBuilder().build(request, EventSink.NONE));
            account = ecr.f.session().sts().getCallerIdentity().account();
        }
        var config = ConfigLoader.parse(DeployScenario.yaml(APPS, ""), "magecloudkit.yml");
        assertEquals(List.of(), denied(calls, JenkinsRolePolicy.forEnvironment(config, "staging", account), "us-east-1", account),
                "calls the Jenkins role in iam.yml does not allow");
        assertTrue(calls.stream().map(Call::operation).toList().containsAll(List.of("GetAuthorizationToken", "CreateRepository")),
                calls.toString());
    }

    /** The calls the role would deny, as "iam action on resource (by mck command)". */
    private List<String> denied(List<Call> calls, JenkinsRolePolicy role, String region, String account) {
        List<String> denied = new ArrayList<>();
        for (Call call : calls) {
            String action = JenkinsRolePolicy.iamAction(call.service(), call.operation());
            if (action == null) {
                continue;
            }
            String arn = arnOf(call, region, account);
            boolean allowed = arn == null ? role.allowsAction(action) : role.allows(action, arn);
            if (!allowed) {
                denied.add(action + (arn == null ? "" : " on " + arn));
            }
        }
        return denied;
    }

    /**
     * The ARN IAM checks for calls whose resource the role scopes by name: SSM parameters (the engine's
     * leases and history, the secrets preflight looks up) and secrets named by ARN. Null for the rest,
     * which are checked by action only.
     */
    private String arnOf(Call call, String region, String account) {
        String name = call.resourceName();
        if (name == null) {
            return null;
        }
        if (call.service().equals("Ssm")) {
            return name.startsWith("arn:") ? name : "arn:aws:ssm:" + region + ":" + account + ":parameter" + name;
        }
        if (call.service().equals("Ecr")) {
            return "arn:aws:ecr:" + region + ":" + account + ":repository/" + name;
        }
        if (call.service().equals("SecretsManager")) {
            return secretArns.get(name);
        }
        return null;
    }

    private String provisionAndPlan() throws Exception {
        try (var f = ProvisionSandboxTest.seededSandbox()) {
            StackCommandSupport.backoffOverride = ProvisionSandboxTest.FAST;
            String endpoint = f.endpoint().toString();
            CliRun.Result created = RecordedAwsCalls.during(provisionCalls, () -> CliRun.run(Main.commandLine(), "provision",
                    "--config", PROVISION_CONFIG, "--env", "staging", "--endpoint-url", endpoint));
            assertEquals(0, created.exitCode(), created.stderr());
            CliRun.Result plan = RecordedAwsCalls.during(provisionCalls, () -> CliRun.run(Main.commandLine(), "plan",
                    "--config", PROVISION_CONFIG, "--env", "staging", "--endpoint-url", endpoint));
            assertEquals(0, plan.exitCode(), plan.stderr());
            ProvisionSandboxTest.forgiveReviewEvents(f);
            return f.session().sts().getCallerIdentity().account();
        } finally {
            StackCommandSupport.backoffOverride = null;
        }
    }

    private String deployRunStatusRollback(Path dir) throws Exception {
        String yaml = DeployScenario.yaml(APPS, "");
        Files.writeString(dir.resolve("magecloudkit.yml"), yaml);
        try (DeployScenario s = new DeployScenario(yaml, 20)) {
            s.service("magento", "app", "nginx", 8080);
            deploySandbox = s.f.sandbox();
            var aws = s.f.session();
            aws.ssm().putParameter(r -> r.name("/shop/magento/crypt-key").value("not-a-real-key").type("SecureString"));
            aws.secretsManager().createSecret(r -> r.name("shop/aurora").secretString("{\"password\":\"not-a-real-password\"}"));
            // The database needs an upgrade: the release phase runs setup:upgrade with maintenance mode around it.
            s.f.sandbox().faults(new FaultConfig(null, List.of(), List.of(), List.of(), List.of(
                    new CommandRule(null, null, null, "setup:db:status", 2, 3, List.of("Declarative Schema is not up to date")),
                    new CommandRule(null, null, null, "cache:flush", 0, 1, List.of("Flushed cache types:")))));
            List<String> stack = List.of("--config", dir.resolve("magecloudkit.yml").toString(), "--env", "staging",
                    "--endpoint-url", s.f.endpoint().toString(), "--app", "magento");
            List<String> deploy = List.of("--target-group-arn", s.targetGroups.get("magento"), "--smoke-url", s.smokeUrl().toString(),
                    "--efs-file-system-id", "fs-0123456789abcdef0");

            InProcessMck.Run verify = mck(stack, "deploy", List.of("--verify-only"), image("nginx", 'd'), image("php-fpm", 'd'), deploy);
            assertEquals(0, verify.exit(), verify.out() + verify.err());
            InProcessMck.Run passed = mck(stack, "deploy", image("nginx", 'd'), image("php-fpm", 'd'), deploy);
            assertEquals(0, passed.exit(), passed.out() + passed.err());
            assertTrue(passed.err().contains("setup:upgrade"), passed.err());

            s.smokeStatus.set(500);
            InProcessMck.Run failed = mck(stack, "deploy", image("nginx", 'e'), image("php-fpm", 'e'), deploy);
            assertEquals(1, failed.exit(), failed.out() + failed.err());
            s.smokeStatus.set(200);

            InProcessMck.Run run = mck(stack, "run", List.of("--", "bin/magento", "cache:flush"));
            assertEquals(0, run.exit(), run.err());
            InProcessMck.Run status = mck(stack, "status", List.of("--target-group-arn", s.targetGroups.get("magento")));
            assertEquals(0, status.exit(), status.err());
            InProcessMck.Run rollback = mck(stack, "rollback", List.of("--to", "1"), deploy);
            assertEquals(0, rollback.exit(), rollback.out() + rollback.err());
            deployCalls.stream().filter(c -> c.service().equals("SecretsManager") && c.resourceName() != null).forEach(c ->
                    secretArns.put(c.resourceName(), aws.secretsManager().describeSecret(r -> r.secretId(c.resourceName())).arn()));
            return aws.sts().getCallerIdentity().account();
        }
    }

    private static List<String> image(String container, char build) {
        return List.of("--image", container + "=registry.example/shop/" + container + "@" + DeployScenario.digest(build));
    }

    @SafeVarargs
    private InProcessMck.Run mck(List<String> stack, String command, List<String>... options) {
        List<String> args = new ArrayList<>(List.of(command));
        List<String> tail = new ArrayList<>();
        for (List<String> o : options) {
            (o.contains("--") ? tail : args).addAll(o);
        }
        args.addAll(stack);
        args.addAll(tail);
        return RecordedAwsCalls.during(deployCalls, () -> InProcessMck.execute(args, deploySandbox));
    }
}
