package io.magecloudkit.sandbox.cloudformation;

import java.util.Map;

/**
 * Makes the resources of a stack real inside the sandbox. The CloudFormation simulation
 * asks a provisioner for every resource; one that handles ECS clusters, services and task
 * definitions and ELBv2 target groups makes them visible to those APIs, and a generic one
 * gives every other type a plausible physical id and attributes.
 */
public interface ResourceProvisioner {

    /** What a created or updated resource looks like to Ref and Fn::GetAtt. */
    record Provisioned(String physicalId, Map<String, Object> attributes) {
        public Provisioned {
            attributes = Map.copyOf(attributes);
        }
    }

    /** Thrown to make the resource operation fail with the given status reason. */
    final class ResourceFailure extends RuntimeException {
        private static final long serialVersionUID = 1L;

        public ResourceFailure(String reason) {
            super(reason);
        }
    }

    /** True when this provisioner owns resources of the given type (e.g. "AWS::ECS::Cluster"). */
    boolean handles(String resourceType);

    /**
     * Creates a resource.
     *
     * @param properties the resolved properties (intrinsics already evaluated), as parsed YAML/JSON values
     */
    Provisioned create(String stackName, String logicalId, String resourceType, Map<String, Object> properties);

    /** Updates a resource in place (no replacement). */
    Provisioned update(String stackName, String logicalId, String resourceType, String physicalId,
            Map<String, Object> properties);

    /** Deletes a resource; deleting one that no longer exists is not an error. */
    void delete(String stackName, String logicalId, String resourceType, String physicalId,
            Map<String, Object> properties);
}
