package io.magecloudkit.aws;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.magecloudkit.MckException;
import io.magecloudkit.testing.RecordingHttpServer;
import io.magecloudkit.testing.FreePort;
import io.magecloudkit.testing.StsResponses;
import java.net.URI;
import java.time.Duration;
import java.util.Map;
import io.magecloudkit.TestProperties;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.sts.model.GetCallerIdentityResponse;

class AwsSessionTest {
    private static TestProperties credentials;

    @BeforeAll
    static void credentials() {
        // The first link of the SDK's default chain: lets the test sign without touching ~/.aws.
        credentials = TestProperties.set("aws.accessKeyId", "AKIDSESSIONTEST", "aws.secretAccessKey", "secret-not-logged");
    }

    @AfterAll
    static void restoreCredentials() {
        credentials.close();
    }

    @Test
    void endpointOverride_reachesLocalServer_withSigV4SignedRequest() throws Exception {
        try (RecordingHttpServer server = new RecordingHttpServer(
                r -> StsResponses.callerIdentity("123456789012", "arn:aws:iam::123456789012:user/jenkins"));
             AwsSession session = AwsSession.open(AwsSettings.builder()
                     .region("eu-west-1").endpoint(server.endpoint()).environment(Map.of()).build())) {

            GetCallerIdentityResponse id = session.verify();

            assertEquals("123456789012", id.account());
            assertEquals(1, server.requests().size());
            RecordingHttpServer.Request request = server.requests().get(0);
            String authorization = request.header("Authorization");
            assertNotNull(authorization, "request must be signed");
            assertTrue(authorization.startsWith("AWS4-HMAC-SHA256 Credential=AKIDSESSIONTEST/"), authorization);
            assertTrue(authorization.contains("/eu-west-1/sts/aws4_request"), authorization);
            assertTrue(authorization.matches(".*SignedHeaders=[^,]*host[^,]*x-amz-date.*"), authorization);
            assertTrue(authorization.matches(".*Signature=[0-9a-f]{64}$"), authorization);
            assertNotNull(request.header("X-Amz-Date"));
            assertTrue(request.header("User-Agent").contains("magecloudkit/"), request.header("User-Agent"));
            assertTrue(request.body().contains("Action=GetCallerIdentity"), request.body());
            assertTrue(!authorization.contains("secret-not-logged"));
        }
    }

    @Test
    void endpointFromEnvironment_isUsedWhenNoFlag() throws Exception {
        try (RecordingHttpServer server = new RecordingHttpServer(
                r -> StsResponses.callerIdentity("000000000000", "arn:aws:iam::000000000000:root"));
             AwsSession session = AwsSession.open(AwsSettings.builder()
                     .environment(Map.of("AWS_REGION", "us-east-1", "AWS_ENDPOINT_URL", server.endpoint().toString()))
                     .build())) {
            assertEquals(Region.US_EAST_1, session.region());
            assertEquals("000000000000", session.verify().account());
            assertEquals(1, server.requests().size());
        }
    }

    @Test
    void clients_areBuiltOnce() {
        try (AwsSession session = AwsSession.open(AwsSettings.builder()
                .region("us-east-1").endpoint(URI.create("http://127.0.0.1:1")).environment(Map.of()).build())) {
            assertSame(session.ecs(), session.ecs());
            assertSame(session.cloudFormation(), session.cloudFormation());
            assertSame(session.ssm(), session.ssm());
        }
    }

    @Test
    void accessDenied_isAnAccessFailure() throws Exception {
        try (RecordingHttpServer server = new RecordingHttpServer(
                r -> StsResponses.error(403, "InvalidClientTokenId", "The security token included in the request is invalid."));
             AwsSession session = AwsSession.open(AwsSettings.builder()
                     .region("us-east-1").endpoint(server.endpoint()).environment(Map.of()).build())) {
            AwsAccessException e = assertThrows(AwsAccessException.class, session::verify);
            assertEquals(MckException.Kind.AWS_ACCESS, e.kind());
            assertEquals("cannot check AWS credentials: InvalidClientTokenId: "
                    + "The security token included in the request is invalid.", e.getMessage());
        }
    }

