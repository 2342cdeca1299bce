package io.magecloudkit.sandbox.botocore;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The extract of the current ECS model (operations newer than the Debian botocore) holds the
 * service deployment operations, and the validator built from it refuses answers that depart
 * from the API reference's shapes.
 */
class BotocoreSupplementTest {
    private final ResponseValidator validator = new ResponseValidator(BotocoreModel.supplement("ecs").orElseThrow());

    @Test
    void holdsTheOperationsTheInstalledModelLacks() {
        for (String op : List.of("ListServiceDeployments", "DescribeServiceDeployments", "DescribeServiceRevisions", "StopServiceDeployment")) {
            assertTrue(validator.model().operation(op).isPresent(), op);
            assertTrue(BotocoreModel.load("ecs").operation(op).isEmpty(), "the Debian model has " + op + " now: drop it from the extract");
        }
    }

    @Test
    void conformingAnswer_passes() {
        assertEquals(List.of(), validator.validate("ListServiceDeployments", 200, """
                {"serviceDeployments": [{"serviceDeploymentArn": "arn:aws:ecs:us-east-1:000000000000:service-deployment/c/s/abc",
                  "status": "ROLLBACK_SUCCESSFUL", "createdAt": 1767225600.5}]}
                """));
    }

    @Test
    void unknownStatusOrWrongType_isAViolation() {
        assertFalse(validator.validate("ListServiceDeployments", 200, """
                {"serviceDeployments": [{"status": "ROLLED_BACK"}]}
                """).isEmpty());
        assertFalse(validator.validate("DescribeServiceDeployments", 200, """
                {"serviceDeployments": [{"deploymentCircuitBreaker": {"failureCount": "three"}}], "failures": []}
                """).isEmpty());
    }
}
