package io.magecloudkit.provision;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import java.util.TreeMap;

/**
 * The hash of what a stack was last given (template body and parameter values), kept as a tag on the
 * stack: when the stack is in a settled state and the tag matches, nothing needs to be sent, and one
 * DescribeStacks call decides it.
 */
public final class StackFingerprint {
    /** The stack tag holding the fingerprint. */
    public static final String TAG = "magecloudkit:fingerprint";

    private StackFingerprint() {
    }

    /** sha256 over the body and the parameters sorted by key; only resolved stacks have one. */
    public static String of(RenderedStack stack) {
        if (!stack.resolved()) {
            throw new IllegalArgumentException(stack.name() + " has parameters not known yet");
        }
        Map<String, String> params = new TreeMap<>();
        stack.parameters().forEach(p -> params.put(p.key(), p.value()));
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            sha.update(stack.body().getBytes(StandardCharsets.UTF_8));
            params.forEach((k, v) -> {
                sha.update((byte) 0);
                sha.update(k.getBytes(StandardCharsets.UTF_8));
                sha.update((byte) '=');
                sha.update(v.getBytes(StandardCharsets.UTF_8));
            });
            return HexFormat.of().formatHex(sha.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JVM", e);
        }
    }

    /**
     * Whether the stack can be skipped: it exists in a settled, successful state and carries the
     * same fingerprint.
     */
    public static boolean unchanged(StackCondition condition, String recorded, String wanted) {
        return condition == StackCondition.READY && wanted.equals(recorded);
    }
}
