package io.magecloudkit.provision;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Every name a template gives a resource starts with the project and the environment, so two
 * environments (or two projects) in one account never collide and a name says whose it is.
 * A name may be {@code Fn::Sub} text starting with {@code ${Project}-${Environment}} (or
 * {@code /${Project}-${Environment}} for log groups), a parameter the renderer fills (names cut
 * to a service's limit), or a reference to another resource of the template, which names it.
 */
final class NamingRule {
    /** Properties that name their resource, whatever its type. */
    static final Set<String> NAME_PROPERTIES = Set.of("ClusterName", "LaunchTemplateName", "AutoScalingGroupName",
            "DBClusterIdentifier", "DBInstanceIdentifier", "DBSubnetGroupName", "DBClusterParameterGroupName",
            "DBParameterGroupName", "CacheSubnetGroupName", "ReplicationGroupId", "RoleName", "InstanceProfileName",
            "GroupName", "RepositoryName", "LogGroupName", "DomainName");
    /** Types whose plain {@code Name} property is their name (elsewhere, e.g. Route53 records, it is not). */
    static final Set<String> NAMED_BY_NAME = Set.of("AWS::SecretsManager::Secret", "AWS::ECS::CapacityProvider",
            "AWS::ElasticLoadBalancingV2::LoadBalancer", "AWS::ElasticLoadBalancingV2::TargetGroup");

    private NamingRule() {
    }

    static void check(TemplateDocument doc, List<Finding> findings) {
        Set<String> named = new java.util.HashSet<>(doc.section("Parameters").keySet());
        named.addAll(doc.resources().keySet());
        for (Map.Entry<String, JsonNode> r : doc.resources().entrySet()) {
            String type = r.getValue().path("Type").asText();
            r.getValue().path("Properties").fields().forEachRemaining(p -> {
                boolean isName = NAME_PROPERTIES.contains(p.getKey()) || p.getKey().equals("Name") && NAMED_BY_NAME.contains(type);
                if (isName && !prefixed(p.getValue(), named)) {
                    findings.add(doc.finding("Resources." + r.getKey() + ".Properties." + p.getKey(),
                            "a name must start with the project and environment: \"Fn::Sub\": \"${Project}-${Environment}-...\""));
                }
            });
        }
    }

    /** Sub text with the prefix, or a Ref to a parameter (filled by the renderer) or to a resource (checked where it is defined). */
    private static boolean prefixed(JsonNode value, Set<String> named) {
        JsonNode sub = value.path("Fn::Sub");
        if (sub.isTextual()) {
            String text = sub.asText();
            return text.startsWith("${Project}-${Environment}") || text.startsWith("/${Project}-${Environment}");
        }
        return value.size() == 1 && value.has("Ref") && named.contains(value.get("Ref").asText());
    }
}
