package io.magecloudkit.sandbox.botocore;

import static io.magecloudkit.sandbox.botocore.Fixtures.fixture;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.magecloudkit.TestProperties;
import io.magecloudkit.aws.AwsSession;
import io.magecloudkit.aws.AwsSettings;
import io.magecloudkit.sandbox.botocore.CannedAwsServer.Answer;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.ecs.EcsClient;
import software.amazon.awssdk.services.ecs.model.ClusterNotFoundException;
import software.amazon.awssdk.services.ecs.model.DeploymentRolloutState;
import software.amazon.awssdk.services.ecs.model.EcsException;
import software.amazon.awssdk.services.sts.StsClient;
import software.amazon.awssdk.services.sts.model.GetCallerIdentityResponse;
import software.amazon.awssdk.services.sts.model.StsException;

class BotocoreValidatingInterceptorTest {
    private final BotocoreValidatingInterceptor interceptor = new BotocoreValidatingInterceptor();
    private CannedAwsServer server;
    private EcsClient ecs;
    private StsClient sts;

    @BeforeEach
    void start() {
        server = new CannedAwsServer();
        StaticCredentialsProvider credentials =
                StaticCredentialsProvider.create(AwsBasicCredentials.create("test", "test"));
        ecs = EcsClient.builder()
                .endpointOverride(server.endpoint())
                .region(Region.US_EAST_1)
                .credentialsProvider(credentials)
                .overrideConfiguration(o -> o.addExecutionInterceptor(interceptor))
                .build();
        sts = StsClient.builder()
                .endpointOverride(server.endpoint())
                .region(Region.US_EAST_1)
                .credentialsProvider(credentials)
                .overrideConfiguration(o -> o.addExecutionInterceptor(interceptor))
                .build();
    }

    @AfterEach
    void stop() {
        ecs.close();
        sts.close();
        server.close();
    }

    @Test
    void validResponses_parseAndLeaveNoViolation() {
        server.answer("DescribeClusters", Answer.json(200, fixture("ecs-DescribeClusters.json")))
                .answer("GetCallerIdentity", Answer.xml(200, fixture("sts-GetCallerIdentity.xml")));

        assertEquals("magento-staging", ecs.describeClusters(r -> r.clusters("magento-staging"))
                .clusters().get(0).clusterName());
        assertEquals("000000000000", sts.getCallerIdentity().account());

        interceptor.assertNoViolations();
        assertEquals(Map.of("ecs:DescribeClusters", 1, "sts:GetCallerIdentity", 1), interceptor.validatedOperations());
        interceptor.assertValidated("ecs:DescribeClusters", "sts:GetCallerIdentity");
    }

    @Test
    void invalidResponses_stillParse_andReportExactlyThePlantedViolations() {
        server.answer("DescribeServices", Answer.json(200, fixture("ecs-DescribeServices.json")
                        .replace("\"rolloutState\": \"COMPLETED\"", "\"rolloutState\": \"FOO\"")))
                .answer("GetCallerIdentity", Answer.xml(200, fixture("sts-GetCallerIdentity.xml")
                        .replace("<Account>000000000000</Account>", "<AccountId>000000000000</AccountId>")));

        var service = ecs.describeServices(r -> r.cluster("magento-staging").services("web")).services().get(0);
        assertEquals(DeploymentRolloutState.UNKNOWN_TO_SDK_VERSION, service.deployments().get(1).rolloutState());
        assertEquals(2, service.runningCount());
        GetCallerIdentityResponse identity = sts.getCallerIdentity();
        assertEquals("arn:aws:iam::000000000000:user/jenkins", identity.arn());

        assertEquals(List.of(
                "DescribeServices: services[0].deployments[1].rolloutState: 'FOO' is not one of [COMPLETED, FAILED, IN_PROGRESS]",
                "GetCallerIdentity: /GetCallerIdentityResponse/GetCallerIdentityResult/AccountId: unknown element (not in GetCallerIdentityResponse)"),
                interceptor.violations().stream().map(Object::toString).toList());
        AssertionError failure = assertThrows(AssertionError.class, interceptor::assertNoViolations);
        assertTrue(failure.getMessage().contains("ecs DescribeServices: services[0].deployments[1].rolloutState"),
                failure.getMessage());
        assertTrue(failure.getMessage().contains("sts GetCallerIdentity: "), failure.getMessage());
    }

