package io.magecloudkit.provision;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.MissingNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/** One template parsed for checking: its sections by name, and the name used in findings. */
final class TemplateDocument {
    static final Set<String> PSEUDO_PARAMETERS = Set.of("AWS::AccountId", "AWS::NotificationARNs", "AWS::NoValue",
            "AWS::Partition", "AWS::Region", "AWS::StackId", "AWS::StackName", "AWS::URLSuffix");

    private static final YAMLMapper YAML = new YAMLMapper();

    final String label;
    final JsonNode root;

    private TemplateDocument(String label, JsonNode root) {
        this.label = label;
        this.root = root;
    }

    /** Parses a template body; a body that is not YAML/JSON gives a document with no sections and one finding. */
    static TemplateDocument parse(String label, String body, java.util.List<Finding> findings) {
        try {
            JsonNode root = YAML.readTree(body);
            if (root == null || !root.isObject()) {
                findings.add(new Finding(label, "(template)", "is not a YAML or JSON mapping"));
                return new TemplateDocument(label, MissingNode.getInstance());
            }
            return new TemplateDocument(label, root);
        } catch (IOException e) {
            findings.add(new Finding(label, "(template)", "cannot be parsed: " + io.magecloudkit.Messages.firstLine(e.getMessage())));
            return new TemplateDocument(label, MissingNode.getInstance());
        }
    }

    Map<String, JsonNode> section(String name) {
        Map<String, JsonNode> map = new LinkedHashMap<>();
        root.path(name).fields().forEachRemaining(e -> map.put(e.getKey(), e.getValue()));
        return map;
    }

    Map<String, JsonNode> resources() {
        return section("Resources");
    }

    String type(String resource) {
        return root.path("Resources").path(resource).path("Type").asText("");
    }

    Finding finding(String path, String reason) {
        return new Finding(label, path, reason);
    }

    /** True for {@code {"Ref": ...}} and {@code {"Fn::...": ...}}: a value CloudFormation computes. */
    static boolean isIntrinsic(JsonNode node) {
        if (!node.isObject() || node.size() != 1) {
            return false;
        }
        String key = node.fieldNames().next();
        return key.equals("Ref") || key.startsWith("Fn::");
    }
}
