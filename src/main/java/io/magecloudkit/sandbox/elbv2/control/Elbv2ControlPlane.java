package io.magecloudkit.sandbox.elbv2.control;

import io.magecloudkit.sandbox.SandboxClock;
import io.magecloudkit.sandbox.SandboxError;
import io.magecloudkit.sandbox.ecs.EcsState;
import io.magecloudkit.sandbox.ecs.TargetGroupSettings;
import io.magecloudkit.sandbox.elbv2.Elbv2State;
import io.magecloudkit.sandbox.elbv2.Listener;
import io.magecloudkit.sandbox.elbv2.LoadBalancer;
import io.magecloudkit.sandbox.elbv2.TargetGroup;
import io.magecloudkit.sandbox.elbv2.control.Elbv2Requests.CreateListener;
import io.magecloudkit.sandbox.elbv2.control.Elbv2Requests.CreateLoadBalancer;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ThreadLocalRandom;

/**
 * ELBv2's operations on typed records, shared by the query API and CloudFormation. Targets are
 * not registered through the API: they follow the ECS tasks of the services attached to each
 * target group, as with ECS-managed registration. Load balancers are active at once.
 */
public final class Elbv2ControlPlane implements TargetGroupSettings.Directory {
    /** The hosted zone AWS gives application load balancers in us-east-1 (Route 53 alias records name it). */
    private static final String ALB_HOSTED_ZONE = "Z35SXDOTRQ7X7K";

    private final Elbv2State state;
    private final EcsState ecs;
    private final SandboxClock clock;
    private final String region;
    private final String accountId;

    public Elbv2ControlPlane(Elbv2State state, EcsState ecs, SandboxClock clock, String region, String accountId) {
        this.state = state;
        this.ecs = ecs;
        this.clock = clock;
        this.region = region;
        this.accountId = accountId;
    }

    // ---- load balancers

    public LoadBalancer createLoadBalancer(CreateLoadBalancer r) {
        String name = r.name();
        if (name == null || name.isEmpty()) {
            throw validation("1 validation error detected: Value null at 'name' failed to satisfy constraint: Member must not be null");
        }
        if (name.length() > 32) {
            throw validation("Load balancer name '" + name + "' cannot be longer than '32' characters");
        }
        if (!name.matches("[A-Za-z0-9-]+") || name.startsWith("-") || name.endsWith("-")) {
            throw validation("Load balancer name '" + name
                    + "' can contain only alphanumeric characters or hyphens, and must not begin or end with a hyphen");
        }
        if (name.startsWith("internal-")) {
            throw validation("Load balancer name '" + name + "' cannot begin with 'internal-'");
        }
        String scheme = Objects.requireNonNullElse(r.scheme(), "internet-facing");
        String type = Objects.requireNonNullElse(r.type(), "application");
        oneOf("scheme", scheme, List.of("internet-facing", "internal"));
        oneOf("type", type, List.of("application", "network", "gateway"));
        String ipAddressType = Objects.requireNonNullElse(r.ipAddressType(), "ipv4");
        oneOf("ipAddressType", ipAddressType, List.of("ipv4", "dualstack"));
        if ("application".equals(type) && r.subnets().stream().distinct().count() < 2) {
            throw validation("At least two subnets in two different Availability Zones must be specified");
        }
        for (LoadBalancer existing : state.loadBalancers.values()) {
            if (existing.name.equals(name)) {
                // CreateLoadBalancer is idempotent: the same settings answer the existing one.
                if (existing.scheme.equals(scheme) && existing.type.equals(type) && existing.subnets.equals(r.subnets())) {
                    return existing;
                }
                throw new SandboxError(400, "DuplicateLoadBalancerName",
                        "A load balancer with the same name '" + name + "' exists, but with different settings");
            }
        }
        LoadBalancer lb = new LoadBalancer();
        lb.name = name;
        lb.scheme = scheme;
        lb.type = type;
        lb.ipAddressType = ipAddressType;
        lb.subnets = new ArrayList<>(r.subnets());
        lb.securityGroups = new ArrayList<>(r.securityGroups());
        lb.vpcId = r.subnets().isEmpty() ? null : "vpc-" + hex(r.subnets().get(0).hashCode() & 0xffffffffL, 17);
        String prefix = switch (type) {
            case "network" -> "net";
            case "gateway" -> "gwy";
            default -> "app";
        };
        lb.arn = "arn:aws:elasticloadbalancing:" + region + ":" + accountId + ":loadbalancer/" + prefix + "/" + name + "/" + randomHex(16);
        long number = ThreadLocalRandom.current().nextLong(1_000_000_000L, 10_000_000_000L);
        lb.dnsName = ("internal".equals(scheme) ? "internal-" : "") + name + "-" + number + "." + region + ".elb.amazonaws.com";
        lb.canonicalHostedZoneId = ALB_HOSTED_ZONE;
        lb.createdAt = clock.now().toEpochMilli();
        state.loadBalancers.put(lb.arn, lb);
        return lb;
    }

