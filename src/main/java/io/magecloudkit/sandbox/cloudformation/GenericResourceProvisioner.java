package io.magecloudkit.sandbox.cloudformation;

import java.util.Map;

/** Gives every resource type a plausible physical id and attributes. (Lands with the CloudFormation work.) */
public final class GenericResourceProvisioner implements ResourceProvisioner {
    public GenericResourceProvisioner(String region, String accountId) {
    }

    @Override
    public boolean handles(String resourceType) {
        return true;
    }

    @Override
    public Provisioned create(String stackName, String logicalId, String resourceType, Map<String, Object> properties) {
        throw new ResourceFailure("not implemented yet");
    }

    @Override
    public Provisioned update(String stackName, String logicalId, String resourceType, String physicalId,
            Map<String, Object> properties) {
        throw new ResourceFailure("not implemented yet");
    }

    @Override
    public void delete(String stackName, String logicalId, String resourceType, String physicalId,
            Map<String, Object> properties) {
    }
}
