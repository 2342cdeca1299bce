package io.magecloudkit.sandbox.elbv2;

import java.util.ArrayList;
import java.util.List;

/** A listener, its default actions and its rules (public fields: snapshotted with the sandbox state). */
public final class Listener {
    public String arn;
    public String loadBalancerArn;
    public String protocol = "HTTP";
    public int port = 80;
    public String sslPolicy;
    public List<String> certificateArns = new ArrayList<>();
    public List<Action> defaultActions = new ArrayList<>();
    /** Rules from stacks' AWS::ElasticLoadBalancingV2::ListenerRule resources; asked before the default actions. */
    public List<Rule> rules = new ArrayList<>();

    /**
     * A listener rule: its conditions (path-pattern and host-header values; an absent kind matches
     * anything) and actions. Other condition kinds are not simulated: a rule with one never matches.
     */
    public static final class Rule {
        public String arn;
        public int priority;
        public List<String> pathPatterns = new ArrayList<>();
        public List<String> hostHeaders = new ArrayList<>();
        public boolean otherConditions;
        public List<Action> actions = new ArrayList<>();
    }

    /** One default action; the config members of the other types stay null. */
    public static final class Action {
        public String type;
        public Integer order;
        /** forward: the target group (a weighted ForwardConfig's first group). */
        public String targetGroupArn;
        /** fixed-response. */
        public String statusCode;
        public String contentType;
        public String messageBody;
        /** redirect (statusCode HTTP_301 / HTTP_302 in {@link #statusCode}). */
        public String redirectProtocol;
        public String redirectPort;
        public String redirectHost;
        public String redirectPath;
        public String redirectQuery;
    }
}
