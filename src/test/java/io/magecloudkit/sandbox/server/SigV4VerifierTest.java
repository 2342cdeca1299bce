package io.magecloudkit.sandbox.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.http.ContentStreamProvider;
import software.amazon.awssdk.http.SdkHttpMethod;
import software.amazon.awssdk.http.SdkHttpRequest;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4HttpSigner;
import software.amazon.awssdk.http.auth.spi.signer.HttpSigner;

/** The verifier agrees with the SDK's own signer, including query strings that need re-encoding. */
class SigV4VerifierTest {
    static final Instant SIGNED_AT = Instant.parse("2026-01-02T03:04:05Z");
    final SigV4Verifier verifier = new SigV4Verifier("eu-west-1", key -> "AKIDEXAMPLE".equals(key) ? "secret" : null);

    private SigV4Verifier.SignedRequest sign(SdkHttpRequest request, byte[] body, String secret) {
        return sign(request, body, secret, "eu-west-1", true);
    }

    private SigV4Verifier.SignedRequest sign(SdkHttpRequest request, byte[] body, String secret, String region, boolean signPayload) {
        var signed = AwsV4HttpSigner.create().sign(r -> r.identity(AwsBasicCredentials.create("AKIDEXAMPLE", secret))
                .request(request).payload(ContentStreamProvider.fromByteArray(body))
                .putProperty(AwsV4HttpSigner.SERVICE_SIGNING_NAME, "sts")
                .putProperty(AwsV4HttpSigner.REGION_NAME, region)
                .putProperty(AwsV4HttpSigner.PAYLOAD_SIGNING_ENABLED, signPayload)
                .putProperty(HttpSigner.SIGNING_CLOCK, Clock.fixed(SIGNED_AT, ZoneOffset.UTC)));
        SdkHttpRequest s = signed.request();
        return new SigV4Verifier.SignedRequest(s.method().name(), s.encodedPath(), s.encodedQueryParameters().orElse(null),
                Map.copyOf(s.headers()), body);
    }

    @Test
    void getWithQueryParameters_verifies() {
        SdkHttpRequest request = SdkHttpRequest.builder().method(SdkHttpMethod.GET)
                .uri(java.net.URI.create("http://127.0.0.1:4566/"))
                .putRawQueryParameter("Action", "GetCallerIdentity").putRawQueryParameter("Version", "2011-06-15")
                .putRawQueryParameter("Note", "a b/c~d*e").build();
        var signed = sign(request, new byte[0], "secret");
        var auth = SigV4Verifier.parse(signed.header("Authorization"));
        var caller = verifier.verify(signed, auth, SIGNED_AT.plusSeconds(60));
        assertEquals("sts", caller.service());
        assertEquals("eu-west-1", caller.region());
    }

    @Test
    void tamperedBody_orWrongSecret_orStaleDate_isRefused() {
        SdkHttpRequest request = SdkHttpRequest.builder().method(SdkHttpMethod.POST).uri(java.net.URI.create("http://127.0.0.1:4566/"))
                .putHeader("Content-Type", "application/x-www-form-urlencoded").build();
        byte[] body = "Action=GetCallerIdentity&Version=2011-06-15".getBytes(StandardCharsets.UTF_8);
        var signed = sign(request, body, "secret");
        var auth = SigV4Verifier.parse(signed.header("Authorization"));
        var tampered = new SigV4Verifier.SignedRequest(signed.method(), signed.rawPath(), signed.rawQuery(), signed.headers(),
                "Action=AssumeRole&Version=2011-06-15".getBytes(StandardCharsets.UTF_8));
        assertEquals(SigV4Verifier.AuthFailure.Kind.MISMATCH, assertThrows(SigV4Verifier.AuthFailure.class,
                () -> verifier.verify(tampered, auth, SIGNED_AT)).kind());
        var wrongSecret = sign(request, body, "other");
        assertEquals(SigV4Verifier.AuthFailure.Kind.MISMATCH, assertThrows(SigV4Verifier.AuthFailure.class,
                () -> verifier.verify(wrongSecret, SigV4Verifier.parse(wrongSecret.header("Authorization")), SIGNED_AT)).kind());
        assertEquals(SigV4Verifier.AuthFailure.Kind.EXPIRED, assertThrows(SigV4Verifier.AuthFailure.class,
                () -> verifier.verify(signed, auth, SIGNED_AT.plusSeconds(16 * 60))).kind());
        assertEquals(SigV4Verifier.AuthFailure.Kind.INCOMPLETE, assertThrows(SigV4Verifier.AuthFailure.class,
                () -> SigV4Verifier.parse("AWS4-HMAC-SHA256 Credential=x")).kind());
    }

