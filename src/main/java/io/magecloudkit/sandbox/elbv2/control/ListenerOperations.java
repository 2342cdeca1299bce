package io.magecloudkit.sandbox.elbv2.control;

import io.magecloudkit.sandbox.SandboxError;
import io.magecloudkit.sandbox.elbv2.Elbv2State;
import io.magecloudkit.sandbox.elbv2.Listener;
import io.magecloudkit.sandbox.elbv2.LoadBalancer;
import io.magecloudkit.sandbox.elbv2.TargetGroup;
import io.magecloudkit.sandbox.elbv2.control.Elbv2Requests.CreateListener;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/** CreateListener, DescribeListeners, DeleteListener and ModifyListener; a forward links its target group to the load balancer. */
public final class ListenerOperations {
    private final Elbv2State state;
    private final LoadBalancerOperations loadBalancers;
    private final TargetGroupOperations targetGroups;

    ListenerOperations(Elbv2State state, LoadBalancerOperations loadBalancers, TargetGroupOperations targetGroups) {
        this.state = state;
        this.loadBalancers = loadBalancers;
        this.targetGroups = targetGroups;
    }

    public Listener create(CreateListener r) {
        if (r.loadBalancerArn() == null) {
            throw Elbv2Checks.validation("1 validation error detected: Value null at 'loadBalancerArn' failed to satisfy constraint: Member must not be null");
        }
        LoadBalancer lb = loadBalancers.get(r.loadBalancerArn());
        String protocol = Objects.requireNonNullElse(r.protocol(), "HTTP");
        if ("application".equals(lb.type)) {
            Elbv2Checks.oneOf("protocol", protocol, List.of("HTTP", "HTTPS"));
        }
        if (r.port() == null) {
            throw Elbv2Checks.validation("A listener port must be specified");
        }
        if (r.port() < 1 || r.port() > 65535) {
            throw Elbv2Checks.validation("1 validation error detected: Value '" + r.port()
                    + "' at 'port' failed to satisfy constraint: Member must have value between 1 and 65535");
        }
        if ("HTTPS".equals(protocol) && r.certificateArns().isEmpty()) {
            throw Elbv2Checks.validation("A certificate must be specified for HTTPS listeners");
        }
        if (r.defaultActions().isEmpty()) {
            throw Elbv2Checks.validation("At least one default action must be specified");
        }
        for (Listener.Action a : r.defaultActions()) {
            checkAction(a, lb.arn);
        }
        for (Listener existing : state.listeners.values()) {
            if (existing.loadBalancerArn.equals(lb.arn) && existing.port == r.port()) {
                throw new SandboxError(400, "DuplicateListener", "A listener already exists on this port for this load balancer");
            }
        }
        Listener l = new Listener();
        l.loadBalancerArn = lb.arn;
        l.protocol = protocol;
        l.port = r.port();
        l.sslPolicy = "HTTPS".equals(protocol) ? Objects.requireNonNullElse(r.sslPolicy(), "ELBSecurityPolicy-2016-08") : null;
        l.certificateArns = new ArrayList<>(r.certificateArns());
        l.defaultActions = new ArrayList<>(r.defaultActions());
        l.arn = lb.arn.replace(":loadbalancer/", ":listener/") + "/" + Elbv2Checks.randomHex(16);
        for (Listener.Action a : l.defaultActions) {
            if (a.targetGroupArn != null) {
                List<String> attached = state.targetGroups.get(a.targetGroupArn).loadBalancerArns;
                if (!attached.contains(lb.arn)) {
                    attached.add(lb.arn);
                }
            }
        }
        state.listeners.put(l.arn, l);
        return l;
    }

    private void checkAction(Listener.Action a, String lbArn) {
        if (a.type == null) {
            throw Elbv2Checks.validation("1 validation error detected: Value null at 'defaultActions.1.member.type' failed to satisfy constraint: Member must not be null");
        }
        switch (a.type) {
            case "forward" -> {
                if (a.targetGroupArn == null) {
                    throw Elbv2Checks.validation("A target group ARN must be specified");
                }
                TargetGroup tg = targetGroups.get(a.targetGroupArn);
                if (tg.loadBalancerArns.stream().anyMatch(other -> !other.equals(lbArn))) {
                    throw new SandboxError(400, "TargetGroupAssociationLimit",
                            "The following target groups cannot be associated with more than one load balancer: " + tg.arn);
                }
            }
            case "fixed-response" -> {
                if (a.statusCode == null || !a.statusCode.matches("[245]\\d\\d")) {
                    throw Elbv2Checks.validation("A fixed-response action must have a status code of the form 2XX, 4XX or 5XX");
                }
            }
            case "redirect" -> {
                if (!"HTTP_301".equals(a.statusCode) && !"HTTP_302".equals(a.statusCode)) {
                    throw Elbv2Checks.validation("A redirect action must have a status code of 'HTTP_301' or 'HTTP_302'");
                }
            }
            default -> throw Elbv2Checks.validation("Action type '" + a.type + "' must be one of 'forward, redirect, fixed-response'");
        }
    }