    /** By ARNs, else by names, else all; any one missing fails the call, as in AWS. */
    public List<LoadBalancer> describeLoadBalancers(List<String> arns, List<String> names) {
        if (!arns.isEmpty() && !names.isEmpty()) {
            throw validation("Load balancer names and load balancer ARNs cannot be specified at the same time");
        }
        List<LoadBalancer> found = new ArrayList<>();
        for (String arn : arns) {
            found.add(loadBalancer(arn));
        }
        List<String> missing = new ArrayList<>();
        for (String name : names) {
            LoadBalancer lb = loadBalancerNamed(name);
            if (lb == null) {
                missing.add(name);
            } else {
                found.add(lb);
            }
        }
        if (!missing.isEmpty()) {
            throw new SandboxError(400, "LoadBalancerNotFound", "Load balancers '" + missing + "' not found");
        }
        return arns.isEmpty() && names.isEmpty() ? List.copyOf(state.loadBalancers.values()) : found;
    }

    /** The load balancer of this name or DNS name, or null. */
    public LoadBalancer loadBalancerNamed(String nameOrDnsName) {
        for (LoadBalancer lb : state.loadBalancers.values()) {
            if (lb.name.equals(nameOrDnsName) || lb.dnsName.equalsIgnoreCase(nameOrDnsName)) {
                return lb;
            }
        }
        return null;
    }

    public LoadBalancer loadBalancer(String arn) {
        LoadBalancer lb = state.loadBalancers.get(arn);
        if (lb == null) {
            throw new SandboxError(400, "LoadBalancerNotFound", "One or more load balancers not found");
        }
        return lb;
    }

    /** Changes what can change in place (subnets, security groups, IP address type), as SetSubnets and friends do. */
    public LoadBalancer modifyLoadBalancer(String arn, CreateLoadBalancer r) {
        LoadBalancer lb = loadBalancer(arn);
        String ipAddressType = Objects.requireNonNullElse(r.ipAddressType(), "ipv4");
        oneOf("ipAddressType", ipAddressType, List.of("ipv4", "dualstack"));
        if ("application".equals(lb.type) && r.subnets().stream().distinct().count() < 2) {
            throw validation("At least two subnets in two different Availability Zones must be specified");
        }
        lb.subnets = new ArrayList<>(r.subnets());
        lb.securityGroups = new ArrayList<>(r.securityGroups());
        lb.ipAddressType = ipAddressType;
        return lb;
    }

    /** Deletes the load balancer and its listeners; deleting one that is gone succeeds, as in AWS. */
    public void deleteLoadBalancer(String arn) {
        if (state.loadBalancers.remove(arn) == null) {
            return;
        }
        for (Listener l : List.copyOf(state.listeners.values())) {
            if (l.loadBalancerArn.equals(arn)) {
                state.listeners.remove(l.arn);
            }
        }
        for (TargetGroup tg : state.targetGroups.values()) {
            tg.loadBalancerArns.remove(arn);
        }
    }

    // ---- listeners