    /** A request no SDK sends, signed correctly for the scope date and headers it names. */
    private static SigV4Verifier.SignedRequest handSigned(String scopeDate, String... signedHeaders) {
        String amzDate = SigV4Verifier.AMZ_DATE.format(SIGNED_AT);
        Map<String, List<String>> headers = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        headers.put("Host", List.of("127.0.0.1:4566"));
        headers.put("X-Amz-Date", List.of(amzDate));
        headers.put("Content-Type", List.of("application/x-www-form-urlencoded"));
        byte[] body = "Action=GetCallerIdentity&Version=2011-06-15".getBytes(StandardCharsets.UTF_8);
        var scope = new SigV4Verifier.Authorization("AKIDEXAMPLE", scopeDate, "eu-west-1", "sts", List.of(signedHeaders), "");
        var unsigned = new SigV4Verifier.SignedRequest("POST", "/", null, headers, body);
        String signature = SigV4Verifier.signature("secret", scope, amzDate, SigV4Verifier.canonicalRequest(unsigned, scope));
        headers.put("Authorization", List.of("AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/" + scopeDate + "/eu-west-1/sts/aws4_request, "
                + "SignedHeaders=" + String.join(";", signedHeaders) + ", Signature=" + signature));
        return new SigV4Verifier.SignedRequest("POST", "/", null, headers, body);
    }

    private SigV4Verifier.AuthFailure refusal(SigV4Verifier.SignedRequest request) {
        return assertThrows(SigV4Verifier.AuthFailure.class,
                () -> verifier.verify(request, SigV4Verifier.parse(request.header("Authorization")), SIGNED_AT));
    }

    @Test
    void handSignedControl_verifies() {
        assertEquals("sts", verifier.verify(handSigned("20260102", "host", "x-amz-date"),
                SigV4Verifier.parse(handSigned("20260102", "host", "x-amz-date").header("Authorization")), SIGNED_AT).service());
    }

    @Test
    void hostNotSigned_isAnIncompleteSignature() {
        var e = refusal(handSigned("20260102", "content-type", "x-amz-date"));
        assertEquals(SigV4Verifier.AuthFailure.Kind.INCOMPLETE, e.kind());
        assertEquals("'Host' or ':authority' must be a 'SignedHeader' in the AWS Authorization.", e.getMessage());
        assertEquals("IncompleteSignatureException", e.forJsonService().code());
        assertEquals("IncompleteSignature", e.forQueryService().code());
    }

    @Test
    void scopeDateOtherThanTheRequestDate_isRefused() {
        var e = refusal(handSigned("20260101", "host", "x-amz-date"));
        assertEquals(SigV4Verifier.AuthFailure.Kind.MISMATCH, e.kind());
        assertEquals("Date in Credential scope does not match YYYYMMDD from ISO-8601 version of date from HTTP: "
                + "'20260101' != '20260102', from '20260102T030405Z'.", e.getMessage());
        assertEquals(403, e.forQueryService().status());
        assertEquals("SignatureDoesNotMatch", e.forQueryService().code());
    }

    @Test
    void scopeForAnotherRegion_isRefused() {
        SdkHttpRequest request = SdkHttpRequest.builder().method(SdkHttpMethod.GET).uri(java.net.URI.create("http://127.0.0.1:4566/"))
                .putRawQueryParameter("Action", "GetCallerIdentity").putRawQueryParameter("Version", "2011-06-15").build();
        var e = refusal(sign(request, new byte[0], "secret", "us-west-2", true));
        assertEquals(SigV4Verifier.AuthFailure.Kind.MISMATCH, e.kind());
        assertEquals("Credential should be scoped to a valid region, not 'us-west-2'. ", e.getMessage());
        assertEquals("InvalidSignatureException", e.forJsonService().code());
    }

    @Test
    void unsignedPayloadWithTheBodySwapped_isRefused() {
        SdkHttpRequest request = SdkHttpRequest.builder().method(SdkHttpMethod.POST).uri(java.net.URI.create("https://127.0.0.1:4566/"))
                .putHeader("Content-Type", "application/x-amz-json-1.1")
                .putHeader("X-Amz-Target", "AmazonEC2ContainerServiceV20141113.ListClusters").build();
        var signed = sign(request, "{}".getBytes(StandardCharsets.UTF_8), "secret", "eu-west-1", false);
        assertEquals("UNSIGNED-PAYLOAD", signed.header("x-amz-content-sha256"));
        var swapped = new SigV4Verifier.SignedRequest(signed.method(), signed.rawPath(), signed.rawQuery(), signed.headers(),
                "{\"cluster\":\"production\"}".getBytes(StandardCharsets.UTF_8));
        var e = refusal(swapped);
        assertEquals(SigV4Verifier.AuthFailure.Kind.MISMATCH, e.kind());
        assertEquals("InvalidSignatureException", e.forJsonService().code());
        assertEquals(403, e.forJsonService().status());
    }
}
