package io.magecloudkit.sandbox.secretsmanager.control;

import io.magecloudkit.sandbox.SandboxError;
import io.magecloudkit.sandbox.secretsmanager.SecretsState;
import io.magecloudkit.sandbox.secretsmanager.SecretsState.Secret;
import io.magecloudkit.sandbox.secretsmanager.SecretsState.SecretVersion;
import java.security.SecureRandom;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.LongSupplier;

/**
 * Secrets Manager on typed records: CreateSecret, DescribeSecret, GetSecretValue and
 * PutSecretValue, with ARNs ending in the six random characters AWS appends to a secret's
 * name, version ids and the AWSCURRENT / AWSPREVIOUS staging labels.
 */
public final class SecretsControlPlane {
    private static final String SUFFIX_ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
    private static final SecureRandom RANDOM = new SecureRandom();

    /** @param secretString and @param secretBinary (base64): at most one; both null stores no version */
    public record NewSecret(String name, String description, String clientRequestToken, String secretString, String secretBinary,
            Map<String, String> tags) {
    }

    /** @param stages null for AWSCURRENT */
    public record NewValue(String secretId, String clientRequestToken, String secretString, String secretBinary, List<String> stages) {
    }

    /** A version of a secret, as GetSecretValue, CreateSecret and PutSecretValue answer with it. */
    public record VersionView(Secret secret, SecretVersion version) {
    }

    private final SecretsState state;
    private final LongSupplier now;
    private final String region;
    private final String accountId;

    public SecretsControlPlane(SecretsState state, LongSupplier now, String region, String accountId) {
        this.state = state;
        this.now = now;
        this.region = region;
        this.accountId = accountId;
    }

    public VersionView create(NewSecret request) {
        String name = request.name();
        if (name == null || !name.matches("[A-Za-z0-9/_+=.@-]{1,512}")) {
            throw new SandboxError(400, "ValidationException",
                    "Invalid name. Must be a valid name containing alphanumeric characters, or any of the following: -/_+=.@!");
        }
        if (state.secrets.containsKey(name)) {
            throw new SandboxError(400, "ResourceExistsException", "The operation failed because the secret " + name + " already exists.");
        }
        requireOneValue(request.secretString(), request.secretBinary(), false);
        long t = now.getAsLong();
        Secret s = new Secret();
        s.name = name;
        s.arn = "arn:aws:secretsmanager:" + region + ":" + accountId + ":secret:" + name + "-" + suffix();
        s.description = request.description();
        s.createdDate = t;
        s.lastChangedDate = t;
        s.tags.putAll(request.tags());
        state.secrets.put(name, s);
        if (request.secretString() == null && request.secretBinary() == null) {
            return new VersionView(s, null);
        }
        return new VersionView(s, addVersion(s, request.clientRequestToken(), request.secretString(), request.secretBinary(),
                List.of(VersionStages.CURRENT), t));
    }

    /**
     * A secret that a stack's resource made (an AWS::SecretsManager::Secret, or the master secret
     * RDS keeps for a cluster), under the ARN CloudFormation reported; an ARN already known is
     * left as it is.
     */
    public void adopt(String arn, String secretString) {
        String name = arn.substring(arn.indexOf(":secret:") + ":secret:".length(), arn.length() - 7);
        if (state.secrets.values().stream().anyMatch(s -> s.arn.equals(arn))) {
            return;
        }
        long t = now.getAsLong();
        Secret s = new Secret();
        s.name = name;
        s.arn = arn;
        s.createdDate = t;
        s.lastChangedDate = t;
        state.secrets.put(name, s);
        addVersion(s, null, secretString, null, List.of(VersionStages.CURRENT), t);
    }

    /** Forgets a secret a stack made, when the stack deletes it. */
    public void forget(String arn) {
        state.secrets.values().removeIf(s -> s.arn.equals(arn));
    }

    public Secret describe(String secretId) {
        return require(secretId);
    }

    public VersionView getValue(String secretId, String versionId, String versionStage) {
        Secret s = require(secretId);
        String stage = versionId == null && versionStage == null ? VersionStages.CURRENT : versionStage;
        for (SecretVersion v : s.versions) {
            if ((versionId == null || versionId.equals(v.versionId)) && (stage == null || v.stages.contains(stage))) {
                s.lastAccessedDate = now.getAsLong() / 86_400_000L * 86_400_000L;
                return new VersionView(s, v);
            }
        }
        throw new SandboxError(400, "ResourceNotFoundException", versionId != null
                ? "Secrets Manager can't find the specified secret value for VersionId: " + versionId
                : "Secrets Manager can't find the specified secret value for staging label: " + stage);
    }

    public VersionView putValue(NewValue request) {
        Secret s = require(request.secretId());
        requireOneValue(request.secretString(), request.secretBinary(), true);
        List<String> stages = request.stages() == null || request.stages().isEmpty() ? List.of(VersionStages.CURRENT) : request.stages();
        long t = now.getAsLong();
        s.lastChangedDate = t;
        return new VersionView(s, addVersion(s, request.clientRequestToken(), request.secretString(), request.secretBinary(), stages, t));
    }

    private SecretVersion addVersion(Secret s, String token, String string, String binary, List<String> stages, long t) {
        String id = token == null ? UUID.randomUUID().toString() : token;
        for (SecretVersion v : s.versions) {
            if (v.versionId.equals(id)) {
                if (java.util.Objects.equals(v.secretString, string) && java.util.Objects.equals(v.secretBinary, binary)) {
                    return v;
                }
                throw new SandboxError(400, "ResourceExistsException", "You can't modify an existing version, you can only create a new version.");
            }
        }
        SecretVersion v = new SecretVersion();
        v.versionId = id;
        v.secretString = string;
        v.secretBinary = binary;
        v.createdDate = t;
        s.versions.add(v);
        VersionStages.assign(s.versions, v, stages);
        s.versions.removeIf(old -> old.stages.isEmpty());
        return v;
    }

    /** A secret by name, full ARN, or ARN without the random suffix. */
    private Secret require(String secretId) {
        if (secretId != null) {
            for (Secret s : state.secrets.values()) {
                if (s.name.equals(secretId) || s.arn.equals(secretId) || s.arn.equals(secretId + s.arn.substring(s.arn.length() - 7))) {
                    return s;
                }
            }
        }
        throw new SandboxError(400, "ResourceNotFoundException", "Secrets Manager can't find the specified secret.");
    }

    private static void requireOneValue(String string, String binary, boolean required) {
        if (string != null && binary != null) {
            throw new SandboxError(400, "InvalidParameterException",
                    "You can't specify both a binary secret value and a string secret value in the same secret.");
        }
        if (required && string == null && binary == null) {
            throw new SandboxError(400, "InvalidRequestException", "You must provide either SecretString or SecretBinary.");
        }
    }

    private static String suffix() {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < 6; i++) {
            out.append(SUFFIX_ALPHABET.charAt(RANDOM.nextInt(SUFFIX_ALPHABET.length())));
        }
        return out.toString();
    }
}
