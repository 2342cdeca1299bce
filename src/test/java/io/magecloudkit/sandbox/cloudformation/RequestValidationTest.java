package io.magecloudkit.sandbox.cloudformation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.http.HttpResponse;
import java.util.Map;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.cloudformation.model.CloudFormationException;
import software.amazon.awssdk.services.cloudformation.model.CreateStackRequest;
import software.amazon.awssdk.services.cloudformation.model.Parameter;

/**
 * Request checks through the real server: template sources and sizes, typed parameters, and
 * malformed values, each a ValidationError that names what is wrong.
 */
class RequestValidationTest {
    private static final String TOPIC = "Resources:\n  T: {Type: AWS::SNS::Topic}\n";

    /** A fresh sandbox for each test (JUnit makes a test instance per test), closed after it. */
    @AutoClose
    private final StackSandbox sandbox = new StackSandbox();

    @Test
    void templateUrl_isRejectedBecauseTheSandboxHasNoS3() {
        assertEquals("TemplateURL is not supported: the sandbox has no S3. Pass the template as TemplateBody.",
                createError(r -> r.stackName("s").templateURL("https://bucket.s3.amazonaws.com/t.yaml")));
        assertEquals("Either Template URL or Template Body must be specified.",
                CloudFormationStackTest.validationError(() -> sandbox.client.validateTemplate(r -> { })));
    }

    @Test
    void templateBody_isLimitedTo51200Bytes() {
        String body = "Description: " + "x".repeat(51_200) + "\n" + TOPIC;
        assertEquals("1 validation error detected: Value at 'templateBody' failed to satisfy constraint: Member must have length less than or equal to 51200",
                CloudFormationStackTest.validationError(() -> sandbox.client.validateTemplate(r -> r.templateBody(body))));
    }

    @Test
    void templates_holdAtMost500Resources() {
        StringBuilder body = new StringBuilder("Resources:\n");
        for (int i = 1; i <= 501; i++) {
            body.append("  T").append(i).append(": {Type: AWS::SNS::Topic}\n");
        }
        assertEquals("Template format error: Number of resources, 501, is greater than maximum allowed, 500",
                createError(r -> r.stackName("big").templateBody(body.toString())));
        String atLimit = body.substring(0, body.indexOf("  T501:"));
        assertTrue(sandbox.client.validateTemplate(r -> r.templateBody(atLimit)).capabilities().isEmpty(), "500 resources are fine");
    }

    @Test
    void availabilityZoneParameters_mustNameZonesOfTheRegion() {
        String body = "Parameters:\n  Zone: {Type: 'AWS::EC2::AvailabilityZone::Name'}\n" + TOPIC;
        assertEquals("Parameter validation failed: parameter value us-east-1z for parameter name Zone does not exist.",
                createError(r -> r.stackName("s").templateBody(body).parameters(p("Zone", "us-east-1z"))));
        String id = sandbox.client.createStack(r -> r.stackName("s").templateBody(body).parameters(p("Zone", "us-east-1f"))).stackId();
        assertTrue(id.contains(":stack/s/"), id);
    }

    @Test
    void stackNames_followAwsConstraints() {
        assertEquals("1 validation error detected: Value '1bad' at 'stackName' failed to satisfy constraint: Member must satisfy regular expression pattern: [a-zA-Z][-a-zA-Z0-9]*",
                createError(r -> r.stackName("1bad").templateBody(TOPIC)));
        HttpResponse<String> unknown = sandbox.query("CreateStackSet", Map.of());
        assertEquals(400, unknown.statusCode());
        assertEquals("InvalidAction", element(unknown.body(), "Code"));
    }

    @Test
    void malformedTemplateValues_areValidationErrorsNamingTheValue() {
        assertEquals("Template error: Fn::Select index must be an integer, got first", createError(r -> r.stackName("s").templateBody(
                "Resources:\n  T:\n    Type: AWS::SNS::Topic\n    Properties:\n      TopicName: !Select [first, [a, b]]\n")));
        assertEquals("Template error: Fn::Cidr count must be an integer, got two", createError(r -> r.stackName("s").templateBody(
                "Resources:\n  T:\n    Type: AWS::SNS::Topic\n    Properties:\n      TopicName: !Select [0, !Cidr [10.0.0.0/16, two, 8]]\n")));
        assertEquals("Template error: Fn::Cidr needs an IPv4 block, got 10.0.x.0/16", createError(r -> r.stackName("s").templateBody(
                "Resources:\n  T:\n    Type: AWS::SNS::Topic\n    Properties:\n      TopicName: !Select [0, !Cidr [10.0.x.0/16, 2, 8]]\n")));
        assertEquals("Template format error: [/Resources/T/Properties] must be an object", createError(r -> r.stackName("s").templateBody(
                "Parameters:\n  P: {Type: String, Default: x}\nResources:\n  T:\n    Type: AWS::SNS::Topic\n    Properties: !Ref P\n")));
    }

