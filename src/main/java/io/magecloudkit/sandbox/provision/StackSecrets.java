package io.magecloudkit.sandbox.provision;

import com.fasterxml.jackson.databind.node.TextNode;
import io.magecloudkit.sandbox.cloudformation.ResourceProvisioner.Provisioned;
import io.magecloudkit.sandbox.cloudformation.ResourceProvisioner.ResourceFailure;
import io.magecloudkit.sandbox.secretsmanager.control.SecretsControlPlane;
import java.security.SecureRandom;
import java.util.Map;

/**
 * Secrets that stacks make, made real in the sandbox's Secrets Manager under the ARN CloudFormation
 * reported: an AWS::SecretsManager::Secret (its SecretString, or GenerateSecretString's template
 * with a {@link GeneratedPassword} under GenerateStringKey) and the master secret RDS keeps for a cluster
 * with ManageMasterUserPassword ({"username", "password"}). Without this a deploy's preflight
 * finds the stack's own secrets missing.
 */
final class StackSecrets {
    static final String SECRET = "AWS::SecretsManager::Secret";
    static final String DB_CLUSTER = "AWS::RDS::DBCluster";
    private static final String ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
    private final SecretsControlPlane secrets;
    private final SecureRandom random = new SecureRandom();

    StackSecrets(SecretsControlPlane secrets) {
        this.secrets = secrets;
    }

    void created(String type, Provisioned made, Map<String, Object> properties) {
        CfnProperties p = new CfnProperties("secret", properties);
        if (SECRET.equals(type)) {
            String value = p.string("SecretString", null);
            CfnProperties generate = p.object("GenerateSecretString");
            if (value == null && generate != null) {
                String template = generate.string("SecretStringTemplate", null);
                String key = generate.string("GenerateStringKey", null);
                String password = generated(GeneratedPassword.of(generate));
                value = template != null && key != null && template.trim().endsWith("}") ? json(template, key, password) : password;
            }
            secrets.adopt(made.physicalId(), value == null ? password() : value);
        } else if (DB_CLUSTER.equals(type) && made.attributes().get("MasterUserSecret.SecretArn") instanceof String arn) {
            secrets.adopt(arn, json("{\"username\": \"" + p.string("MasterUsername", "admin") + "\"}", "password", password()));
        }
    }

    void deleted(String arn) {
        secrets.forget(arn);
    }

    private String generated(GeneratedPassword rules) {
        try {
            return rules.generate(random);
        } catch (IllegalArgumentException e) {
            throw new ResourceFailure("Resource handler returned message: \"" + e.getMessage() + "\"");
        }
    }

    private static String json(String template, String key, String value) {
        String body = template.trim();
        body = body.substring(0, body.length() - 1).trim();
        return body + (body.endsWith("{") ? "" : ", ") + "\"" + key + "\": " + TextNode.valueOf(value) + "}";
    }

    /** What RDS keeps for a cluster's master user (letters and digits: nothing the tests need more of). */
    private String password() {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < 32; i++) {
            sb.append(ALPHABET.charAt(random.nextInt(ALPHABET.length())));
        }
        return sb.toString();
    }
}
