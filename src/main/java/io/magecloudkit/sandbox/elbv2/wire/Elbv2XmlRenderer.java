package io.magecloudkit.sandbox.elbv2.wire;

import io.magecloudkit.sandbox.ecs.EcsState;
import io.magecloudkit.sandbox.elbv2.Listener;
import io.magecloudkit.sandbox.elbv2.LoadBalancer;
import io.magecloudkit.sandbox.elbv2.TargetGroup;
import io.magecloudkit.sandbox.server.Xml;
import java.time.Instant;
import java.util.List;

/** Writes one ELBv2 answer: {@code <ActionResponse><ActionResult>...</ActionResult><ResponseMetadata/>}. */
final class Elbv2XmlRenderer {
    static final String NAMESPACE = "http://elasticloadbalancing.amazonaws.com/doc/2015-12-01/";

    private final String action;
    private final String requestId;
    private final Xml xml = new Xml();

    Elbv2XmlRenderer(String action, String requestId) {
        this.action = action;
        this.requestId = requestId;
        xml.open(action + "Response", NAMESPACE);
    }

    String empty() {
        xml.element(action + "Result", "");
        return finish();
    }

    String loadBalancers(List<LoadBalancer> lbs) {
        xml.open(action + "Result").open("LoadBalancers");
        for (LoadBalancer lb : lbs) {
            xml.open("member").element("LoadBalancerArn", lb.arn).element("DNSName", lb.dnsName)
                    .element("CanonicalHostedZoneId", lb.canonicalHostedZoneId)
                    .element("CreatedTime", Instant.ofEpochMilli(lb.createdAt).toString())
                    .element("LoadBalancerName", lb.name).element("Scheme", lb.scheme).element("VpcId", lb.vpcId)
                    .open("State").element("Code", "active").close("State").element("Type", lb.type)
                    .open("AvailabilityZones");
            for (int i = 0; i < lb.subnets.size(); i++) {
                // Subnets spread over the region's zones a, b, c, ... in the order given.
                xml.open("member").element("ZoneName", zone(lb, i)).element("SubnetId", lb.subnets.get(i)).close("member");
            }
            xml.close("AvailabilityZones").open("SecurityGroups");
            for (String sg : lb.securityGroups) {
                xml.element("member", sg);
            }
            xml.close("SecurityGroups").element("IpAddressType", lb.ipAddressType).close("member");
        }
        xml.close("LoadBalancers").close(action + "Result");
        return finish();
    }

    private static String zone(LoadBalancer lb, int index) {
        String region = lb.arn.split(":")[3];
        return region + (char) ('a' + index % 6);
    }

    String listeners(List<Listener> listeners) {
        xml.open(action + "Result").open("Listeners");
        for (Listener l : listeners) {
            xml.open("member").element("ListenerArn", l.arn).element("LoadBalancerArn", l.loadBalancerArn)
                    .element("Port", l.port).element("Protocol", l.protocol).open("Certificates");
            for (String cert : l.certificateArns) {
                xml.open("member").element("CertificateArn", cert).close("member");
            }
            xml.close("Certificates").element("SslPolicy", l.sslPolicy).open("DefaultActions");
            for (Listener.Action a : l.defaultActions) {
                action(a);
            }
            xml.close("DefaultActions").close("member");
        }
        xml.close("Listeners").close(action + "Result");
        return finish();
    }

    private void action(Listener.Action a) {
        xml.open("member").element("Type", a.type).element("Order", a.order);
        switch (a.type) {
            case "forward" -> xml.element("TargetGroupArn", a.targetGroupArn).open("ForwardConfig").open("TargetGroups")
                    .open("member").element("TargetGroupArn", a.targetGroupArn).element("Weight", 1).close("member")
                    .close("TargetGroups").open("TargetGroupStickinessConfig").element("Enabled", false)
                    .close("TargetGroupStickinessConfig").close("ForwardConfig");
            case "fixed-response" -> xml.open("FixedResponseConfig").element("MessageBody", a.messageBody)
                    .element("StatusCode", a.statusCode).element("ContentType", a.contentType).close("FixedResponseConfig");
            case "redirect" -> xml.open("RedirectConfig").element("Protocol", orDefault(a.redirectProtocol, "#{protocol}"))
                    .element("Port", orDefault(a.redirectPort, "#{port}")).element("Host", orDefault(a.redirectHost, "#{host}"))
                    .element("Path", orDefault(a.redirectPath, "/#{path}")).element("Query", orDefault(a.redirectQuery, "#{query}"))
                    .element("StatusCode", a.statusCode).close("RedirectConfig");
            default -> { }
        }
        xml.close("member");
    }

    private static String orDefault(String v, String fallback) {
        return v == null ? fallback : v;
    }

    String targetGroups(List<TargetGroup> found) {
        xml.open(action + "Result").open("TargetGroups");
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
        xml.close("TargetGroups").close(action + "Result");
        return finish();
    }

    String targetGroupAttributes(java.util.Map<String, String> attributes) {
        xml.open(action + "Result").open("Attributes");
        attributes.forEach((key, value) -> xml.open("member").element("Key", key).element("Value", value).close("member"));
        xml.close("Attributes").close(action + "Result");
        return finish();
    }

    String targetHealth(List<EcsState.Target> targets) {
        xml.open(action + "Result").open("TargetHealthDescriptions");
        for (EcsState.Target target : targets) {
            xml.open("member").open("Target").element("Id", target.id).element("Port", target.port).close("Target")
                    .element("HealthCheckPort", String.valueOf(target.port))
                    .open("TargetHealth").element("State", target.state).element("Reason", target.reason)
                    .element("Description", target.description).close("TargetHealth").close("member");
        }
        xml.close("TargetHealthDescriptions").close(action + "Result");
        return finish();
    }

    private String finish() {
        return xml.open("ResponseMetadata").element("RequestId", requestId).close("ResponseMetadata")
                .close(action + "Response").toString();
    }
}
