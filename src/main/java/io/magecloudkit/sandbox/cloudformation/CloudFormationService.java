package io.magecloudkit.sandbox.cloudformation;

import com.fasterxml.jackson.databind.JsonNode;
import io.magecloudkit.sandbox.SandboxClock;
import io.magecloudkit.sandbox.SandboxError;
import io.magecloudkit.sandbox.Simulation;
import java.time.Instant;
import java.util.Map;

/**
 * The CloudFormation query API of the sandbox. (Interface fixed here; the simulation
 * lands with the CloudFormation work.)
 */
public final class CloudFormationService implements Simulation {
    public CloudFormationService(SandboxClock clock, String region, String accountId, ResourceProvisioner provisioner) {
    }

    /**
     * Handles one query-protocol action.
     *
     * @param params the decoded form parameters, including Action and Version
     * @return the whole XML response document
     * @throws SandboxError for AWS error answers
     */
    public String handle(String action, Map<String, String> params) {
        throw new SandboxError(400, "InvalidAction", "CloudFormation is not implemented in the sandbox yet");
    }

    @Override
    public void tick(Instant now) {
    }

    public JsonNode saveState() {
        return com.fasterxml.jackson.databind.node.JsonNodeFactory.instance.objectNode();
    }

    public void loadState(JsonNode state) {
    }

    /** Makes the next CREATE or UPDATE of the resource with this logical id fail with the reason. */
    public void injectResourceFailure(String logicalId, String operation, String reason) {
        throw new UnsupportedOperationException("not implemented yet");
    }
}
