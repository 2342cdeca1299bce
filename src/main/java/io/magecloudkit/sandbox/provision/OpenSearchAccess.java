package io.magecloudkit.sandbox.provision;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.magecloudkit.sandbox.cloudformation.ResourceProvisioner.ResourceFailure;
import java.util.List;
import java.util.Map;

/**
 * What OpenSearch Service refuses about a domain's access: an access policy that lets any principal in
 * without a condition, on a domain without fine-grained access control (CreateDomain and
 * UpdateDomainConfig answer ValidationException). A template whose domain relies on fine-grained access
 * control to authenticate fails in the sandbox as on AWS if that control goes missing.
 */
final class OpenSearchAccess {
    static final String DOMAIN = "AWS::OpenSearchService::Domain";
    private static final ObjectMapper JSON = new ObjectMapper();

    private OpenSearchAccess() {
    }

    static void check(Map<String, Object> properties) {
        if (fineGrained(properties.get("AdvancedSecurityOptions")) || !open(policy(properties.get("AccessPolicies")))) {
            return;
        }
        throw new ResourceFailure("Resource handler returned message: \"Enable fine-grained access control or apply a"
                + " restrictive access policy to your domain\" (HandlerErrorCode: InvalidRequest)");
    }

    private static boolean fineGrained(Object options) {
        return options instanceof Map<?, ?> m && "true".equalsIgnoreCase(String.valueOf(m.get("Enabled")));
    }

    private static Object policy(Object policy) {
        if (policy instanceof String text && !text.isBlank()) {
            try {
                return JSON.readValue(text, Map.class);
            } catch (java.io.IOException e) {
                return null;
            }
        }
        return policy;
    }

    /** An Allow statement for every principal ({@code "*"} or {@code {"AWS": "*"}}) with no condition. */
    private static boolean open(Object policy) {
        if (!(policy instanceof Map<?, ?> document)) {
            return false;
        }
        Object statements = document.get("Statement");
        for (Object s : statements instanceof List<?> list ? list : List.of(statements == null ? Map.of() : statements)) {
            if (s instanceof Map<?, ?> statement && "Allow".equals(statement.get("Effect")) && statement.get("Condition") == null
                    && anyone(statement.get("Principal"))) {
                return true;
            }
        }
        return false;
    }

    private static boolean anyone(Object principal) {
        if (principal instanceof Map<?, ?> m) {
            principal = m.get("AWS");
        }
        return principal instanceof List<?> list ? list.contains("*") : "*".equals(principal);
    }
}
