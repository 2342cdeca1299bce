package io.magecloudkit.sandbox.provision;

import io.magecloudkit.sandbox.elbv2.Listener;
import io.magecloudkit.sandbox.elbv2.control.Elbv2Requests.CreateListener;
import io.magecloudkit.sandbox.elbv2.control.Elbv2Requests.CreateLoadBalancer;
import java.util.ArrayList;
import java.util.List;

/** ELBv2 requests from the properties of AWS::ElasticLoadBalancingV2::LoadBalancer and ::Listener (the API's members). */
final class Elbv2StackRequests {
    private Elbv2StackRequests() {
    }

    static CreateLoadBalancer loadBalancer(String name, CfnProperties p) {
        List<String> subnets = new ArrayList<>(p.strings("Subnets"));
        List<CfnProperties> mappings = p.objects("SubnetMappings");
        for (CfnProperties m : mappings == null ? List.<CfnProperties>of() : mappings) {
            subnets.add(m.string("SubnetId", null));
        }
        return new CreateLoadBalancer(name, p.string("Scheme"), p.string("Type"), p.string("IpAddressType"), subnets,
                p.strings("SecurityGroups"));
    }

    static CreateListener listener(CfnProperties p) {
        List<String> certificates = new ArrayList<>();
        List<CfnProperties> certs = p.objects("Certificates");
        for (CfnProperties c : certs == null ? List.<CfnProperties>of() : certs) {
            certificates.add(c.string("CertificateArn", null));
        }
        List<Listener.Action> actions = new ArrayList<>();
        List<CfnProperties> defaults = p.objects("DefaultActions");
        for (CfnProperties d : defaults == null ? List.<CfnProperties>of() : defaults) {
            actions.add(action(d));
        }
        return new CreateListener(p.string("LoadBalancerArn"), p.string("Protocol"), p.integer("Port"), p.string("SslPolicy"),
                certificates, actions);
    }

    /** A rule from the properties of AWS::ElasticLoadBalancingV2::ListenerRule (its ListenerArn is the caller's). */
    static Listener.Rule rule(String arn, CfnProperties p) {
        Listener.Rule rule = new Listener.Rule();
        rule.arn = arn;
        rule.priority = p.integer("Priority");
        List<CfnProperties> conditions = p.objects("Conditions");
        for (CfnProperties c : conditions == null ? List.<CfnProperties>of() : conditions) {
            String field = c.string("Field", "");
            CfnProperties config = c.object("path-pattern".equals(field) ? "PathPatternConfig" : "HostHeaderConfig");
            List<String> values = new ArrayList<>(c.strings("Values"));
            if (config != null) {
                values.addAll(config.strings("Values"));
            }
            switch (field) {
                case "path-pattern" -> rule.pathPatterns.addAll(values);
                case "host-header" -> rule.hostHeaders.addAll(values);
                default -> rule.otherConditions = true;
            }
        }
        List<CfnProperties> actions = p.objects("Actions");
        for (CfnProperties a : actions == null ? List.<CfnProperties>of() : actions) {
            rule.actions.add(action(a));
        }
        return rule;
    }

    private static Listener.Action action(CfnProperties d) {
        Listener.Action a = new Listener.Action();
        a.type = d.string("Type");
        a.order = d.integer("Order");
        a.targetGroupArn = d.string("TargetGroupArn");
        CfnProperties forward = d.object("ForwardConfig");
        List<CfnProperties> groups = forward == null ? null : forward.objects("TargetGroups");
        if (a.targetGroupArn == null && groups != null && !groups.isEmpty()) {
            a.targetGroupArn = groups.get(0).string("TargetGroupArn");
        }
        CfnProperties fixed = d.object("FixedResponseConfig");
        if (fixed != null) {
            a.statusCode = fixed.string("StatusCode");
            a.contentType = fixed.string("ContentType");
            a.messageBody = fixed.string("MessageBody");
        }
        CfnProperties redirect = d.object("RedirectConfig");
        if (redirect != null) {
            a.statusCode = redirect.string("StatusCode");
            a.redirectProtocol = redirect.string("Protocol");
            a.redirectPort = redirect.string("Port");
            a.redirectHost = redirect.string("Host");
            a.redirectPath = redirect.string("Path");
            a.redirectQuery = redirect.string("Query");
        }
        return a;
    }
}
