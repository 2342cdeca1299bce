package io.magecloudkit.sandbox.elbv2;

import java.util.LinkedHashMap;
import java.util.Map;

/** Everything ELBv2 holds, by ARN (public fields: snapshotted with the sandbox state as they are). */
public final class Elbv2State {
    public Map<String, TargetGroup> targetGroups = new LinkedHashMap<>();
    public Map<String, LoadBalancer> loadBalancers = new LinkedHashMap<>();
    public Map<String, Listener> listeners = new LinkedHashMap<>();
}
