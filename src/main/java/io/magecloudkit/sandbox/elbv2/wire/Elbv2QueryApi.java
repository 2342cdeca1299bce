package io.magecloudkit.sandbox.elbv2.wire;

import io.magecloudkit.sandbox.SandboxError;
import io.magecloudkit.sandbox.elbv2.Listener;
import io.magecloudkit.sandbox.elbv2.control.Elbv2ControlPlane;
import io.magecloudkit.sandbox.elbv2.control.Elbv2Requests.CreateListener;
import io.magecloudkit.sandbox.elbv2.control.Elbv2Requests.CreateLoadBalancer;
import io.magecloudkit.sandbox.server.QueryParams;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** The ELBv2 query API: reads an action's parameters into typed requests and answers in XML. */
public final class Elbv2QueryApi {
    public static final String NAMESPACE = Elbv2XmlRenderer.NAMESPACE;
    private static final Set<String> MUTATING = Set.of("CreateLoadBalancer", "DeleteLoadBalancer", "CreateListener", "DeleteListener");

    private final Elbv2ControlPlane elbv2;

    public Elbv2QueryApi(Elbv2ControlPlane elbv2) {
        this.elbv2 = elbv2;
    }

    public static boolean mutates(String action) {
        return MUTATING.contains(action);
    }

    public String handle(String action, Map<String, String> params, String requestId) {
        Elbv2XmlRenderer out = new Elbv2XmlRenderer(action, requestId);
        return switch (action) {
            case "CreateLoadBalancer" -> out.loadBalancers(List.of(elbv2.loadBalancers().create(new CreateLoadBalancer(params.get("Name"),
                    params.get("Scheme"), params.get("Type"), params.get("IpAddressType"), QueryParams.list(params, "Subnets"),
                    QueryParams.list(params, "SecurityGroups")))));
            case "DescribeLoadBalancers" -> out.loadBalancers(elbv2.loadBalancers().describe(QueryParams.list(params, "LoadBalancerArns"),
                    QueryParams.list(params, "Names")));
            case "DeleteLoadBalancer" -> {
                elbv2.loadBalancers().delete(required(params, "LoadBalancerArn", "loadBalancerArn"));
                yield out.empty();
            }
            case "CreateListener" -> out.listeners(List.of(elbv2.listeners().create(new CreateListener(params.get("LoadBalancerArn"),
                    params.get("Protocol"), integer(params, "Port"), params.get("SslPolicy"), certificates(params), actions(params)))));
            case "DescribeListeners" -> out.listeners(elbv2.listeners().describe(params.get("LoadBalancerArn"),
                    QueryParams.list(params, "ListenerArns")));
            case "DeleteListener" -> {
                elbv2.listeners().delete(required(params, "ListenerArn", "listenerArn"));
                yield out.empty();
            }
            case "DescribeTargetGroups" -> out.targetGroups(elbv2.targetGroups().describe(QueryParams.list(params, "TargetGroupArns"),
                    QueryParams.list(params, "Names"), params.get("LoadBalancerArn")));
            case "DescribeTargetGroupAttributes" -> out.targetGroupAttributes(elbv2.targetGroups().attributes(
                    required(params, "TargetGroupArn", "targetGroupArn")));
            case "DescribeTargetHealth" -> {
                List<String> ids = new ArrayList<>();
                for (int i = 1; params.containsKey("Targets.member." + i + ".Id"); i++) {
                    ids.add(params.get("Targets.member." + i + ".Id"));
                }
                yield out.targetHealth(elbv2.targetGroups().health(params.get("TargetGroupArn"), ids));
            }
            default -> throw new SandboxError(400, "InvalidAction", "The action " + action + " is not valid for this web service.");
        };
    }

    private static String required(Map<String, String> params, String name, String member) {
        String v = params.get(name);
        if (v == null) {
            throw new SandboxError(400, "ValidationError", "1 validation error detected: Value null at '" + member
                    + "' failed to satisfy constraint: Member must not be null");
        }
        return v;
    }

    private static Integer integer(Map<String, String> params, String name) {
        String v = params.get(name);
        if (v == null) {
            return null;
        }
        try {
            return Integer.valueOf(v.trim());
        } catch (NumberFormatException e) {
            throw new SandboxError(400, "ValidationError", "Value '" + v + "' for parameter " + name + " is invalid. It must be an integer");
        }
    }

    private static List<String> certificates(Map<String, String> params) {
        List<String> out = new ArrayList<>();
        for (int i = 1; params.containsKey("Certificates.member." + i + ".CertificateArn"); i++) {
            out.add(params.get("Certificates.member." + i + ".CertificateArn"));
        }
        return out;
    }

    private static List<Listener.Action> actions(Map<String, String> params) {
        List<Listener.Action> out = new ArrayList<>();
        for (int i = 1; params.containsKey("DefaultActions.member." + i + ".Type"); i++) {
            String p = "DefaultActions.member." + i + ".";
            Listener.Action a = new Listener.Action();
            a.type = params.get(p + "Type");
            a.order = integer(params, p + "Order");
            a.targetGroupArn = params.getOrDefault(p + "TargetGroupArn", params.get(p + "ForwardConfig.TargetGroups.member.1.TargetGroupArn"));
            if ("fixed-response".equals(a.type)) {
                a.statusCode = params.get(p + "FixedResponseConfig.StatusCode");
                a.contentType = params.get(p + "FixedResponseConfig.ContentType");
                a.messageBody = params.get(p + "FixedResponseConfig.MessageBody");
            } else if ("redirect".equals(a.type)) {
                a.statusCode = params.get(p + "RedirectConfig.StatusCode");
                a.redirectProtocol = params.get(p + "RedirectConfig.Protocol");
                a.redirectPort = params.get(p + "RedirectConfig.Port");
                a.redirectHost = params.get(p + "RedirectConfig.Host");
                a.redirectPath = params.get(p + "RedirectConfig.Path");
                a.redirectQuery = params.get(p + "RedirectConfig.Query");
            }
            out.add(a);
        }
        return out;
    }
}
