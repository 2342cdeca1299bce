package io.magecloudkit.sandbox;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.ecr.EcrClient;
import software.amazon.awssdk.services.ecr.model.ImageIdentifier;
import software.amazon.awssdk.services.ecr.model.ImageNotFoundException;
import software.amazon.awssdk.services.ecr.model.InvalidParameterException;
import software.amazon.awssdk.services.ecr.model.RepositoryAlreadyExistsException;
import software.amazon.awssdk.services.ecr.model.RepositoryNotFoundException;
import software.amazon.awssdk.services.ecs.model.ContainerDefinition;
import software.amazon.awssdk.services.ecs.model.PortMapping;
import software.amazon.awssdk.services.ecs.model.LoadBalancer;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.TargetGroupNotFoundException;
import software.amazon.awssdk.services.ssm.SsmClient;
import software.amazon.awssdk.services.ssm.model.ParameterAlreadyExistsException;
import software.amazon.awssdk.services.ssm.model.ParameterNotFoundException;
import software.amazon.awssdk.services.ssm.model.ParameterType;
import software.amazon.awssdk.services.sts.StsClient;
import software.amazon.awssdk.services.sts.model.Credentials;
import software.amazon.awssdk.services.sts.model.StsException;

/** ECR, ELBv2, STS and SSM through the SDK: each operation's happy path and its main error. */
class OtherServicesTest {
    static SandboxFixture f;

    @BeforeAll
    static void start() {
        f = SandboxFixture.builder().sandbox(c -> c.speed(0.001).registryPassword("reg-pass")).start();
    }

    @AfterAll
    static void stop() {
        f.close();
    }

    @Test
    void ecr() {
        EcrClient ecr = f.session().ecr();
        var auth = ecr.getAuthorizationToken().authorizationData().get(0);
        // Without a registry of its own, ECR hands out the sandbox's address.
        assertEquals(f.endpoint().toString(), auth.proxyEndpoint());
        assertEquals("AWS:reg-pass", new String(Base64.getDecoder().decode(auth.authorizationToken()), StandardCharsets.UTF_8));

        var repo = ecr.createRepository(r -> r.repositoryName("shop/nginx").imageScanningConfiguration(c -> c.scanOnPush(true))).repository();
        assertEquals(f.endpoint().getAuthority() + "/shop/nginx", repo.repositoryUri());
        assertEquals("arn:aws:ecr:us-east-1:000000000000:repository/shop/nginx", repo.repositoryArn());
        assertThrows(RepositoryAlreadyExistsException.class, () -> ecr.createRepository(r -> r.repositoryName("shop/nginx")));
        assertEquals(1, ecr.describeRepositories(r -> r.repositoryNames("shop/nginx")).repositories().size());
        assertThrows(RepositoryNotFoundException.class, () -> ecr.describeRepositories(r -> r.repositoryNames("nope")));

        String manifest = "{\"schemaVersion\":2,\"mediaType\":\"application/vnd.oci.image.manifest.v1+json\",\"layers\":[{\"size\":1000}]}";
        String digest = f.admin("POST", "ecr/images", "{\"repositoryName\":\"shop/nginx\",\"imageTag\":\"1.0\",\"imageManifest\":"
                + com.fasterxml.jackson.databind.node.TextNode.valueOf(manifest) + "}").path("imageDigest").asText();
        var details = ecr.describeImages(r -> r.repositoryName("shop/nginx")).imageDetails();
        assertEquals(1, details.size());
        assertEquals(digest, details.get(0).imageDigest());
        assertEquals(List.of("1.0"), details.get(0).imageTags());
        assertThrows(ImageNotFoundException.class, () -> ecr.describeImages(r -> r.repositoryName("shop/nginx")
                .imageIds(ImageIdentifier.builder().imageTag("2.0").build())));
        var got = ecr.batchGetImage(r -> r.repositoryName("shop/nginx")
                .imageIds(ImageIdentifier.builder().imageTag("1.0").build(), ImageIdentifier.builder().imageTag("9.9").build()));
        assertEquals(manifest, got.images().get(0).imageManifest());
        assertEquals("ImageNotFound", got.failures().get(0).failureCodeAsString());

        String policy = "{\"rules\":[{\"rulePriority\":1,\"selection\":{\"tagStatus\":\"untagged\",\"countType\":\"imageCountMoreThan\",\"countNumber\":5},\"action\":{\"type\":\"expire\"}}]}";
        assertEquals(policy, ecr.putLifecyclePolicy(r -> r.repositoryName("shop/nginx").lifecyclePolicyText(policy)).lifecyclePolicyText());
        assertThrows(InvalidParameterException.class, () -> ecr.putLifecyclePolicy(r -> r.repositoryName("shop/nginx").lifecyclePolicyText("{}")));
    }

