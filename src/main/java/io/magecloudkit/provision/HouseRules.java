package io.magecloudkit.provision;

import com.fasterxml.jackson.databind.JsonNode;
import io.magecloudkit.cfnspec.CfnSpec;
import io.magecloudkit.cfnspec.PropertySpec;
import io.magecloudkit.cfnspec.ResourceSpec;
import io.magecloudkit.cfnspec.TypeExpr;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * MageCloudKit's own rules for every template: nothing open to the internet but the load
 * balancer on 80 and 443, every data store encrypted, IMDSv2 on every launch template and
 * instance, no secret in plain text, project and environment tags on everything taggable, and
 * names that start with the project and environment ({@link NamingRule}).
 */
final class HouseRules {
    /** Property and parameter names that hold a secret (values must be references). */
    static final Pattern SECRET_NAME = Pattern.compile("(?i).*(password|secret|secretstring|token|apikey|api_key|privatekey|passphrase)$");
    /** Names that merely point at a secret, or describe one without holding it. */
    static final Pattern SECRET_POINTER = Pattern.compile("(?i).*(arn|arns|id|ids|name|length|type|rotation|manage.*)$");

    /**
     * Which data stores must be encrypted, as "Type" → property paths that must be literally true.
     * Memcached keeps nothing at rest, so only its transit encryption is asked for.
     */
    static final Map<String, List<String>> ENCRYPTION = Map.of(
            "AWS::RDS::DBCluster", List.of("StorageEncrypted"),
            "AWS::ElastiCache::ReplicationGroup", List.of("AtRestEncryptionEnabled", "TransitEncryptionEnabled"),
            "AWS::ElastiCache::CacheCluster", List.of("TransitEncryptionEnabled"),
            "AWS::EFS::FileSystem", List.of("Encrypted"),
            // HTTPS enforced: in transit to the clients; with the two others, what fine-grained access control needs.
            "AWS::OpenSearchService::Domain", List.of("EncryptionAtRestOptions.Enabled", "NodeToNodeEncryptionOptions.Enabled",
                    "DomainEndpointOptions.EnforceHTTPS"),
            "AWS::EC2::Volume", List.of("Encrypted"),
            "AWS::DynamoDB::Table", List.of("SSESpecification.SSEEnabled"),
            "AWS::S3::Bucket", List.of("BucketEncryption"));

    /**
     * Taggable in the spec but left untagged: listeners and rules gained Tags only recently, so
     * older CloudFormation schemas (cfn-lint 1.51's among them) refuse them; their load balancer
     * and target group carry the tags.
     */
    static final Set<String> UNTAGGED = Set.of("AWS::ElasticLoadBalancingV2::Listener",
            "AWS::ElasticLoadBalancingV2::ListenerRule");

    private final CfnSpec spec;

    HouseRules(CfnSpec spec) {
        this.spec = spec;
    }

    /**
     * @param loadBalancerGroups logical ids of this template's security groups that front a load balancer
     */
    void check(TemplateDocument doc, Set<String> loadBalancerGroups, List<Finding> findings) {
        doc.resources().forEach((name, resource) -> {
            String path = "Resources." + name + ".Properties";
            String type = resource.path("Type").asText();
            JsonNode props = resource.path("Properties");
            ingress(doc, type, name, props, path, loadBalancerGroups, findings);
            encryption(doc, type, props, path, findings);
            metadata(doc, type, props, path, findings);
            secrets(doc, props, path, findings);
            tags(doc, type, props, path, findings);
        });
        NamingRule.check(doc, findings);
        doc.section("Parameters").forEach((name, p) -> {
            JsonNode def = p.path("Default");
            if (def.isTextual() && !def.asText().isEmpty() && holdsSecret(name) && !isReference(def.asText())) {
                findings.add(doc.finding("Parameters." + name + ".Default", "a secret's default is plain text; name an SSM"
                        + " parameter or Secrets Manager secret ({{resolve:...}}) instead"));
            }
        });
    }

    private void ingress(TemplateDocument doc, String type, String name, JsonNode props, String path, Set<String> lbGroups,
            List<Finding> findings) {
        if (type.equals("AWS::EC2::SecurityGroup")) {
            JsonNode rules = props.path("SecurityGroupIngress");
            for (int i = 0; i < rules.size(); i++) {
                JsonNode rule = rules.get(i);
                JsonNode ifNode = rule.path("Fn::If");
                if (ifNode.isArray()) {
                    for (int b = 1; b <= 2; b++) {
                        openRule(doc, ifNode.path(b), lbGroups.contains(name), path + ".SecurityGroupIngress[" + i + "].Fn::If[" + b + "]", findings);
                    }
                } else {
                    openRule(doc, rule, lbGroups.contains(name), path + ".SecurityGroupIngress[" + i + "]", findings);
                }
            }
        } else if (type.equals("AWS::EC2::SecurityGroupIngress")) {
            String group = props.path("GroupId").path("Ref").asText("");
            openRule(doc, props, lbGroups.contains(group), path, findings);
        }
    }

    private static void openRule(TemplateDocument doc, JsonNode rule, boolean loadBalancer, String path, List<Finding> findings) {
        boolean open = "0.0.0.0/0".equals(rule.path("CidrIp").asText()) || "::/0".equals(rule.path("CidrIpv6").asText());
        if (!open) {
            return;
        }
        String from = rule.path("FromPort").asText();
        String to = rule.path("ToPort").asText();
        boolean web = from.equals(to) && (from.equals("80") || from.equals("443")) && "tcp".equals(rule.path("IpProtocol").asText());
        if (!loadBalancer || !web) {
            findings.add(doc.finding(path, "ingress from the whole internet (" + (rule.has("CidrIp") ? "0.0.0.0/0" : "::/0")
                    + ", ports " + from + "-" + to + "): only the load balancer may be open, and only on tcp 80 and 443"));
        }
    }

