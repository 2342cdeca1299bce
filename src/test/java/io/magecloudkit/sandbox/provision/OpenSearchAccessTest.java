package io.magecloudkit.sandbox.provision;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.magecloudkit.sandbox.cloudformation.ResourceProvisioner.ResourceFailure;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** OpenSearch Service refuses a domain open to anyone unless fine-grained access control authenticates. */
class OpenSearchAccessTest {
    record Case(String name, Map<String, Object> properties, boolean refused) {
    }

    private static Map<String, Object> statement(Object principal) {
        return Map.of("Effect", "Allow", "Principal", principal, "Action", "es:ESHttp*", "Resource", "arn:aws:es:eu-west-1:1:domain/d/*");
    }

    private static Map<String, Object> policy(Object... statements) {
        return Map.of("Version", "2012-10-17", "Statement", List.of(statements));
    }

    private static final Map<String, Object> FGAC = Map.of("Enabled", true, "InternalUserDatabaseEnabled", true);

    @Test
    void anOpenPolicy_needsFineGrainedAccessControl() {
        List<Case> cases = List.of(
                new Case("open to {AWS: *}, no FGAC", Map.of("AccessPolicies", policy(statement(Map.of("AWS", "*")))), true),
                new Case("open to *, FGAC off", Map.of("AccessPolicies", policy(statement("*")),
                        "AdvancedSecurityOptions", Map.of("Enabled", false)), true),
                new Case("open, as a JSON string", Map.of("AccessPolicies",
                        "{\"Statement\": {\"Effect\": \"Allow\", \"Principal\": {\"AWS\": [\"*\"]}, \"Action\": \"es:*\"}}"), true),
                new Case("open, FGAC on (search.yml)", Map.of("AccessPolicies", policy(statement(Map.of("AWS", "*"))),
                        "AdvancedSecurityOptions", FGAC), false),
                new Case("open, FGAC on as the string true", Map.of("AccessPolicies", policy(statement("*")),
                        "AdvancedSecurityOptions", Map.of("Enabled", "true")), false),
                new Case("the account's IAM principals only", Map.of("AccessPolicies",
                        policy(statement(Map.of("AWS", "arn:aws:iam::123456789012:root")))), false),
                new Case("anyone from an address range", Map.of("AccessPolicies", policy(Map.of("Effect", "Allow", "Principal", "*",
                        "Action", "es:*", "Condition", Map.of("IpAddress", Map.of("aws:SourceIp", "10.0.0.0/16"))))), false),
                new Case("a Deny for anyone", Map.of("AccessPolicies", policy(Map.of("Effect", "Deny", "Principal", "*",
                        "Action", "es:*"))), false),
                new Case("no policy", Map.of(), false));
        for (Case c : cases) {
            if (c.refused()) {
                ResourceFailure failure = assertThrows(ResourceFailure.class, () -> OpenSearchAccess.check(c.properties()), c.name());
                assertTrue(failure.getMessage().contains("Enable fine-grained access control or apply a restrictive access policy"
                        + " to your domain"), c.name() + ": " + failure.getMessage());
            } else {
                OpenSearchAccess.check(c.properties()); // accepted: no exception
            }
        }
    }
}