    @Test
    void elbv2_targetHealthFollowsTheServiceTasks() {
        var elbv2 = f.session().elbv2();
        var ecs = f.session().ecs();
        var p = f.sandbox().provisioner().create("s", "Web", "AWS::ElasticLoadBalancingV2::TargetGroup",
                Map.of("Name", "elb-web", "Port", 8080, "HealthCheckPath", "/health", "HealthCheckIntervalSeconds", 5,
                        "HealthyThresholdCount", 3, "TargetGroupAttributes",
                        List.of(Map.of("Key", "deregistration_delay.timeout_seconds", "Value", 10))));
        String tg = p.physicalId();
        var described = elbv2.describeTargetGroups(r -> r.names("elb-web")).targetGroups().get(0);
        assertEquals(tg, described.targetGroupArn());
        assertEquals("/health", described.healthCheckPath());
        assertEquals(8080, described.port());
        assertEquals(3, described.healthyThresholdCount());
        assertEquals(tg, elbv2.describeTargetGroups(r -> r.targetGroupArns(tg)).targetGroups().get(0).targetGroupArn());
        assertThrows(TargetGroupNotFoundException.class, () -> elbv2.describeTargetGroups(r -> r.names("nope")));
        assertThrows(TargetGroupNotFoundException.class, () -> elbv2.describeTargetHealth(r -> r.targetGroupArn(tg + "x")));

        ecs.createCluster(r -> r.clusterName("elb"));
        String td = ecs.registerTaskDefinition(r -> r.family("elb-web").containerDefinitions(
                ContainerDefinition.builder().name("web").image("web:1").portMappings(PortMapping.builder().containerPort(8080).build()).build()))
                .taskDefinition().taskDefinitionArn();
        ecs.createService(r -> r.cluster("elb").serviceName("web").taskDefinition(td).desiredCount(2)
                .loadBalancers(LoadBalancer.builder().targetGroupArn(tg).containerName("web").containerPort(8080).build()));
        assertTrue(elbv2.describeTargetHealth(r -> r.targetGroupArn(tg)).targetHealthDescriptions().isEmpty());
        // Targets register as the tasks start: 25 s after launch at the default timings (pull included).
        f.advanceUntil(Duration.ofSeconds(30), () -> states(tg).equals(List.of("initial", "initial")));
        var initial = elbv2.describeTargetHealth(r -> r.targetGroupArn(tg)).targetHealthDescriptions().get(0).targetHealth();
        assertEquals("Elb.RegistrationInProgress", initial.reasonAsString());
        // Healthy after HealthyThresholdCount x interval = 15 s.
        f.advanceUntil(Duration.ofSeconds(20), () -> states(tg).equals(List.of("healthy", "healthy")));
        ecs.updateService(r -> r.cluster("elb").service("web").desiredCount(1));
        f.sandbox().advance(Duration.ofSeconds(1));
        assertEquals(List.of("draining", "healthy"), states(tg).stream().sorted().toList());
        f.advanceUntil(Duration.ofSeconds(15), () -> states(tg).equals(List.of("healthy")));
    }

    private static List<String> states(String tg) {
        return f.session().elbv2().describeTargetHealth(r -> r.targetGroupArn(tg)).targetHealthDescriptions().stream()
                .map(d -> d.targetHealth().stateAsString()).toList();
    }

    @Test
    void sts_assumeRole_givesCredentialsTheSandboxAccepts() {
        StsClient sts = f.session().sts();
        assertEquals("arn:aws:iam::000000000000:root", sts.getCallerIdentity().arn());
        Credentials creds = sts.assumeRole(r -> r.roleArn("arn:aws:iam::000000000000:role/deployer").roleSessionName("jenkins-42"))
                .credentials();
        assertTrue(creds.accessKeyId().startsWith("ASIA"));
        try (StsClient assumed = StsClient.builder().endpointOverride(f.endpoint()).region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsSessionCredentials.create(
                        creds.accessKeyId(), creds.secretAccessKey(), creds.sessionToken()))).build()) {
            assertEquals("arn:aws:sts::000000000000:assumed-role/deployer/jenkins-42", assumed.getCallerIdentity().arn());
        }
        try (StsClient noToken = StsClient.builder().endpointOverride(f.endpoint()).region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(
                        creds.accessKeyId(), creds.secretAccessKey()))).build()) {
            assertEquals("InvalidClientTokenId", assertThrows(StsException.class, noToken::getCallerIdentity).awsErrorDetails().errorCode());
        }
        StsException bad = assertThrows(StsException.class, () -> sts.assumeRole(r -> r.roleArn("bad-arn").roleSessionName("x1")));
        assertEquals("ValidationError", bad.awsErrorDetails().errorCode());
        StsException denied = assertThrows(StsException.class, () -> sts.assumeRole(r -> r.roleArn("arn:aws:iam::000000000000:user/bob")
                .roleSessionName("x1")));
        assertEquals("AccessDenied", denied.awsErrorDetails().errorCode());
    }

    @Test
    void ssm_parametersAndTheLockPattern() {
        SsmClient ssm = f.session().ssm();
        assertEquals(1L, ssm.putParameter(r -> r.name("/shop/db/password").value("s3cret").type(ParameterType.SECURE_STRING)).version());
        var decrypted = ssm.getParameter(r -> r.name("/shop/db/password").withDecryption(true)).parameter();
        assertEquals("s3cret", decrypted.value());
        assertNotEquals("s3cret", ssm.getParameter(r -> r.name("/shop/db/password")).parameter().value());
        assertThrows(ParameterNotFoundException.class, () -> ssm.getParameter(r -> r.name("/nope")));

        // The deploy lock: PutParameter without Overwrite succeeds once.
        ssm.putParameter(r -> r.name("/shop/lock").value("build-1").type(ParameterType.STRING));
        assertThrows(ParameterAlreadyExistsException.class,
                () -> ssm.putParameter(r -> r.name("/shop/lock").value("build-2").type(ParameterType.STRING)));
        assertEquals(2L, ssm.putParameter(r -> r.name("/shop/lock").value("build-2").overwrite(true)).version());
        var many = ssm.getParameters(r -> r.names("/shop/lock", "/missing"));
        assertEquals("build-2", many.parameters().get(0).value());
        assertEquals(List.of("/missing"), many.invalidParameters());
        ssm.deleteParameter(r -> r.name("/shop/lock"));
        assertThrows(ParameterNotFoundException.class, () -> ssm.deleteParameter(r -> r.name("/shop/lock")));
    }
}