    private static void encryption(TemplateDocument doc, String type, JsonNode props, String path, List<Finding> findings) {
        for (String required : ENCRYPTION.getOrDefault(type, List.of())) {
            JsonNode value = props;
            for (String part : required.split("\\.")) {
                value = value.path(part);
            }
            boolean ok = required.equals("BucketEncryption") ? value.isObject() : value.asText().equals("true");
            if (!ok) {
                findings.add(doc.finding(path + "." + required, type + " is a data store: " + required
                        + " must be true in the template (not a parameter), it is " + (value.isMissingNode() ? "not set" : value.toString())));
            }
        }
        if (type.equals("AWS::RDS::DBInstance") && !props.has("DBClusterIdentifier") && !props.path("StorageEncrypted").asText().equals("true")) {
            findings.add(doc.finding(path + ".StorageEncrypted", "a DB instance outside an encrypted cluster must set StorageEncrypted: true"));
        }
        if (type.equals("AWS::EC2::LaunchTemplate")) {
            JsonNode mappings = props.path("LaunchTemplateData").path("BlockDeviceMappings");
            for (int i = 0; i < mappings.size(); i++) {
                JsonNode ebs = mappings.get(i).path("Ebs");
                if (!ebs.isMissingNode() && !ebs.path("Encrypted").asText().equals("true")) {
                    findings.add(doc.finding(path + ".LaunchTemplateData.BlockDeviceMappings[" + i + "].Ebs.Encrypted",
                            "every EBS volume must be encrypted"));
                }
            }
        }
    }

    private static void metadata(TemplateDocument doc, String type, JsonNode props, String path, List<Finding> findings) {
        if (type.equals("AWS::EC2::LaunchTemplate")
                && !props.path("LaunchTemplateData").path("MetadataOptions").path("HttpTokens").asText().equals("required")) {
            findings.add(doc.finding(path + ".LaunchTemplateData.MetadataOptions.HttpTokens",
                    "IMDSv2 only: a launch template must set HttpTokens: required"));
        }
        if (type.equals("AWS::EC2::Instance") && !props.has("LaunchTemplate")) {
            findings.add(doc.finding(path + ".LaunchTemplate",
                    "an instance must launch from a launch template that requires IMDSv2 (HttpTokens: required)"));
        }
    }

    private static void secrets(TemplateDocument doc, JsonNode node, String path, List<Finding> findings) {
        node.fields().forEachRemaining(e -> {
            JsonNode v = e.getValue();
            String p = path + "." + e.getKey();
            if (v.isTextual() && holdsSecret(e.getKey()) && !isReference(v.asText())) {
                findings.add(doc.finding(p, "looks like a secret in plain text; use a dynamic reference"
                        + " ({{resolve:ssm-secure:...}} or {{resolve:secretsmanager:...}}) or a generated secret"));
            } else if (v.isObject() && v.has("Fn::Sub") && v.get("Fn::Sub").isTextual() && holdsSecret(e.getKey())
                    && !isReference(v.get("Fn::Sub").asText())) {
                findings.add(doc.finding(p, "looks like a secret in plain text; use a dynamic reference"));
            } else if (v.isContainerNode()) {
                if (v.isArray()) {
                    for (int i = 0; i < v.size(); i++) {
                        if (v.get(i).isObject()) {
                            secrets(doc, v.get(i), p + "[" + i + "]", findings);
                        }
                    }
                } else {
                    secrets(doc, v, p, findings);
                }
            }
        });
    }

    static boolean holdsSecret(String name) {
        return SECRET_NAME.matcher(name).matches() && !SECRET_POINTER.matcher(name).matches();
    }

    static boolean isReference(String value) {
        return value.isEmpty() || value.startsWith("{{resolve:") || value.startsWith("arn:") || value.startsWith("ssm:")
                || value.startsWith("secretsmanager:") || value.startsWith("/");
    }

    private void tags(TemplateDocument doc, String type, JsonNode props, String path, List<Finding> findings) {
        Optional<ResourceSpec> rs = spec.resource(type);
        if (rs.isEmpty() || UNTAGGED.contains(type)) {
            return;
        }
        Optional<String> tagProperty = tagProperty(rs.get());
        if (tagProperty.isEmpty()) {
            return;
        }
        JsonNode tags = props.path(tagProperty.get());
        Set<String> keys = new LinkedHashSet<>();
        if (tags.isArray()) {
            tags.forEach(t -> keys.add(t.path("Key").asText()));
        } else if (tags.isObject()) {
            tags.fieldNames().forEachRemaining(keys::add);
        }
        for (String key : List.of("Project", "Environment")) {
            if (!keys.contains(key)) {
                findings.add(doc.finding(path + "." + tagProperty.get(), "missing the " + key + " tag (every taggable resource carries Project and Environment)"));
            }
        }
    }

    /** {@code Tags}, or the resource's own name for it ({@code FileSystemTags}, {@code HostedZoneTags}). */
    static Optional<String> tagProperty(ResourceSpec rs) {
        if (rs.properties().containsKey("Tags")) {
            return Optional.of("Tags");
        }
        return rs.properties().values().stream()
                .filter(p -> p.name().endsWith("Tags") && p.type() instanceof TypeExpr.ListOf)
                .map(PropertySpec::name).findFirst();
    }
}
