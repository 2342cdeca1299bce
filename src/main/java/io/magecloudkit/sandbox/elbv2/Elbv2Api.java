package io.magecloudkit.sandbox.elbv2;

import io.magecloudkit.sandbox.SandboxError;
import io.magecloudkit.sandbox.ecs.EcsState;
import io.magecloudkit.sandbox.ecs.TargetGroupSettings;
import io.magecloudkit.sandbox.server.QueryParams;
import io.magecloudkit.sandbox.server.Xml;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The ELBv2 query API for target groups. Targets are not registered through the API: they
 * follow the ECS tasks of the services attached to each group, as with ECS-managed registration.
 */
public final class Elbv2Api implements TargetGroupSettings.Directory {
    public static final String NAMESPACE = "http://elasticloadbalancing.amazonaws.com/doc/2015-12-01/";

    /** Target groups by ARN (public: snapshotted). */
    public static final class State {
        public Map<String, TargetGroup> targetGroups = new LinkedHashMap<>();
    }

    private State state;
    private final EcsState ecs;

    public Elbv2Api(State state, EcsState ecs) {
        this.state = state;
        this.ecs = ecs;
    }

    public State state() {
        return state;
    }

    public void put(TargetGroup tg) {
        state.targetGroups.put(tg.arn, tg);
    }

    public TargetGroup remove(String arn) {
        return state.targetGroups.remove(arn);
    }

    public TargetGroup get(String arn) {
        return state.targetGroups.get(arn);
    }

    @Override
    public TargetGroupSettings lookup(String targetGroupArn) {
        TargetGroup tg = state.targetGroups.get(targetGroupArn);
        return tg == null ? null : new TargetGroupSettings(tg.targetType, tg.healthCheckIntervalSeconds, tg.healthyThresholdCount,
                tg.unhealthyThresholdCount, tg.deregistrationDelaySeconds);
    }

    public String handle(String action, Map<String, String> params, String requestId) {
        return switch (action) {
            case "DescribeTargetGroups" -> describeTargetGroups(params, requestId);
            case "DescribeTargetHealth" -> describeTargetHealth(params, requestId);
            default -> throw new SandboxError(400, "InvalidAction", "The action " + action + " is not valid for this web service.");
        };
    }

    private String describeTargetGroups(Map<String, String> params, String requestId) {
        List<String> arns = QueryParams.list(params, "TargetGroupArns");
        List<String> names = QueryParams.list(params, "Names");
        String lbArn = params.get("LoadBalancerArn");
        List<TargetGroup> found = new ArrayList<>();
        if (!arns.isEmpty()) {
            for (String arn : arns) {
                TargetGroup tg = state.targetGroups.get(arn);
                if (tg == null) {
                    throw new SandboxError(400, "TargetGroupNotFound", "One or more target groups not found");
                }
                found.add(tg);
            }
        } else if (!names.isEmpty()) {
            for (String name : names) {
                TargetGroup tg = state.targetGroups.values().stream().filter(g -> g.name.equals(name)).findFirst()
                        .orElseThrow(() -> new SandboxError(400, "TargetGroupNotFound", "One or more target groups not found"));
                found.add(tg);
            }
        } else {
            for (TargetGroup tg : state.targetGroups.values()) {
                if (lbArn == null || tg.loadBalancerArns.contains(lbArn)) {
                    found.add(tg);
                }
            }
        }
        Xml xml = new Xml().open("DescribeTargetGroupsResponse", NAMESPACE).open("DescribeTargetGroupsResult").open("TargetGroups");
        for (TargetGroup tg : found) {
            xml.open("member")
                    .element("TargetGroupArn", tg.arn).element("TargetGroupName", tg.name)
                    .element("Protocol", tg.protocol).element("Port", tg.port).element("VpcId", tg.vpcId)
                    .element("HealthCheckProtocol", tg.healthCheckProtocol).element("HealthCheckPort", tg.healthCheckPort)
                    .element("HealthCheckEnabled", true)
                    .element("HealthCheckIntervalSeconds", tg.healthCheckIntervalSeconds)
                    .element("HealthCheckTimeoutSeconds", tg.healthCheckTimeoutSeconds)
                    .element("HealthyThresholdCount", tg.healthyThresholdCount)
                    .element("UnhealthyThresholdCount", tg.unhealthyThresholdCount)
                    .element("HealthCheckPath", tg.healthCheckPath)
                    .open("Matcher").element("HttpCode", tg.matcher).close("Matcher")
                    .open("LoadBalancerArns");
            for (String lb : tg.loadBalancerArns) {
                xml.element("member", lb);
            }
            xml.close("LoadBalancerArns").element("TargetType", tg.targetType).element("ProtocolVersion", "HTTP1")
                    .element("IpAddressType", "ipv4").close("member");
        }
        xml.close("TargetGroups").close("DescribeTargetGroupsResult");
        return metadata(xml, requestId).close("DescribeTargetGroupsResponse").toString();
    }

    private String describeTargetHealth(Map<String, String> params, String requestId) {
        String arn = params.get("TargetGroupArn");
        if (arn == null) {
            throw new SandboxError(400, "ValidationError", "1 validation error detected: Value null at 'targetGroupArn' failed to satisfy constraint: Member must not be null");
        }
        TargetGroup tg = state.targetGroups.get(arn);
        if (tg == null) {
            throw new SandboxError(400, "TargetGroupNotFound", "Target groups '" + arn + "' not found");
        }
        List<String> onlyIds = new ArrayList<>();
        for (int i = 1; params.containsKey("Targets.member." + i + ".Id"); i++) {
            onlyIds.add(params.get("Targets.member." + i + ".Id"));
        }
        Xml xml = new Xml().open("DescribeTargetHealthResponse", NAMESPACE).open("DescribeTargetHealthResult")
                .open("TargetHealthDescriptions");
        for (EcsState.Task task : ecs.tasks.values()) {
            for (EcsState.Target target : task.targets) {
                if (!arn.equals(target.targetGroupArn) || !onlyIds.isEmpty() && !onlyIds.contains(target.id)) {
                    continue;
                }
                xml.open("member").open("Target").element("Id", target.id).element("Port", target.port).close("Target")
                        .element("HealthCheckPort", String.valueOf(target.port))
                        .open("TargetHealth").element("State", target.state).element("Reason", target.reason)
                        .element("Description", target.description).close("TargetHealth").close("member");
            }
        }
        xml.close("TargetHealthDescriptions").close("DescribeTargetHealthResult");
        return metadata(xml, requestId).close("DescribeTargetHealthResponse").toString();
    }

    static Xml metadata(Xml xml, String requestId) {
        return xml.open("ResponseMetadata").element("RequestId", requestId).close("ResponseMetadata");
    }
}
