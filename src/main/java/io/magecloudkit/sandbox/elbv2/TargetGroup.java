package io.magecloudkit.sandbox.elbv2;

import java.util.ArrayList;
import java.util.List;

/** A target group as ELBv2 describes it (public fields: snapshotted with the sandbox state). */
public final class TargetGroup {
    public String arn;
    public String name;
    public String protocol = "HTTP";
    public int port = 80;
    public String vpcId;
    public String targetType = "instance";
    public String healthCheckProtocol = "HTTP";
    public String healthCheckPort = "traffic-port";
    public String healthCheckPath = "/";
    public int healthCheckIntervalSeconds = 30;
    public int healthCheckTimeoutSeconds = 5;
    public int healthyThresholdCount = 5;
    public int unhealthyThresholdCount = 2;
    public String matcher = "200";
    public int deregistrationDelaySeconds = 300;
    public List<String> loadBalancerArns = new ArrayList<>();

    /** "targetgroup/name/id", the suffix CloudFormation's TargetGroupFullName attribute returns. */
    public String fullName() {
        return arn.substring(arn.indexOf("targetgroup/"));
    }
}
