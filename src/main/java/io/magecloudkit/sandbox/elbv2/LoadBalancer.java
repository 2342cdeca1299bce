package io.magecloudkit.sandbox.elbv2;

import java.util.ArrayList;
import java.util.List;

/** A load balancer as ELBv2 describes it (public fields: snapshotted with the sandbox state). */
public final class LoadBalancer {
    public String arn;
    public String name;
    public String dnsName;
    public String canonicalHostedZoneId;
    public long createdAt;
    public String scheme = "internet-facing";
    public String type = "application";
    public String ipAddressType = "ipv4";
    public String vpcId;
    public List<String> subnets = new ArrayList<>();
    public List<String> securityGroups = new ArrayList<>();

    /** "app/name/id", the suffix CloudFormation's LoadBalancerFullName attribute returns. */
    public String fullName() {
        return arn.substring(arn.indexOf(":loadbalancer/") + ":loadbalancer/".length());
    }
}