    @Test
    void unreachableEndpoint_isAnAccessFailureOnOneLine() throws Exception {
        URI closed = FreePort.closedLoopbackEndpoint();
        try (AwsSession session = AwsSession.open(AwsSettings.builder()
                .region("us-east-1").endpoint(closed).environment(Map.of("AWS_MAX_ATTEMPTS", "1"))
                .attemptTimeout(Duration.ofSeconds(5)).build())) {
            AwsAccessException e = assertThrows(AwsAccessException.class, session::verify);
            assertTrue(e.getMessage().startsWith("cannot check AWS credentials: cannot connect to " + closed), e.getMessage());
            assertTrue(!e.getMessage().contains("\n"));
        }
    }

    @Test
    void region_flagThenEnvironment() {
        assertEquals(Region.EU_WEST_1, AwsSession.resolveRegion("eu-west-1", Map.of("AWS_REGION", "us-east-1")));
        assertEquals(Region.US_EAST_1, AwsSession.resolveRegion(null, Map.of("AWS_REGION", "us-east-1")));
        assertEquals(Region.US_WEST_2, AwsSession.resolveRegion(null, Map.of("AWS_DEFAULT_REGION", "us-west-2")));
    }

    @Test
    void region_unknownOrMissing_isExplained() {
        AwsAccessException unknown = assertThrows(AwsAccessException.class,
                () -> AwsSession.resolveRegion("eu-wst-1", Map.of()));
        assertTrue(unknown.getMessage().contains("unknown AWS region 'eu-wst-1'"), unknown.getMessage());
        AwsAccessException missing = assertThrows(AwsAccessException.class,
                () -> AwsSession.resolveRegion(null, Map.of()));
        assertTrue(missing.getMessage().startsWith("no AWS region"), missing.getMessage());
    }

    @Test
    void endpoint_mustBeHttpUrl() {
        assertNull(AwsSession.resolveEndpoint(null, Map.of()));
        assertEquals(MckException.Kind.USAGE, assertThrows(MckException.class,
                () -> AwsSession.resolveEndpoint(URI.create("ftp://x"), Map.of())).kind());
        assertEquals(MckException.Kind.USAGE, assertThrows(MckException.class,
                () -> AwsSession.resolveEndpoint(null, Map.of("AWS_ENDPOINT_URL", "not a url"))).kind());
    }

    @Test
    void retryStrategy_followsEnvironment() {
        assertEquals(3, AwsSession.retryStrategy(Map.of()).maxAttempts());
        assertEquals(7, AwsSession.retryStrategy(Map.of("AWS_MAX_ATTEMPTS", "7")).maxAttempts());
        assertEquals(2, AwsSession.retryStrategy(Map.of("AWS_RETRY_MODE", "adaptive", "AWS_MAX_ATTEMPTS", "2")).maxAttempts());
        assertEquals(MckException.Kind.USAGE, assertThrows(MckException.class,
                () -> AwsSession.retryStrategy(Map.of("AWS_MAX_ATTEMPTS", "two"))).kind());
        assertEquals(MckException.Kind.USAGE, assertThrows(MckException.class,
                () -> AwsSession.retryStrategy(Map.of("AWS_RETRY_MODE", "eager"))).kind());
    }

    @Test
    void sessionName_comesFromJenkinsBuildTag_andIsLegalForIam() {
        assertEquals("magecloudkit", AwsSession.sessionName(Map.of()));
        assertEquals("jenkins-shop-deploy-42", AwsSession.sessionName(Map.of("BUILD_TAG", "jenkins-shop-deploy-42")));
        assertEquals("jenkins-shop-feature-x-7", AwsSession.sessionName(Map.of("BUILD_TAG", "jenkins-shop-feature/x-7")));
        assertEquals(64, AwsSession.sessionName(Map.of("BUILD_TAG", "x".repeat(100))).length());
    }
}
