package io.magecloudkit.sandbox.botocore;

import static io.magecloudkit.sandbox.botocore.Fixtures.fixture;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.magecloudkit.sandbox.botocore.CannedAwsServer.Answer;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class AwsCliTest {
    private CannedAwsServer server;
    private AwsCli aws;

    @BeforeEach
    void start() {
        server = new CannedAwsServer();
        aws = new AwsCli(server.endpoint()).withEnvironment("AWS_MAX_ATTEMPTS", "1");
    }

    @AfterEach
    void stop() {
        server.close();
    }

    @Test
    void queryCall_returnsParsedJson_signedWithTheGivenCredentialsAndRegion() {
        server.answer("GetCallerIdentity", Answer.xml(200, fixture("sts-GetCallerIdentity.xml")));

        AwsCli.Result result = aws.withCredentials("AKIDCLITEST", "secret").withRegion("eu-west-1")
                .run("sts", "get-caller-identity").assertOk();

        JsonNode identity = result.json().orElseThrow();
        assertEquals("000000000000", identity.path("Account").asText());
        assertEquals("arn:aws:iam::000000000000:user/jenkins", identity.path("Arn").asText());
        assertEquals("", result.stderr());
        CannedAwsServer.Request request = server.received().get(0);
        assertEquals("GetCallerIdentity", request.operation());
        assertTrue(request.authorization().contains("Credential=AKIDCLITEST/"), request.authorization());
        assertTrue(request.authorization().contains("/eu-west-1/sts/aws4_request"), request.authorization());
    }

    @Test
    void jsonCall_returnsParsedJson() {
        server.answer("DescribeClusters", Answer.json(200, fixture("ecs-DescribeClusters.json")));

        JsonNode clusters = aws.run("ecs", "describe-clusters", "--clusters", "magento-staging")
                .assertOk().json().orElseThrow();

        assertEquals("magento-staging", clusters.path("clusters").path(0).path("clusterName").asText());
        assertEquals("MISSING", clusters.path("failures").path(0).path("reason").asText());
        assertEquals(List.of("DescribeClusters"), server.received().stream().map(CannedAwsServer.Request::operation).toList());
    }

    @Test
    void serviceError_isAFailedResultWithTheCodeOnStderr() {
        server.answer("GetCallerIdentity", Answer.xml(403, """
                <ErrorResponse xmlns="https://sts.amazonaws.com/doc/2011-06-15/">
                  <Error><Type>Sender</Type><Code>InvalidClientTokenId</Code><Message>The token is invalid.</Message></Error>
                  <RequestId>r-1</RequestId>
                </ErrorResponse>"""));

        AwsCli.Result result = aws.run("sts", "get-caller-identity");

        assertFalse(result.ok());
        assertEquals(254, result.exitCode(), result.toString());
        assertTrue(result.stderr().contains("InvalidClientTokenId"), result.stderr());
        assertTrue(result.json().isEmpty());
        AssertionError failure = assertThrows(AssertionError.class, result::assertOk);
        assertTrue(failure.getMessage().startsWith("aws sts get-caller-identity exited 254: "), failure.getMessage());
    }

    @Test
    void hangingCall_isKilledAtTheTimeout() {
        server.answer("GetCallerIdentity", Answer.never());
        long started = System.nanoTime();

        AwsCli.TimedOut timedOut = assertThrows(AwsCli.TimedOut.class,
                () -> aws.withTimeout(Duration.ofSeconds(4)).run("sts", "get-caller-identity"));

        Duration took = Duration.ofNanos(System.nanoTime() - started);
        assertTrue(timedOut.getMessage().startsWith("aws sts get-caller-identity did not finish within 4000 ms"),
                timedOut.getMessage());
        assertTrue(took.compareTo(Duration.ofSeconds(15)) < 0, "took " + took);
        // The run reached the server, so it was the hanging answer that timed out, not a slow start.
        assertEquals("GetCallerIdentity", server.received().get(0).operation());
    }
}