    @Test
    void malformedParameterDeclarations_nameTheParameter() {
        assertEquals("Template format error: MinLength of parameter 'Name' must be a number, got short",
                createError(r -> r.stackName("s").templateBody("Parameters:\n  Name: {Type: String, MinLength: short}\n" + TOPIC)
                        .parameters(p("Name", "x"))));
        assertEquals("Template format error: Default of parameter 'Name' must be a string or a list of strings, got {a=b}",
                createError(r -> r.stackName("s").templateBody("Parameters:\n  Name: {Type: String, Default: {a: b}}\n" + TOPIC)));
        assertEquals("Template format error: AllowedValues of parameter 'Name' must be a list, got x",
                createError(r -> r.stackName("s").templateBody("Parameters:\n  Name: {Type: String, AllowedValues: x}\n" + TOPIC)
                        .parameters(p("Name", "x"))));
    }

    @Test
    void malformedRequestMembers_areValidationErrorsNamingTheMember() {
        Map<String, String> topic = Map.of("StackName", "s", "TemplateBody", TOPIC);
        assertError("1 validation error detected: Value 'maybe' at 'disableRollback' failed to satisfy constraint: Member must be a boolean (true or false)",
                with(topic, "DisableRollback", "maybe"));
        assertError("1 validation error detected: Value 'SOMETIMES' at 'onFailure' failed to satisfy constraint: Member must satisfy enum value set: [DO_NOTHING, ROLLBACK, DELETE]",
                with(topic, "OnFailure", "SOMETIMES"));
        assertError("1 validation error detected: Value null at 'parameters.1.member.parameterKey' failed to satisfy constraint: Member must not be null",
                with(topic, "Parameters.member.1.ParameterValue", "x"));
        assertError("1 validation error detected: Value null at 'tags.1.member.key' failed to satisfy constraint: Member must not be null",
                with(topic, "Tags.member.1.Value", "x"));
        assertError("1 validation error detected: Value '[CAPABILITY_ALL]' at 'capabilities' failed to satisfy constraint: Member must satisfy constraint: "
                + "[Member must satisfy enum value set: [CAPABILITY_IAM, CAPABILITY_NAMED_IAM, CAPABILITY_AUTO_EXPAND]]",
                with(topic, "Capabilities.member.1", "CAPABILITY_ALL"));
        assertTrue(sandbox.client.listStacks().stackSummaries().isEmpty(), "no malformed request created a stack");
    }

    @Test
    void carriageReturns_surviveTheXmlRoundTrip() {
        String body = "Parameters:\n  Note: {Type: String}\n" + TOPIC;
        String note = "line one\r\nline two\rend";
        sandbox.client.createStack(r -> r.stackName("s").templateBody(body).parameters(p("Note", note)));
        assertEquals(note, sandbox.client.describeStacks(r -> r.stackName("s")).stacks().get(0).parameters().get(0).parameterValue());
    }

    private void assertError(String message, Map<String, String> params) {
        HttpResponse<String> response = sandbox.query("CreateStack", params);
        assertEquals(400, response.statusCode(), response.body());
        assertEquals("ValidationError", element(response.body(), "Code"));
        assertEquals(message, element(response.body(), "Message"));
    }

    private static Map<String, String> with(Map<String, String> base, String key, String value) {
        Map<String, String> all = new java.util.HashMap<>(base);
        all.put(key, value);
        return all;
    }

    private static String element(String xml, String name) {
        Matcher m = Pattern.compile("<" + name + ">([^<]*)</" + name + ">").matcher(xml);
        assertTrue(m.find(), xml);
        return m.group(1).replace("&apos;", "'").replace("&quot;", "\"").replace("&lt;", "<").replace("&gt;", ">").replace("&amp;", "&");
    }

    private String createError(Consumer<CreateStackRequest.Builder> request) {
        CloudFormationException e = assertThrows(CloudFormationException.class, () -> sandbox.client.createStack(request));
        assertEquals("ValidationError", e.awsErrorDetails().errorCode());
        assertEquals(400, e.statusCode());
        return e.awsErrorDetails().errorMessage();
    }

    private static Parameter p(String key, String value) {
        return Parameter.builder().parameterKey(key).parameterValue(value).build();
    }
}
