package io.magecloudkit.sandbox.elbv2.control;

import io.magecloudkit.sandbox.elbv2.Listener;
import java.util.List;

/** The typed requests of the ELBv2 control plane, read from the query API or from CloudFormation properties. */
public final class Elbv2Requests {
    private Elbv2Requests() {
    }

    /** Null members take AWS's defaults (internet-facing, application, ipv4). */
    public record CreateLoadBalancer(String name, String scheme, String type, String ipAddressType, List<String> subnets,
            List<String> securityGroups) {
        public CreateLoadBalancer {
            subnets = subnets == null ? List.of() : List.copyOf(subnets);
            securityGroups = securityGroups == null ? List.of() : List.copyOf(securityGroups);
        }
    }

    public record CreateListener(String loadBalancerArn, String protocol, Integer port, String sslPolicy, List<String> certificateArns,
            List<Listener.Action> defaultActions) {
        public CreateListener {
            certificateArns = certificateArns == null ? List.of() : List.copyOf(certificateArns);
            defaultActions = defaultActions == null ? List.of() : List.copyOf(defaultActions);
        }
    }
}
