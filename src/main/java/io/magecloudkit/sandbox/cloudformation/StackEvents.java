package io.magecloudkit.sandbox.cloudformation;

import io.magecloudkit.sandbox.cloudformation.StackState.Event;
import io.magecloudkit.sandbox.cloudformation.StackState.Resource;
import io.magecloudkit.sandbox.cloudformation.StackState.ResourceStatus;
import java.util.UUID;

/** The events a stack operation leaves, stamped with the token of the operation in flight. */
final class StackEvents {
    static final String STACK_TYPE = "AWS::CloudFormation::Stack";

    private StackEvents() {
    }

    static void stack(StackState stack, long t, StackState.Status status, String reason) {
        add(stack, UUID.randomUUID().toString(), stack.stackName, stack.stackId, STACK_TYPE, t, status.name(), reason);
    }

    static void resource(StackState stack, long t, Resource resource, ResourceStatus status, String reason) {
        add(stack, resource.logicalId + "-" + status + "-" + UUID.randomUUID(), resource.logicalId, resource.physicalId,
                resource.type, t, status.name(), reason);
    }

    private static void add(StackState stack, String id, String logicalId, String physicalId, String type, long t, String status,
            String reason) {
        Event event = new Event();
        event.eventId = id;
        event.logicalId = logicalId;
        event.physicalId = physicalId;
        event.type = type;
        event.timestamp = t;
        event.status = status;
        event.reason = reason;
        event.clientRequestToken = stack.clientRequestToken;
        stack.events.add(event);
    }
}
