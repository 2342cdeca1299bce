package io.magecloudkit.config;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Where a secret lives: an SSM parameter or a Secrets Manager secret (optionally one JSON key
 * of it). The file only ever names secrets; their values never pass through MageCloudKit's
 * configuration.
 *
 * @param store     which service holds it
 * @param id        the SSM parameter name ({@code /shop/db/password}) or ARN, or the secret's name or ARN
 * @param jsonKey   for Secrets Manager, the key inside a JSON secret; null for the whole value
 * @param reference the reference as written in the file
 */
public record SecretRef(Store store, String id, String jsonKey, String reference) {

    public enum Store { SSM, SECRETS_MANAGER }

    /** How to write a reference; quoted in error messages. */
    public static final String SYNTAX =
            "ssm:/path/name, secretsmanager:<name or ARN>[:json-key], or an SSM parameter / Secrets Manager ARN";

    private static final String PARTITION = "arn:aws(?:-[a-z]+)*";
    private static final Pattern SSM_PATH = Pattern.compile("/[A-Za-z0-9_.\\-/]{1,2047}");
    private static final Pattern SSM_ARN = Pattern.compile(
            PARTITION + ":ssm:[a-z0-9-]+:[0-9]{12}:parameter/[A-Za-z0-9_.\\-/]+");
    private static final Pattern SM_ARN = Pattern.compile(
            "(" + PARTITION + ":secretsmanager:[a-z0-9-]+:[0-9]{12}:secret:[A-Za-z0-9/_+=.@-]+)(?::([^:]+))?");
    private static final Pattern SM_NAME = Pattern.compile("([A-Za-z0-9/_+=.@-]{1,512})(?::([^:]+))?");

    /** True for a full ARN (ECS accepts it as is); false for a name the deploy must turn into one. */
    public boolean isArn() {
        return id.startsWith("arn:");
    }

    /**
     * Parses a reference.
     *
     * @throws IllegalArgumentException with a message that never repeats the text when it may be
     *         a secret value rather than a malformed reference
     */
    public static SecretRef parse(String text) {
        String s = text == null ? "" : text.trim();
        if (s.startsWith("ssm:")) {
            String path = s.substring(4);
            if (!SSM_PATH.matcher(path).matches()) {
                throw new IllegalArgumentException("'" + s + "' is not a valid SSM reference: expected ssm:/path/name"
                        + " (a leading slash; letters, digits, _ . - /)");
            }
            return new SecretRef(Store.SSM, path, null, s);
        }
        if (s.startsWith("secretsmanager:")) {
            String rest = s.substring("secretsmanager:".length());
            Matcher m = rest.startsWith("arn:") ? SM_ARN.matcher(rest) : SM_NAME.matcher(rest);
            if (!m.matches()) {
                throw new IllegalArgumentException("'" + s + "' is not a valid Secrets Manager reference:"
                        + " expected secretsmanager:<name or ARN>[:json-key]");
            }
            return new SecretRef(Store.SECRETS_MANAGER, m.group(1), m.group(2), s);
        }
        if (s.startsWith("arn:")) {
            if (SSM_ARN.matcher(s).matches()) {
                return new SecretRef(Store.SSM, s, null, s);
            }
            Matcher m = SM_ARN.matcher(s);
            if (m.matches()) {
                return new SecretRef(Store.SECRETS_MANAGER, m.group(1), m.group(2), s);
            }
            throw new IllegalArgumentException("'" + s + "' is neither an SSM parameter ARN nor a Secrets Manager secret ARN");
        }
        // Deliberately not echoed: this is most likely the secret itself.
        throw new IllegalArgumentException("a secret must be a reference (" + SYNTAX
                + "), not a value: secret values do not belong in this file");
    }
}