    public Listener createListener(CreateListener r) {
        if (r.loadBalancerArn() == null) {
            throw validation("1 validation error detected: Value null at 'loadBalancerArn' failed to satisfy constraint: Member must not be null");
        }
        LoadBalancer lb = loadBalancer(r.loadBalancerArn());
        String protocol = Objects.requireNonNullElse(r.protocol(), "HTTP");
        if ("application".equals(lb.type)) {
            oneOf("protocol", protocol, List.of("HTTP", "HTTPS"));
        }
        if (r.port() == null) {
            throw validation("A listener port must be specified");
        }
        if (r.port() < 1 || r.port() > 65535) {
            throw validation("1 validation error detected: Value '" + r.port()
                    + "' at 'port' failed to satisfy constraint: Member must have value between 1 and 65535");
        }
        if ("HTTPS".equals(protocol) && r.certificateArns().isEmpty()) {
            throw validation("A certificate must be specified for HTTPS listeners");
        }
        if (r.defaultActions().isEmpty()) {
            throw validation("At least one default action must be specified");
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
        l.arn = lb.arn.replace(":loadbalancer/", ":listener/") + "/" + randomHex(16);
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
            throw validation("1 validation error detected: Value null at 'defaultActions.1.member.type' failed to satisfy constraint: Member must not be null");
        }
        switch (a.type) {
            case "forward" -> {
                if (a.targetGroupArn == null) {
                    throw validation("A target group ARN must be specified");
                }
                TargetGroup tg = targetGroup(a.targetGroupArn);
                if (tg.loadBalancerArns.stream().anyMatch(other -> !other.equals(lbArn))) {
                    throw new SandboxError(400, "TargetGroupAssociationLimit",
                            "The following target groups cannot be associated with more than one load balancer: " + tg.arn);
                }
            }
            case "fixed-response" -> {
                if (a.statusCode == null || !a.statusCode.matches("[245]\\d\\d")) {
                    throw validation("A fixed-response action must have a status code of the form 2XX, 4XX or 5XX");
                }
            }
            case "redirect" -> {
                if (!"HTTP_301".equals(a.statusCode) && !"HTTP_302".equals(a.statusCode)) {
                    throw validation("A redirect action must have a status code of 'HTTP_301' or 'HTTP_302'");
                }
            }
            default -> throw validation("Action type '" + a.type + "' must be one of 'forward, redirect, fixed-response'");
        }
    }