    @Test
    void errorResponses_areValidatedOnce() {
        server.answer("DescribeServices", Answer.json(400,
                        "{\"__type\":\"ClusterNotFoundException\",\"message\":\"Cluster not found.\"}"))
                .answer("UpdateService", Answer.json(400,
                        "{\"__type\":\"NoSuchThingException\",\"message\":\"made up\"}"))
                .answer("GetCallerIdentity", Answer.xml(403, """
                        <ErrorResponse xmlns="https://sts.amazonaws.com/doc/2011-06-15/">
                          <Error><Type>Fault</Type><Code>InvalidClientTokenId</Code><Message>bad token</Message></Error>
                          <RequestId>abc</RequestId>
                        </ErrorResponse>"""));

        assertThrows(ClusterNotFoundException.class, () -> ecs.describeServices(r -> r.services("web")));
        EcsException undeclared = assertThrows(EcsException.class, () -> ecs.updateService(r -> r.service("web")));
        assertEquals("NoSuchThingException", undeclared.awsErrorDetails().errorCode());
        StsException denied = assertThrows(StsException.class, () -> sts.getCallerIdentity());
        assertEquals(403, denied.statusCode());

        List<ResponseValidator.Violation> violations = interceptor.violations();
        assertEquals(2, violations.size(), violations.toString());
        assertEquals("UpdateService", violations.get(0).operation());
        assertEquals("__type", violations.get(0).path());
        assertTrue(violations.get(0).message().startsWith("'NoSuchThingException' is neither an error of UpdateService ["),
                violations.get(0).message());
        assertEquals("GetCallerIdentity: /ErrorResponse/Error/Type: 'Fault' is not one of [Sender, Receiver]",
                violations.get(1).toString());
        assertEquals(Map.of("ecs:DescribeServices", 1, "ecs:UpdateService", 1, "sts:GetCallerIdentity", 1),
                interceptor.validatedOperations());
    }

    @Test
    void concurrentCalls_areAllCounted() throws Exception {
        server.answer("DescribeClusters", Answer.json(200, fixture("ecs-DescribeClusters.json")));
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<?>> calls = new java.util.ArrayList<>();
            for (int i = 0; i < 12; i++) {
                calls.add(pool.submit(() -> ecs.describeClusters()));
            }
            for (Future<?> call : calls) {
                call.get();
            }
        } finally {
            pool.shutdownNow();
        }
        interceptor.assertNoViolations();
        assertEquals(Map.of("ecs:DescribeClusters", 12), interceptor.validatedOperations());
        AssertionError missing = assertThrows(AssertionError.class,
                () -> interceptor.assertValidated("ecs:DescribeClusters", "ecs:DescribeServices"));
        assertTrue(missing.getMessage().contains("[ecs:DescribeServices]"), missing.getMessage());
    }

    @Test
    void awsSessionClients_carryTheInterceptorFromAwsSettings() {
        server.answer("DescribeClusters", Answer.json(200, fixture("ecs-DescribeClusters.json")))
                .answer("GetCallerIdentity", Answer.xml(200, fixture("sts-GetCallerIdentity.xml")))
                .answer("DescribeTargetHealth", Answer.xml(200, fixture("elbv2-DescribeTargetHealth.xml")
                        .replace("<State>healthy</State>", "<State>HEALTHY</State>")));
        AwsSettings settings = AwsSettings.builder()
                .region("us-east-1")
                .endpoint(server.endpoint())
                .environment(Map.of())
                .interceptors(List.of(interceptor))
                .build();
        // The session takes credentials from the default chain, whose first link is these properties.
        try (TestProperties credentials = TestProperties.set("aws.accessKeyId", "test", "aws.secretAccessKey", "test");
                AwsSession session = AwsSession.open(settings)) {
            assertEquals("000000000000", session.verify().account());
            assertEquals(1, session.ecs().describeClusters().clusters().size());
            assertEquals(2, session.elbv2().describeTargetHealth(r -> r.targetGroupArn("arn:tg")).targetHealthDescriptions().size());
        }

        assertEquals(Map.of("ecs:DescribeClusters", 1, "elbv2:DescribeTargetHealth", 1, "sts:GetCallerIdentity", 1),
                interceptor.validatedOperations());
        assertEquals(List.of("DescribeTargetHealth: /DescribeTargetHealthResponse/DescribeTargetHealthResult/TargetHealthDescriptions"
                        + "/member[1]/TargetHealth/State: 'HEALTHY' is not one of [initial, healthy, unhealthy, unused, draining, unavailable]"),
                interceptor.violations().stream().map(Object::toString).toList());
    }

    @Test
    void everyMappedService_hasAModelInAProtocolTheValidatorSpeaks() {
        BotocoreValidatingInterceptor.BOTOCORE_SERVICES.forEach((sdkName, botocoreName) -> {
            BotocoreModel model = BotocoreModel.load(botocoreName);
            assertTrue(model.protocol() != BotocoreModel.Protocol.OTHER, sdkName + " -> " + model);
        });
    }
}
