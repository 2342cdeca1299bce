package io.magecloudkit.sandbox.cloudformation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;


import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Element;
import org.w3c.dom.Node;

/**
 * Every response element must be a member of the operation's output shape in botocore's
 * CloudFormation model, with enum values, booleans and timestamps in the model's terms.
 */
class ResponseModelConformanceTest {
    private static final Path MODEL = Path.of("/usr/lib/python3/dist-packages/botocore/data/cloudformation/2010-05-15/service-2.json");

    private JsonNode model;
    private final List<String> checked = new ArrayList<>();

    @Test
    void everyResponseConformsToTheServiceModel() throws Exception {
        try (StackSandbox sandbox = new StackSandbox()) {
            this.sandbox = sandbox;
            callEveryOperation();
        }
    }

    private StackSandbox sandbox;

    private void callEveryOperation() throws Exception {
        assertTrue(Files.exists(MODEL), "the botocore models are missing: run ./test, which installs the Debian package python3-botocore");
        model = new ObjectMapper().readTree(MODEL.toFile());
        String network = StackSandbox.template("network.yaml");

        call("ValidateTemplate", Map.of("TemplateBody", StackSandbox.template("iam.yaml")));
        call("CreateStack", Map.of("StackName", "net", "TemplateBody", network, "Tags.member.1.Key", "team",
                "Tags.member.1.Value", "platform", "Parameters.member.1.ParameterKey", "AdminToken",
                "Parameters.member.1.ParameterValue", "x<&>\r\ny"));
        advance(Duration.ofMinutes(2));
        call("DescribeStacks", Map.of());
        call("DescribeStackEvents", Map.of("StackName", "net"));
        call("DescribeStackResources", Map.of("StackName", "net"));
        call("ListStackResources", Map.of("StackName", "net"));
        call("GetTemplate", Map.of("StackName", "net"));
        call("ListExports", Map.of());
        call("UpdateTerminationProtection", Map.of("StackName", "net", "EnableTerminationProtection", "false"));
        call("CreateChangeSet", Map.of("StackName", "net", "ChangeSetName", "grow", "UsePreviousTemplate", "true",
                "Parameters.member.1.ParameterKey", "VpcCidr", "Parameters.member.1.ParameterValue", "10.9.0.0/16"));
        advance(Duration.ofSeconds(5));
        call("DescribeChangeSet", Map.of("StackName", "net", "ChangeSetName", "grow"));
        call("ListChangeSets", Map.of("StackName", "net"));
        call("ExecuteChangeSet", Map.of("StackName", "net", "ChangeSetName", "grow"));
        advance(Duration.ofMinutes(2));
        call("UpdateStack", Map.of("StackName", "net", "UsePreviousTemplate", "true",
                "Parameters.member.1.ParameterKey", "Owner", "Parameters.member.1.ParameterValue", "b"));
        advance(Duration.ofMinutes(2));
        call("CreateChangeSet", Map.of("StackName", "net", "ChangeSetName", "other", "UsePreviousTemplate", "true"));
        call("DeleteChangeSet", Map.of("StackName", "net", "ChangeSetName", "other"));
        call("DeleteStack", Map.of("StackName", "net"));
        advance(Duration.ofMinutes(2));
        call("ListStacks", Map.of());
        assertEquals(18, checked.size());
    }

    private void advance(Duration by) {
        sandbox.advance(by);
    }

    private void call(String action, Map<String, String> params) throws Exception {
        var response = sandbox.query(action, params);
        assertEquals(200, response.statusCode(), action + ": " + response.body());
        String xml = response.body();
        var factory = DocumentBuilderFactory.newInstance();
        factory.setNamespaceAware(true);
        Element root = factory.newDocumentBuilder().parse(new ByteArrayInputStream(xml.getBytes(StandardCharsets.UTF_8))).getDocumentElement();
        assertEquals(action + "Response", root.getLocalName());
        assertEquals(CloudFormationService.NAMESPACE, root.getNamespaceURI());
        JsonNode output = model.path("operations").path(action).path("output");
        boolean sawResult = false;
        boolean sawMetadata = false;
        for (Element child : children(root)) {
            if (child.getLocalName().equals("ResponseMetadata")) {
                sawMetadata = !child.getTextContent().isBlank();
            } else {
                assertEquals(action + "Result", child.getLocalName());
                sawResult = true;
                if (!output.isMissingNode()) {
                    check(child, output.path("shape").asText(), action + "Result");
                }
            }
        }
        assertTrue(sawMetadata && sawResult == !output.isMissingNode(), action + ": " + xml);
        checked.add(action);
    }

    private void check(Element element, String shapeName, String path) {
        JsonNode shape = model.path("shapes").path(shapeName);
        switch (shape.path("type").asText()) {
            case "structure" -> {
                for (Element child : children(element)) {
                    String name = child.getLocalName();
                    JsonNode member = null;
                    for (var field : shape.path("members").properties()) {
                        if (field.getValue().path("locationName").asText(field.getKey()).equals(name)) {
                            member = field.getValue();
                        }
                    }
                    assertTrue(member != null, path + "." + name + " is not a member of " + shapeName);
                    check(child, member.path("shape").asText(), path + "." + name);
                }
            }
            case "list" -> {
                String memberName = shape.path("member").path("locationName").asText("member");
                for (Element child : children(element)) {
                    assertEquals(memberName, child.getLocalName(), path);
                    check(child, shape.path("member").path("shape").asText(), path + "[]");
                }
            }
            case "boolean" -> assertTrue(List.of("true", "false").contains(element.getTextContent()), path);
            case "timestamp" -> Instant.parse(element.getTextContent());
            case "integer", "long" -> Long.parseLong(element.getTextContent());
            case "string" -> {
                if (shape.has("enum")) {
                    List<String> values = new ArrayList<>();
                    shape.path("enum").forEach(v -> values.add(v.asText()));
                    assertTrue(values.contains(element.getTextContent()), path + "=" + element.getTextContent() + " not in " + values);
                }
            }
            default -> {
            }
        }
    }

    private static List<Element> children(Element element) {
        List<Element> children = new ArrayList<>();
        for (Node node = element.getFirstChild(); node != null; node = node.getNextSibling()) {
            if (node instanceof Element child) {
                children.add(child);
            }
        }
        return children;
    }
}