    /** ModifyListener: the listener keeps its ARN and takes the new settings, or stays as it was when they are refused. */
    public Listener modifyListener(String arn, CreateListener r) {
        Listener old = listener(arn);
        if (!old.loadBalancerArn.equals(r.loadBalancerArn())) {
            throw validation("A listener cannot be moved to another load balancer");
        }
        deleteListener(arn);
        try {
            Listener l = createListener(r);
            state.listeners.remove(l.arn);
            l.arn = arn;
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

    public List<Listener> describeListeners(String loadBalancerArn, List<String> listenerArns) {
        if (loadBalancerArn == null && listenerArns.isEmpty()) {
            throw validation("You must specify either listener ARNs or a load balancer ARN");
        }
        if (loadBalancerArn != null && !listenerArns.isEmpty()) {
            throw validation("Listener ARNs and a load balancer ARN cannot be specified at the same time");
        }
        if (loadBalancerArn != null) {
            loadBalancer(loadBalancerArn);
            return listenersOf(loadBalancerArn);
        }
        List<Listener> found = new ArrayList<>();
        for (String arn : listenerArns) {
            found.add(listener(arn));
        }
        return found;
    }

    public List<Listener> listenersOf(String loadBalancerArn) {
        return state.listeners.values().stream().filter(l -> l.loadBalancerArn.equals(loadBalancerArn)).toList();
    }

    public Listener listener(String arn) {
        Listener l = state.listeners.get(arn);
        if (l == null) {
            throw new SandboxError(400, "ListenerNotFound", "One or more listeners not found");
        }
        return l;
    }

    public void deleteListener(String arn) {
        Listener l = listener(arn);
        state.listeners.remove(arn);
        for (Listener.Action a : l.defaultActions) {
            if (a.targetGroupArn == null || !state.targetGroups.containsKey(a.targetGroupArn)) {
                continue;
            }
            boolean stillUsed = listenersOf(l.loadBalancerArn).stream().anyMatch(o -> o.defaultActions.stream()
                    .anyMatch(oa -> a.targetGroupArn.equals(oa.targetGroupArn)));
            if (!stillUsed) {
                state.targetGroups.get(a.targetGroupArn).loadBalancerArns.remove(l.loadBalancerArn);
            }
        }
    }

    // ---- target groups

    public void putTargetGroup(TargetGroup tg) {
        state.targetGroups.put(tg.arn, tg);
    }

    public TargetGroup removeTargetGroup(String arn) {
        return state.targetGroups.remove(arn);
    }

    /** The target group, or null. */
    public TargetGroup findTargetGroup(String arn) {
        return state.targetGroups.get(arn);
    }

    public TargetGroup targetGroup(String arn) {
        TargetGroup tg = state.targetGroups.get(arn);
        if (tg == null) {
            throw new SandboxError(400, "TargetGroupNotFound", "One or more target groups not found");
        }
        return tg;
    }

    public List<TargetGroup> describeTargetGroups(List<String> arns, List<String> names, String loadBalancerArn) {
        List<TargetGroup> found = new ArrayList<>();
        if (!arns.isEmpty()) {
            for (String arn : arns) {
                found.add(targetGroup(arn));
            }
        } else if (!names.isEmpty()) {
            for (String name : names) {
                found.add(state.targetGroups.values().stream().filter(g -> g.name.equals(name)).findFirst()
                        .orElseThrow(() -> new SandboxError(400, "TargetGroupNotFound", "One or more target groups not found")));
            }
        } else {
            if (loadBalancerArn != null) {
                loadBalancer(loadBalancerArn);
            }
            for (TargetGroup tg : state.targetGroups.values()) {
                if (loadBalancerArn == null || tg.loadBalancerArns.contains(loadBalancerArn)) {
                    found.add(tg);
                }
            }
        }
        return found;
    }

    /** The targets registered in the group (by the ECS tasks attached to it), optionally only those ids. */
    public List<EcsState.Target> targetHealth(String targetGroupArn, List<String> onlyIds) {
        if (targetGroupArn == null) {
            throw validation("1 validation error detected: Value null at 'targetGroupArn' failed to satisfy constraint: Member must not be null");
        }
        if (!state.targetGroups.containsKey(targetGroupArn)) {
            throw new SandboxError(400, "TargetGroupNotFound", "Target groups '" + targetGroupArn + "' not found");
        }
        List<EcsState.Target> out = new ArrayList<>();
        for (EcsState.Task task : ecs.tasks.values()) {
            for (EcsState.Target target : task.targets) {
                if (targetGroupArn.equals(target.targetGroupArn) && (onlyIds.isEmpty() || onlyIds.contains(target.id))) {
                    out.add(target);
                }
            }
        }
        return out;
    }

    @Override
    public TargetGroupSettings lookup(String targetGroupArn) {
        TargetGroup tg = state.targetGroups.get(targetGroupArn);
        return tg == null ? null : new TargetGroupSettings(tg.targetType, tg.healthCheckIntervalSeconds, tg.healthyThresholdCount,
                tg.unhealthyThresholdCount, tg.deregistrationDelaySeconds);
    }

    public String region() {
        return region;
    }

    public String accountId() {
        return accountId;
    }

    private static void oneOf(String member, String value, List<String> allowed) {
        if (!allowed.contains(value)) {
            throw validation("1 validation error detected: Value '" + value + "' at '" + member
                    + "' failed to satisfy constraint: Member must satisfy enum value set: " + allowed);
        }
    }

    static SandboxError validation(String message) {
        return new SandboxError(400, "ValidationError", message);
    }

    private static String randomHex(int digits) {
        return hex(ThreadLocalRandom.current().nextLong() & 0x0fffffffffffffffL, digits);
    }

    private static String hex(long value, int digits) {
        String h = Long.toHexString(value);
        while (h.length() < digits) {
            h = "0" + h;
        }
        return h.substring(h.length() - digits);
    }
}
