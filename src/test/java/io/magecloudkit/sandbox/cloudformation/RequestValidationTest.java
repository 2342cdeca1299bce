package io.magecloudkit.sandbox.cloudformation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.magecloudkit.sandbox.SandboxClock;
import io.magecloudkit.sandbox.SandboxError;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Request checks of the service that need no server: template sources, sizes, typed parameters. */
class RequestValidationTest {
    private final CloudFormationService service = new CloudFormationService(new SandboxClock(1.0), "us-east-1", "123456789012",
            new GenericResourceProvisioner("us-east-1", "123456789012"));

    @Test
    void templateUrl_isRejectedBecauseTheSandboxHasNoS3() {
        SandboxError error = error("CreateStack", Map.of("StackName", "s", "TemplateURL", "https://bucket.s3.amazonaws.com/t.yaml"));
        assertEquals("ValidationError", error.code());
        assertEquals("TemplateURL is not supported: the sandbox has no S3. Pass the template as TemplateBody.", error.getMessage());
        assertEquals("Either Template URL or Template Body must be specified.", error("ValidateTemplate", Map.of()).getMessage());
    }

    @Test
    void templateBody_isLimitedTo51200Bytes() {
        String body = "Description: " + "x".repeat(51_200) + "\nResources:\n  T: {Type: AWS::SNS::Topic}\n";
        assertEquals("1 validation error detected: Value at 'templateBody' failed to satisfy constraint: Member must have length less than or equal to 51200",
                error("ValidateTemplate", Map.of("TemplateBody", body)).getMessage());
    }

    @Test
    void availabilityZoneParameters_mustNameZonesOfTheRegion() {
        String body = "Parameters:\n  Zone: {Type: 'AWS::EC2::AvailabilityZone::Name'}\nResources:\n  T: {Type: AWS::SNS::Topic}\n";
        assertEquals("Parameter validation failed: parameter value us-east-1z for parameter name Zone does not exist.",
                error("CreateStack", Map.of("StackName", "s", "TemplateBody", body, "Parameters.member.1.ParameterKey", "Zone",
                        "Parameters.member.1.ParameterValue", "us-east-1z")).getMessage());
        service.handle("CreateStack", Map.of("StackName", "s", "TemplateBody", body, "Parameters.member.1.ParameterKey", "Zone",
                "Parameters.member.1.ParameterValue", "us-east-1f"));
    }

    @Test
    void stackNames_followAwsConstraints() {
        assertEquals("1 validation error detected: Value '1bad' at 'stackName' failed to satisfy constraint: Member must satisfy regular expression pattern: [a-zA-Z][-a-zA-Z0-9]*",
                error("CreateStack", Map.of("StackName", "1bad", "TemplateBody", "Resources:\n  T: {Type: AWS::SNS::Topic}\n")).getMessage());
        assertEquals("InvalidAction", error("CreateStackSet", Map.of()).code());
    }

    @Test
    void malformedTemplateValues_areValidationErrorsNotServerFaults() {
        String body = "Resources:\n  T:\n    Type: AWS::SNS::Topic\n    Properties:\n      TopicName: !Select [first, [a, b]]\n";
        SandboxError error = error("CreateStack", Map.of("StackName", "s", "TemplateBody", body));
        assertEquals("ValidationError", error.code());
        assertEquals(400, error.status());
    }

    private SandboxError error(String action, Map<String, String> params) {
        Map<String, String> all = new HashMap<>(params);
        all.put("Action", action);
        return assertThrows(SandboxError.class, () -> service.handle(action, all));
    }
}
