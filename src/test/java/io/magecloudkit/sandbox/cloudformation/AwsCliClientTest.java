package io.magecloudkit.sandbox.cloudformation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;


import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.cloudformation.model.StackStatus;

/** The Debian awscli (botocore's parser) as a second client reading what the SDK created. */
class AwsCliClientTest {
    private static final Path AWS = Path.of("/usr/bin/aws");

    @Test
    void awscliReadsStacksEventsAndChangeSets() throws Exception {
        assertTrue(Files.isExecutable(AWS), "/usr/bin/aws is missing: run ./test, which installs the Debian package awscli");
        try (StackSandbox sandbox = new StackSandbox()) {
            sandbox.client.createStack(r -> r.stackName("net").templateBody(StackSandbox.template("network.yaml")));
            sandbox.awaitCondition("stack created", () -> sandbox.client.describeStacks(r -> r.stackName("net")).stacks().get(0)
                    .stackStatus() == StackStatus.CREATE_COMPLETE);
            String endpoint = sandbox.fixture.endpoint().toString();
            java.time.Instant created = sandbox.client.describeStacks(r -> r.stackName("net")).stacks().get(0).creationTime();

            JsonNode stacks = aws(endpoint, "describe-stacks", "--stack-name", "net");
            JsonNode stack = stacks.path("Stacks").get(0);
            assertEquals("CREATE_COMPLETE", stack.path("StackStatus").asText());
            assertEquals(4, stack.path("Outputs").size());
            assertEquals(created, java.time.OffsetDateTime.parse(stack.path("CreationTime").asText()).toInstant(),
                    "botocore reads the time the SDK reads");

            JsonNode events = aws(endpoint, "describe-stack-events", "--stack-name", "net");
            assertEquals("CREATE_COMPLETE", events.path("StackEvents").get(0).path("ResourceStatus").asText());

            JsonNode changeSetCreated = aws(endpoint, "create-change-set", "--stack-name", "net", "--change-set-name", "grow",
                    "--use-previous-template", "--parameters", "ParameterKey=VpcCidr,ParameterValue=10.5.0.0/16");
            assertTrue(changeSetCreated.path("Id").asText().startsWith("arn:aws:cloudformation:us-east-1:123456789012:changeSet/grow/"),
                    changeSetCreated.toString());
            assertEquals(stack.path("StackId").asText(), changeSetCreated.path("StackId").asText());
            sandbox.awaitCondition("change set", () -> sandbox.client.describeChangeSet(r -> r.stackName("net").changeSetName("grow"))
                    .executionStatusAsString().equals("AVAILABLE"));
            JsonNode changeSet = aws(endpoint, "describe-change-set", "--stack-name", "net", "--change-set-name", "grow");
            assertEquals("True", changeSet.path("Changes").get(0).path("ResourceChange").path("Replacement").asText());
        }
    }

    private static JsonNode aws(String endpoint, String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of(AWS.toString(), "cloudformation"));
        command.addAll(List.of(args));
        command.addAll(List.of("--endpoint-url", endpoint, "--region", "us-east-1", "--output", "json"));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(false);
        builder.environment().put("AWS_ACCESS_KEY_ID", "test");
        builder.environment().put("AWS_SECRET_ACCESS_KEY", "test");
        builder.environment().put("AWS_EC2_METADATA_DISABLED", "true");
        File emptyConfig = File.createTempFile("aws-config", "");
        emptyConfig.deleteOnExit();
        builder.environment().put("AWS_CONFIG_FILE", emptyConfig.getPath());
        builder.environment().put("AWS_SHARED_CREDENTIALS_FILE", "/nonexistent");
        builder.environment().put("AWS_PAGER", "");
        builder.environment().remove("AWS_PROFILE");
        Process process = builder.start();
        process.getOutputStream().close();
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        String err = new String(process.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(process.waitFor(60, TimeUnit.SECONDS), "aws timed out");
        assertEquals(0, process.exitValue(), err);
        return new ObjectMapper().readTree(out);
    }
}
