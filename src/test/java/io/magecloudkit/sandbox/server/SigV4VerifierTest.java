package io.magecloudkit.sandbox.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
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
    final SigV4Verifier verifier = new SigV4Verifier(key -> "AKIDEXAMPLE".equals(key) ? "secret" : null);

    private SigV4Verifier.SignedRequest sign(SdkHttpRequest request, byte[] body, String secret) {
        var signed = AwsV4HttpSigner.create().sign(r -> r.identity(AwsBasicCredentials.create("AKIDEXAMPLE", secret))
                .request(request).payload(ContentStreamProvider.fromByteArray(body))
                .putProperty(AwsV4HttpSigner.SERVICE_SIGNING_NAME, "sts")
                .putProperty(AwsV4HttpSigner.REGION_NAME, "eu-west-1")
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
}
