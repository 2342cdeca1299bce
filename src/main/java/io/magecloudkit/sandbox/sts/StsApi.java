package io.magecloudkit.sandbox.sts;

import io.magecloudkit.sandbox.SandboxClock;
import io.magecloudkit.sandbox.SandboxError;
import io.magecloudkit.sandbox.server.Xml;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * STS GetCallerIdentity and AssumeRole. Assumed-role credentials are real inside the
 * sandbox: requests signed with them pass signature checks until they expire.
 */
public final class StsApi {
    public static final String NAMESPACE = "https://sts.amazonaws.com/doc/2011-06-15/";
    private static final SecureRandom RANDOM = new SecureRandom();

    /** Credentials issued by AssumeRole, by access key id (public fields: snapshotted). */
    public static final class State {
        public Map<String, Issued> issued = new LinkedHashMap<>();
    }

    public static final class Issued {
        public String secretAccessKey;
        public String sessionToken;
        public String roleArn;
        public String sessionName;
        public long expiresAt;
    }

    private final State state;
    private final SandboxClock clock;
    private final String accountId;

    public StsApi(State state, SandboxClock clock, String accountId) {
        this.state = state;
        this.clock = clock;
        this.accountId = accountId;
    }

    /** The secret of an issued, unexpired access key; null otherwise. Expiry uses real time, like the SDK's refresh. */
    public String secretOf(String accessKey) {
        Issued i = state.issued.get(accessKey);
        return i == null || i.expiresAt < Instant.now().toEpochMilli() ? null : i.secretAccessKey;
    }

    /** The session token that must accompany an issued access key; null for keys STS did not issue. */
    public String sessionTokenOf(String accessKey) {
        Issued i = state.issued.get(accessKey);
        return i == null ? null : i.sessionToken;
    }

    public String handle(String action, Map<String, String> params, String callerKey, String requestId) {
        return switch (action) {
            case "GetCallerIdentity" -> getCallerIdentity(callerKey, requestId);
            case "AssumeRole" -> assumeRole(params, requestId);
            default -> throw new SandboxError(400, "InvalidAction", "Could not find operation " + action + " for version "
                    + params.getOrDefault("Version", "2011-06-15"));
        };
    }

    private String getCallerIdentity(String callerKey, String requestId) {
        Issued i = state.issued.get(callerKey);
        String arn;
        String userId;
        if (i != null) {
            String role = i.roleArn.substring(i.roleArn.lastIndexOf('/') + 1);
            arn = "arn:aws:sts::" + accountId + ":assumed-role/" + role + "/" + i.sessionName;
            userId = "AROA" + hash(i.roleArn) + ":" + i.sessionName;
        } else {
            arn = "arn:aws:iam::" + accountId + ":root";
            userId = accountId;
        }
        return new Xml().open("GetCallerIdentityResponse", NAMESPACE).open("GetCallerIdentityResult")
                .element("UserId", userId).element("Account", accountId).element("Arn", arn)
                .close("GetCallerIdentityResult").open("ResponseMetadata").element("RequestId", requestId)
                .close("ResponseMetadata").close("GetCallerIdentityResponse").toString();
    }

    private String assumeRole(Map<String, String> params, String requestId) {
        String roleArn = params.get("RoleArn");
        String sessionName = params.get("RoleSessionName");
        if (roleArn == null || roleArn.length() < 20) {
            throw new SandboxError(400, "ValidationError", "1 validation error detected: Value '" + roleArn
                    + "' at 'roleArn' failed to satisfy constraint: Member must have length greater than or equal to 20");
        }
        if (!roleArn.matches("arn:aws[a-z-]*:iam::\\d{12}:role/.+")) {
            throw new SandboxError(403, "AccessDenied", "User: arn:aws:iam::" + accountId
                    + ":root is not authorized to perform: sts:AssumeRole on resource: " + roleArn);
        }
        if (sessionName == null || !sessionName.matches("[\\w+=,.@-]{2,64}")) {
            throw new SandboxError(400, "ValidationError", "1 validation error detected: Value '" + sessionName
                    + "' at 'roleSessionName' failed to satisfy constraint: Member must satisfy regular expression pattern: [\\w+=,.@-]*");
        }
        int duration = Integer.parseInt(params.getOrDefault("DurationSeconds", "3600"));
        if (duration < 900 || duration > 43200) {
            throw new SandboxError(400, "ValidationError", "1 validation error detected: Value '" + duration
                    + "' at 'durationSeconds' failed to satisfy constraint: Member must have value greater than or equal to 900");
        }
        Issued i = new Issued();
        String keyId = "ASIA" + random(16, "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567");
        i.secretAccessKey = random(40, "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/");
        byte[] token = new byte[96];
        RANDOM.nextBytes(token);
        i.sessionToken = Base64.getEncoder().encodeToString(token);
        i.roleArn = roleArn;
        i.sessionName = sessionName;
        i.expiresAt = Instant.now().plusSeconds(duration).toEpochMilli();
        state.issued.put(keyId, i);
        String role = roleArn.substring(roleArn.lastIndexOf('/') + 1);
        return new Xml().open("AssumeRoleResponse", NAMESPACE).open("AssumeRoleResult")
                .open("Credentials").element("AccessKeyId", keyId).element("SecretAccessKey", i.secretAccessKey)
                .element("SessionToken", i.sessionToken).element("Expiration", Instant.ofEpochMilli(i.expiresAt).toString())
                .close("Credentials")
                .open("AssumedRoleUser").element("AssumedRoleId", "AROA" + hash(roleArn) + ":" + sessionName)
                .element("Arn", "arn:aws:sts::" + accountId + ":assumed-role/" + role + "/" + sessionName).close("AssumedRoleUser")
                .close("AssumeRoleResult").open("ResponseMetadata").element("RequestId", requestId).close("ResponseMetadata")
                .close("AssumeRoleResponse").toString();
    }

    private static String hash(String s) {
        return String.format(Locale.ROOT, "%016X", s.hashCode() * 0x9E3779B97F4A7C15L).substring(0, 16);
    }

    private static String random(int n, String alphabet) {
        StringBuilder sb = new StringBuilder(n);
        for (int i = 0; i < n; i++) {
            sb.append(alphabet.charAt(RANDOM.nextInt(alphabet.length())));
        }
        return sb.toString();
    }

    long now() {
        return clock.now().toEpochMilli();
    }
}
