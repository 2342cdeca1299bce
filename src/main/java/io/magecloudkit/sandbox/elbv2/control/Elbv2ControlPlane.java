package io.magecloudkit.sandbox.elbv2.control;

import io.magecloudkit.sandbox.SandboxClock;
import io.magecloudkit.sandbox.ecs.EcsState;
import io.magecloudkit.sandbox.elbv2.Elbv2State;

/**
 * The typed ELBv2 control plane: the operations of the API on records, grouped by resource.
 * The query wire layer, the CloudFormation provisioner and the ECS scheduler (target group
 * settings) all come in here.
 */
public final class Elbv2ControlPlane {
    private final LoadBalancerOperations loadBalancers;
    private final TargetGroupOperations targetGroups;
    private final ListenerOperations listeners;

    public Elbv2ControlPlane(Elbv2State state, EcsState ecs, SandboxClock clock, String region, String accountId) {
        this.loadBalancers = new LoadBalancerOperations(state, clock, region, accountId);
        this.targetGroups = new TargetGroupOperations(state, ecs, loadBalancers);
        this.listeners = new ListenerOperations(state, loadBalancers, targetGroups);
    }

    public LoadBalancerOperations loadBalancers() {
        return loadBalancers;
    }

    public ListenerOperations listeners() {
        return listeners;
    }

    public TargetGroupOperations targetGroups() {
        return targetGroups;
    }
}