    /**
     * Adds a rule to a listener, or replaces the rule of the same ARN (a stack's ListenerRule
     * update); a forward action attaches its target group to the load balancer, as a default
     * action's does.
     */
    public Listener.Rule putRule(String listenerArn, Listener.Rule rule) {
        Listener l = get(listenerArn);
        if (rule.priority < 1 || rule.priority > 50000) {
            throw Elbv2Checks.validation("1 validation error detected: Value '" + rule.priority
                    + "' at 'priority' failed to satisfy constraint: Member must have value between 1 and 50000");
        }
        if (rule.actions.isEmpty()) {
            throw Elbv2Checks.validation("At least one action must be specified");
        }
        for (Listener.Action a : rule.actions) {
            checkAction(a, l.loadBalancerArn);
        }
        if (l.rules.stream().anyMatch(o -> o.priority == rule.priority && !o.arn.equals(rule.arn))) {
            throw new SandboxError(400, "PriorityInUse", "Priority '" + rule.priority + "' is currently in use");
        }
        if (rule.arn == null) {
            rule.arn = listenerArn.replace(":listener/", ":listener-rule/") + "/" + Elbv2Checks.randomHex(16);
        }
        removeRule(rule.arn);
        l.rules.add(rule);
        for (Listener.Action a : rule.actions) {
            List<String> attached = a.targetGroupArn == null ? null : state.targetGroups.get(a.targetGroupArn).loadBalancerArns;
            if (attached != null && !attached.contains(l.loadBalancerArn)) {
                attached.add(l.loadBalancerArn);
            }
        }
        return rule;
    }

    /** Removes a rule wherever it is; an unknown ARN changes nothing. */
    public void removeRule(String ruleArn) {
        state.listeners.values().forEach(l -> l.rules.removeIf(r -> r.arn.equals(ruleArn)));
    }

    /** The listener a rule belongs to, or null. */
    public Listener ofRule(String ruleArn) {
        return state.listeners.values().stream().filter(l -> l.rules.stream().anyMatch(r -> r.arn.equals(ruleArn)))
                .findFirst().orElse(null);
    }

    /** ModifyListener: the listener keeps its ARN and takes the new settings, or stays as it was when they are refused. */
    public Listener modify(String arn, CreateListener r) {
        Listener old = get(arn);
        if (!old.loadBalancerArn.equals(r.loadBalancerArn())) {
            throw Elbv2Checks.validation("A listener cannot be moved to another load balancer");
        }
        delete(arn);
        try {
            Listener l = create(r);
            state.listeners.remove(l.arn);
            l.arn = arn;
            l.rules = old.rules;
            state.listeners.put(arn, l);
            return l;
        } catch (SandboxError e) {
            state.listeners.put(arn, old);
            for (Listener.Action a : old.defaultActions) {
                TargetGroup tg = a.targetGroupArn == null ? null : state.targetGroups.get(a.targetGroupArn);
                if (tg != null && !tg.loadBalancerArns.contains(old.loadBalancerArn)) {
                    tg.loadBalancerArns.add(old.loadBalancerArn);
                }
            }
            throw e;
        }
    }

    public List<Listener> describe(String loadBalancerArn, List<String> listenerArns) {
        if (loadBalancerArn == null && listenerArns.isEmpty()) {
            throw Elbv2Checks.validation("You must specify either listener ARNs or a load balancer ARN");
        }
        if (loadBalancerArn != null && !listenerArns.isEmpty()) {
            throw Elbv2Checks.validation("Listener ARNs and a load balancer ARN cannot be specified at the same time");
        }
        if (loadBalancerArn != null) {
            loadBalancers.get(loadBalancerArn);
            return of(loadBalancerArn);
        }
        List<Listener> found = new ArrayList<>();
        for (String arn : listenerArns) {
            found.add(get(arn));
        }
        return found;
    }

    public List<Listener> of(String loadBalancerArn) {
        return state.listeners.values().stream().filter(l -> l.loadBalancerArn.equals(loadBalancerArn)).toList();
    }

    public Listener get(String arn) {
        Listener l = state.listeners.get(arn);
        if (l == null) {
            throw new SandboxError(400, "ListenerNotFound", "One or more listeners not found");
        }
        return l;
    }

    public void delete(String arn) {
        Listener l = get(arn);
        state.listeners.remove(arn);
        for (Listener.Action a : l.defaultActions) {
            if (a.targetGroupArn == null || !state.targetGroups.containsKey(a.targetGroupArn)) {
                continue;
            }
            boolean stillUsed = of(l.loadBalancerArn).stream().anyMatch(o -> o.defaultActions.stream()
                    .anyMatch(oa -> a.targetGroupArn.equals(oa.targetGroupArn)));
            if (!stillUsed) {
                state.targetGroups.get(a.targetGroupArn).loadBalancerArns.remove(l.loadBalancerArn);
            }
        }
    }
}
