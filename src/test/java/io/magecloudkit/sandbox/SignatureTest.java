package io.magecloudkit.sandbox;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.ecs.EcsClient;
import software.amazon.awssdk.services.ecs.model.EcsException;
import software.amazon.awssdk.services.sts.StsClient;
import software.amazon.awssdk.services.sts.model.StsException;

/** Requests must carry a valid SigV4 signature for the sandbox's keys; unknown operations answer as AWS does. */
class SignatureTest {
    static SandboxFixture f;

    @BeforeAll
    static void start() {
        f = SandboxFixture.start();
    }

    @AfterAll
    static void stop() {
        f.close();
    }

    private static EcsClient ecs(String key, String secret) {
        return ecs(key, secret, Region.US_EAST_1);
    }

    private static EcsClient ecs(String key, String secret, Region region) {
        return EcsClient.builder().endpointOverride(f.endpoint()).region(region)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(key, secret))).build();
    }

    private static StsClient sts(String key, String secret) {
        return StsClient.builder().endpointOverride(f.endpoint()).region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(key, secret))).build();
    }

    @Test
    void signedWithTheSandboxKeys_isAccepted() {
        assertEquals("000000000000", f.session().sts().getCallerIdentity().account());
        assertTrue(f.session().ecs().listTaskDefinitions().taskDefinitionArns().isEmpty());
    }

    @Test
    void wrongSecret_isRefusedWithTheSignatureError() {
        try (EcsClient ecs = ecs("test", "not-the-secret"); StsClient sts = sts("test", "not-the-secret")) {
            EcsException e = assertThrows(EcsException.class, ecs::listTaskDefinitions);
            assertEquals("InvalidSignatureException", e.awsErrorDetails().errorCode());
            assertEquals(403, e.statusCode());
            assertTrue(e.awsErrorDetails().errorMessage().startsWith("The request signature we calculated does not match"));
            StsException s = assertThrows(StsException.class, sts::getCallerIdentity);
            assertEquals("SignatureDoesNotMatch", s.awsErrorDetails().errorCode());
        }
    }

    @Test
    void scopedToAnotherRegionThanTheSandboxs_isRefused() {
        try (EcsClient ecs = ecs("test", "test", Region.EU_WEST_1)) {
            EcsException e = assertThrows(EcsException.class, ecs::listTaskDefinitions);
            assertEquals(403, e.statusCode());
            assertEquals("InvalidSignatureException", e.awsErrorDetails().errorCode());
            assertEquals("Credential should be scoped to a valid region, not 'eu-west-1'. ", e.awsErrorDetails().errorMessage());
        }
    }

    @Test
    void unknownAccessKey_isRefused() {
        try (EcsClient ecs = ecs("AKIAUNKNOWN", "test"); StsClient sts = sts("AKIAUNKNOWN", "test")) {
            EcsException e = assertThrows(EcsException.class, ecs::listTaskDefinitions);
            assertEquals("UnrecognizedClientException", e.awsErrorDetails().errorCode());
            assertEquals("InvalidClientTokenId", assertThrows(StsException.class, sts::getCallerIdentity).awsErrorDetails().errorCode());
        }
    }

    @Test
    void staleSignature_isRefused() throws Exception {
        Clock twentyMinutesAgo = Clock.offset(Clock.systemUTC(), Duration.ofMinutes(-20));
        HttpResponse<String> r = SignedHttp.post(f.endpoint(), "ecs", "application/x-amz-json-1.1",
                "AmazonEC2ContainerServiceV20141113.ListClusters", "{}", "test", "test", twentyMinutesAgo);
        assertEquals(403, r.statusCode());
        assertTrue(r.body().contains("InvalidSignatureException") && r.body().contains("Signature expired"), r.body());
    }

    @Test
    void unsignedRequest_isRefused() throws Exception {
        var r = java.net.http.HttpClient.newHttpClient().send(java.net.http.HttpRequest.newBuilder(f.endpoint().resolve("/"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(java.net.http.HttpRequest.BodyPublishers.ofString("Action=GetCallerIdentity&Version=2011-06-15")).build(),
                java.net.http.HttpResponse.BodyHandlers.ofString());
        assertEquals(403, r.statusCode());
        assertTrue(r.body().contains("<Code>MissingAuthenticationToken</Code>"), r.body());
    }

    @Test
    void unknownOperation_answersAsAws() throws Exception {
        HttpResponse<String> json = SignedHttp.post(f.endpoint(), "ecs", "application/x-amz-json-1.1",
                "AmazonEC2ContainerServiceV20141113.FrobnicateCluster", "{}", "test", "test", Clock.systemUTC());
        assertEquals(400, json.statusCode());
        assertTrue(json.body().contains("\"__type\":\"UnknownOperationException\""), json.body());
        HttpResponse<String> query = SignedHttp.post(f.endpoint(), "elasticloadbalancing", "application/x-www-form-urlencoded",
                null, "Action=FrobnicateLoadBalancer&Version=2015-12-01", "test", "test", Clock.systemUTC());
        assertEquals(400, query.statusCode());
        assertTrue(query.body().contains("<Code>InvalidAction</Code>")
                && query.body().contains("The action FrobnicateLoadBalancer is not valid for this web service."), query.body());
    }

    @org.junit.jupiter.params.ParameterizedTest
    @org.junit.jupiter.params.provider.ValueSource(strings = {"Action=GetCallerIdentity&Version=2011-06-15&Note=%zz", "Action=Get%"})
    void anUndecodableQueryParameter_isAMalformedQueryString(String body) throws Exception {
        HttpResponse<String> r = SignedHttp.post(f.endpoint(), "sts", "application/x-www-form-urlencoded", null, body, "test", "test",
                Clock.systemUTC());
        assertEquals(404, r.statusCode());
        assertTrue(r.body().contains("<Code>MalformedQueryString</Code>")
                && r.body().contains("<Message>The query string contains a syntax error.</Message>"), r.body());
    }

    @org.junit.jupiter.params.ParameterizedTest
    @org.junit.jupiter.params.provider.ValueSource(strings = {"", ".", "AmazonEC2ContainerServiceV20141113", "AmazonEC2ContainerServiceV20141113.",
        "Foo.Bar", "AmazonEC2ContainerServiceV20141113.ListClusters.Extra", "AmazonEC2ContainerServiceV20141113.%zz"})
    void aMalformedTarget_isAnUnknownOperation(String target) throws Exception {
        HttpResponse<String> r = SignedHttp.post(f.endpoint(), "ecs", "application/x-amz-json-1.1", target, "{}", "test", "test",
                Clock.systemUTC());
        assertEquals(400, r.statusCode());
        assertEquals("{\"__type\":\"UnknownOperationException\"}", r.body());
    }
}
