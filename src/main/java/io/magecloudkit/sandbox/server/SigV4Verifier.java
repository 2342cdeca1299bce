package io.magecloudkit.sandbox.server;

import io.magecloudkit.sandbox.SandboxError;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Checks an AWS Signature Version 4 header the way AWS does: rebuilds the canonical request
 * and the string to sign from what arrived and compares signatures. The request time is
 * checked against the real wall clock (the SDK signs with real time, whatever the sandbox's
 * simulated clock says).
 *
 * @see <a href="https://docs.aws.amazon.com/IAM/latest/UserGuide/create-signed-request.html">Create a signed AWS API request</a>
 */
public final class SigV4Verifier {
    static final DateTimeFormatter AMZ_DATE = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC);
    private static final Duration MAX_SKEW = Duration.ofMinutes(15);

    /** The identity a valid signature proves. */
    public record Caller(String accessKey, String region, String service) {
    }

    /** What the verifier needs of a request; header names are matched case-insensitively. */
    public record SignedRequest(String method, String rawPath, String rawQuery, Map<String, List<String>> headers, byte[] body) {
        String header(String name) {
            for (var e : headers.entrySet()) {
                if (e.getKey().equalsIgnoreCase(name)) {
                    return String.join(",", e.getValue());
                }
            }
            return null;
        }

        List<String> headerValues(String name) {
            List<String> all = new ArrayList<>();
            for (var e : headers.entrySet()) {
                if (e.getKey().equalsIgnoreCase(name)) {
                    all.addAll(e.getValue());
                }
            }
            return all;
        }
    }

    /** Parsed Authorization header (no verification yet). */
    public record Authorization(String accessKey, String date, String region, String service, List<String> signedHeaders,
            String signature) {
        String scope() {
            return date + "/" + region + "/" + service + "/aws4_request";
        }
    }

    private final String region;
    private final Function<String, String> secretForKey;

    /**
     * @param region       the only region a credential scope may name (the sandbox's)
     * @param secretForKey the secret of an access key, or null when the key is unknown
     */
    public SigV4Verifier(String region, Function<String, String> secretForKey) {
        this.region = region;
        this.secretForKey = secretForKey;
    }

    /** Parses the Authorization header; null when the request carries none. */
    public static Authorization parse(String header) {
        if (header == null || header.isBlank()) {
            return null;
        }
        if (!header.startsWith("AWS4-HMAC-SHA256 ")) {
            throw new AuthFailure(AuthFailure.Kind.INCOMPLETE, "Authorization header requires 'AWS4-HMAC-SHA256' algorithm.");
        }
        Map<String, String> parts = new TreeMap<>();
        for (String part : header.substring("AWS4-HMAC-SHA256 ".length()).split(",")) {
            int eq = part.indexOf('=');
            if (eq > 0) {
                parts.put(part.substring(0, eq).trim(), part.substring(eq + 1).trim());
            }
        }
        String credential = parts.get("Credential");
        String signed = parts.get("SignedHeaders");
        String signature = parts.get("Signature");
        if (credential == null || signed == null || signature == null) {
            throw new AuthFailure(AuthFailure.Kind.INCOMPLETE,
                    "Authorization header requires 'Credential', 'SignedHeaders' and 'Signature' parameters.");
        }
        String[] scope = credential.split("/");
        if (scope.length != 5 || !"aws4_request".equals(scope[4])) {
            throw new AuthFailure(AuthFailure.Kind.INCOMPLETE, "Credential should be scoped to a valid region.");
        }
        return new Authorization(scope[0], scope[1], scope[2], scope[3], List.of(signed.split(";")), signature);
    }

    /**
     * Verifies the request.
     *
     * @throws AuthFailure when the key is unknown, the signature does not match, or the request is stale
     */
    public Caller verify(SignedRequest request, Authorization auth, Instant realNow) {
        // Without host the signature would hold for any endpoint the request is replayed to.
        if (auth.signedHeaders().stream().noneMatch(h -> h.equalsIgnoreCase("host"))) {
            throw new AuthFailure(AuthFailure.Kind.INCOMPLETE, "'Host' or ':authority' must be a 'SignedHeader' in the AWS Authorization.");
        }
        String secret = secretForKey.apply(auth.accessKey());
        if (secret == null) {
            throw new AuthFailure(AuthFailure.Kind.UNKNOWN_KEY, "The security token included in the request is invalid.");
        }
        String amzDate = request.header("x-amz-date");
        if (amzDate == null) {
            amzDate = request.header("date");
        }
        Instant signedAt;
        try {
            signedAt = AMZ_DATE.parse(amzDate, Instant::from);
        } catch (DateTimeParseException | NullPointerException e) {
            throw new AuthFailure(AuthFailure.Kind.INCOMPLETE, "Date must be in ISO-8601 'basic format'. Got '" + amzDate + "'.");
        }
        if (!amzDate.startsWith(auth.date())) {
            throw new AuthFailure(AuthFailure.Kind.MISMATCH, "Date in Credential scope does not match YYYYMMDD from ISO-8601 version of date "
                    + "from HTTP: '" + auth.date() + "' != '" + amzDate.substring(0, 8) + "', from '" + amzDate + "'.");
        }
        if (!region.equals(auth.region())) {
            throw new AuthFailure(AuthFailure.Kind.MISMATCH, "Credential should be scoped to a valid region, not '" + auth.region() + "'. ");
        }
        if (Duration.between(signedAt, realNow).abs().compareTo(MAX_SKEW) > 0) {
            throw new AuthFailure(AuthFailure.Kind.EXPIRED, "Signature expired: " + amzDate + " is now earlier than "
                    + AMZ_DATE.format(realNow.minus(MAX_SKEW)) + " (" + AMZ_DATE.format(realNow) + " - 15 min.)");
        }
        String expected = signature(secret, auth, amzDate, canonicalRequest(request, auth));
        if (!MessageDigest.isEqual(expected.getBytes(StandardCharsets.US_ASCII), auth.signature().getBytes(StandardCharsets.US_ASCII))) {
            throw new AuthFailure(AuthFailure.Kind.MISMATCH, "The request signature we calculated does not match the signature you provided. "
                    + "Check your AWS Secret Access Key and signing method. Consult the service documentation for details.");
        }
        return new Caller(auth.accessKey(), auth.region(), auth.service());
    }

    static String signature(String secret, Authorization auth, String amzDate, String canonicalRequest) {
        String stringToSign = "AWS4-HMAC-SHA256\n" + amzDate + "\n" + auth.scope() + "\n"
                + hex(sha256(canonicalRequest.getBytes(StandardCharsets.UTF_8)));
        byte[] key = hmac(("AWS4" + secret).getBytes(StandardCharsets.UTF_8), auth.date());
        key = hmac(key, auth.region());
        key = hmac(key, auth.service());
        key = hmac(key, "aws4_request");
        return hex(hmac(key, stringToSign));
    }

    static String canonicalRequest(SignedRequest request, Authorization auth) {
        StringBuilder sb = new StringBuilder();
        sb.append(request.method()).append('\n');
        sb.append(canonicalPath(request.rawPath())).append('\n');
        sb.append(canonicalQuery(request.rawQuery())).append('\n');
        for (String name : auth.signedHeaders()) {
            List<String> values = request.headerValues(name);
            List<String> trimmed = new ArrayList<>();
            for (String v : values) {
                trimmed.add(v.trim().replaceAll(" +", " "));
            }
            sb.append(name.toLowerCase(Locale.ROOT)).append(':').append(String.join(",", trimmed)).append('\n');
        }
        sb.append('\n').append(String.join(";", auth.signedHeaders())).append('\n');
        // Only S3 takes the payload hash from the client (and so UNSIGNED-PAYLOAD): every service the sandbox speaks
        // hashes the body it received, so a body swapped after signing never verifies.
        String payloadHash = hex(sha256(request.body()));
        String claimed = request.header("x-amz-content-sha256");
        if (claimed != null && claimed.matches("[0-9a-fA-F]{64}") && !claimed.equalsIgnoreCase(payloadHash)) {
            throw new AuthFailure(AuthFailure.Kind.MISMATCH, "The provided 'x-amz-content-sha256' header does not match what was computed.");
        }
        sb.append(payloadHash);
        return sb.toString();
    }

    /** Services other than S3 sign the path URI-encoded twice: once on the wire, once for the signature. */
    private static String canonicalPath(String rawPath) {
        if (rawPath == null || rawPath.isEmpty()) {
            return "/";
        }
        StringBuilder out = new StringBuilder();
        for (String segment : rawPath.split("/", -1)) {
            if (out.length() > 0 || rawPath.startsWith("/")) {
                out.append('/');
            }
            out.append(uriEncode(segment));
        }
        String s = out.toString();
        return s.startsWith("//") ? s.substring(1) : s;
    }

    private static String canonicalQuery(String rawQuery) {
        List<String[]> pairs = new ArrayList<>();
        for (Map.Entry<String, String> pair : QueryParams.pairs(rawQuery)) {
            pairs.add(new String[] {uriEncode(pair.getKey()), uriEncode(pair.getValue())});
        }
        pairs.sort((a, b) -> a[0].equals(b[0]) ? a[1].compareTo(b[1]) : a[0].compareTo(b[0]));
        List<String> joined = new ArrayList<>();
        for (String[] p : pairs) {
            joined.add(p[0] + "=" + p[1]);
        }
        return String.join("&", joined);
    }

    static String uriEncode(String s) {
        StringBuilder sb = new StringBuilder();
        for (byte b : s.getBytes(StandardCharsets.UTF_8)) {
            char c = (char) (b & 0xff);
            if (c >= 'A' && c <= 'Z' || c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c == '-' || c == '_' || c == '.' || c == '~') {
                sb.append(c);
            } else {
                sb.append('%').append(String.format("%02X", b & 0xff));
            }
        }
        return sb.toString();
    }

    static byte[] sha256(byte[] data) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(data);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    static byte[] hmac(byte[] key, String data) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return mac.doFinal(data.getBytes(StandardCharsets.UTF_8));
        } catch (java.security.GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    static String hex(byte[] b) {
        return HexFormat.of().formatHex(b);
    }

    /** Why a request was refused before it reached a service. */
    public static final class AuthFailure extends RuntimeException {
        private static final long serialVersionUID = 1L;

        public enum Kind { MISSING, INCOMPLETE, UNKNOWN_KEY, MISMATCH, EXPIRED }

        private final Kind kind;

        public AuthFailure(Kind kind, String message) {
            super(message);
            this.kind = kind;
        }

        public Kind kind() {
            return kind;
        }

        /** The error as a JSON-protocol service (ECS, ECR, SSM) answers it. */
        public SandboxError forJsonService() {
            return switch (kind) {
                case MISSING -> new SandboxError(400, "MissingAuthenticationTokenException", "Missing Authentication Token");
                case INCOMPLETE -> new SandboxError(400, "IncompleteSignatureException", getMessage());
                case UNKNOWN_KEY -> new SandboxError(400, "UnrecognizedClientException", getMessage());
                case MISMATCH, EXPIRED -> new SandboxError(403, "InvalidSignatureException", getMessage());
            };
        }

        /** The error as a query-protocol service (STS, ELBv2, CloudFormation) answers it. */
        public SandboxError forQueryService() {
            return switch (kind) {
                case MISSING -> new SandboxError(403, "MissingAuthenticationToken", "Request is missing Authentication Token");
                case INCOMPLETE -> new SandboxError(400, "IncompleteSignature", getMessage());
                case UNKNOWN_KEY -> new SandboxError(403, "InvalidClientTokenId", getMessage());
                case MISMATCH -> new SandboxError(403, "SignatureDoesNotMatch", getMessage());
                case EXPIRED -> new SandboxError(400, "RequestExpired", getMessage());
            };
        }
    }
}
