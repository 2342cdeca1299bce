package io.magecloudkit.sandbox.elbv2.control;

import io.magecloudkit.sandbox.SandboxClock;
import io.magecloudkit.sandbox.SandboxError;
import io.magecloudkit.sandbox.elbv2.Elbv2State;
import io.magecloudkit.sandbox.elbv2.Listener;
import io.magecloudkit.sandbox.elbv2.LoadBalancer;
import io.magecloudkit.sandbox.elbv2.TargetGroup;
import io.magecloudkit.sandbox.elbv2.control.Elbv2Requests.CreateLoadBalancer;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ThreadLocalRandom;

/** CreateLoadBalancer, DescribeLoadBalancers, DeleteLoadBalancer and the in-place changes CloudFormation makes. Active at once. */
public final class LoadBalancerOperations {
    /** The hosted zone AWS gives application load balancers in us-east-1 (Route 53 alias records name it). */
    private static final String ALB_HOSTED_ZONE = "Z35SXDOTRQ7X7K";

    private final Elbv2State state;
    private final SandboxClock clock;
    private final String region;
    private final String accountId;

    LoadBalancerOperations(Elbv2State state, SandboxClock clock, String region, String accountId) {
        this.state = state;
        this.clock = clock;
        this.region = region;
        this.accountId = accountId;
    }

    public LoadBalancer create(CreateLoadBalancer r) {
        String name = r.name();
        if (name == null || name.isEmpty()) {
            throw Elbv2Checks.validation("1 validation error detected: Value null at 'name' failed to satisfy constraint: Member must not be null");
        }
        if (name.length() > 32) {
            throw Elbv2Checks.validation("Load balancer name '" + name + "' cannot be longer than '32' characters");
        }
        if (!name.matches("[A-Za-z0-9-]+") || name.startsWith("-") || name.endsWith("-")) {
            throw Elbv2Checks.validation("Load balancer name '" + name
                    + "' can contain only alphanumeric characters or hyphens, and must not begin or end with a hyphen");
        }
        if (name.startsWith("internal-")) {
            throw Elbv2Checks.validation("Load balancer name '" + name + "' cannot begin with 'internal-'");
        }
        String scheme = Objects.requireNonNullElse(r.scheme(), "internet-facing");
        String type = Objects.requireNonNullElse(r.type(), "application");
        Elbv2Checks.oneOf("scheme", scheme, List.of("internet-facing", "internal"));
        Elbv2Checks.oneOf("type", type, List.of("application", "network", "gateway"));
        String ipAddressType = Objects.requireNonNullElse(r.ipAddressType(), "ipv4");
        Elbv2Checks.oneOf("ipAddressType", ipAddressType, List.of("ipv4", "dualstack"));
        if ("application".equals(type) && r.subnets().stream().distinct().count() < 2) {
            throw Elbv2Checks.validation("At least two subnets in two different Availability Zones must be specified");
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
        lb.vpcId = r.subnets().isEmpty() ? null : "vpc-" + Elbv2Checks.hex(r.subnets().get(0).hashCode() & 0xffffffffL, 17);
        String prefix = switch (type) {
            case "network" -> "net";
            case "gateway" -> "gwy";
            default -> "app";
        };
        lb.arn = "arn:aws:elasticloadbalancing:" + region + ":" + accountId + ":loadbalancer/" + prefix + "/" + name + "/" + Elbv2Checks.randomHex(16);
        long number = ThreadLocalRandom.current().nextLong(1_000_000_000L, 10_000_000_000L);
        lb.dnsName = ("internal".equals(scheme) ? "internal-" : "") + name + "-" + number + "." + region + ".elb.amazonaws.com";
        lb.canonicalHostedZoneId = ALB_HOSTED_ZONE;
        lb.createdAt = clock.now().toEpochMilli();
        state.loadBalancers.put(lb.arn, lb);
        return lb;
    }

    /** By ARNs, else by names, else all; any one missing fails the call, as in AWS. */
    public List<LoadBalancer> describe(List<String> arns, List<String> names) {
        if (!arns.isEmpty() && !names.isEmpty()) {
            throw Elbv2Checks.validation("Load balancer names and load balancer ARNs cannot be specified at the same time");
        }
        List<LoadBalancer> found = new ArrayList<>();
        for (String arn : arns) {
            found.add(get(arn));
        }
        List<String> missing = new ArrayList<>();
        for (String name : names) {
            LoadBalancer lb = named(name);
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
    public LoadBalancer named(String nameOrDnsName) {
        for (LoadBalancer lb : state.loadBalancers.values()) {
            if (lb.name.equals(nameOrDnsName) || lb.dnsName.equalsIgnoreCase(nameOrDnsName)) {
                return lb;
            }
        }
        return null;
    }

    public LoadBalancer get(String arn) {
        LoadBalancer lb = state.loadBalancers.get(arn);
        if (lb == null) {
            throw new SandboxError(400, "LoadBalancerNotFound", "One or more load balancers not found");
        }
        return lb;
    }

    /** Changes what can change in place (subnets, security groups, IP address type), as SetSubnets and friends do. */
    public LoadBalancer modify(String arn, CreateLoadBalancer r) {
        LoadBalancer lb = get(arn);
        String ipAddressType = Objects.requireNonNullElse(r.ipAddressType(), "ipv4");
        Elbv2Checks.oneOf("ipAddressType", ipAddressType, List.of("ipv4", "dualstack"));
        if ("application".equals(lb.type) && r.subnets().stream().distinct().count() < 2) {
            throw Elbv2Checks.validation("At least two subnets in two different Availability Zones must be specified");
        }
        lb.subnets = new ArrayList<>(r.subnets());
        lb.securityGroups = new ArrayList<>(r.securityGroups());
        lb.ipAddressType = ipAddressType;
        return lb;
    }

    /** Deletes the load balancer and its listeners; deleting one that is gone succeeds, as in AWS. */
    public void delete(String arn) {
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
}
