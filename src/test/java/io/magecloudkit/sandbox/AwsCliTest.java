package io.magecloudkit.sandbox;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.ecs.model.ContainerDefinition;

/** A second client: the Debian awscli (botocore) signs, sends and parses against the sandbox too. */
class AwsCliTest {
    static final Path AWS = Path.of("/usr/bin/aws");
    static SandboxFixture f;

    @TempDir
    static Path home;

    @BeforeAll
    static void start() {
        assumeTrue(Files.isExecutable(AWS), "the Debian awscli is not installed");
        f = SandboxFixture.builder().sandbox(c -> c.speed(0.001)).start();
        var ecs = f.session().ecs();
        ecs.createCluster(r -> r.clusterName("cli"));
        String td = ecs.registerTaskDefinition(r -> r.family("cli-web")
                .containerDefinitions(ContainerDefinition.builder().name("web").image("web:1").build())).taskDefinition().taskDefinitionArn();
        ecs.createService(r -> r.cluster("cli").serviceName("web").taskDefinition(td).desiredCount(1));
        f.advanceUntil(Duration.ofMinutes(1), () -> ecs.describeServices(r -> r.cluster("cli").services("web")).services().get(0)
                .runningCount() == 1);
    }

    @AfterAll
    static void stop() {
        if (f != null) {
            f.close();
        }
    }

    static JsonNode aws(String... args) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>(List.of(AWS.toString(), "--endpoint-url", f.endpoint().toString(), "--output", "json"));
        cmd.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(false);
        Map<String, String> env = pb.environment();
        env.keySet().removeIf(k -> k.startsWith("AWS_"));
        env.putAll(Map.of("AWS_ACCESS_KEY_ID", "test", "AWS_SECRET_ACCESS_KEY", "test", "AWS_REGION", "us-east-1",
                "AWS_EC2_METADATA_DISABLED", "true", "AWS_CONFIG_FILE", home.resolve("config").toString(),
                "AWS_SHARED_CREDENTIALS_FILE", home.resolve("credentials").toString(), "HOME", home.toString()));
        Process p = pb.start();
        assertTrue(p.waitFor(60, TimeUnit.SECONDS), "aws " + String.join(" ", args) + " timed out");
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        String err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, p.exitValue(), "aws " + String.join(" ", args) + ": " + err);
        return new ObjectMapper().readTree(out);
    }

    @Test
    void describeServicesAndTasks() throws Exception {
        JsonNode services = aws("ecs", "describe-services", "--cluster", "cli", "--services", "web");
        assertEquals(1, services.path("services").get(0).path("runningCount").asInt());
        String task = aws("ecs", "list-tasks", "--cluster", "cli").path("taskArns").get(0).asText();
        assertEquals("RUNNING", aws("ecs", "describe-tasks", "--cluster", "cli", "--tasks", task).path("tasks").get(0)
                .path("lastStatus").asText());
    }

    @Test
    void queryProtocolServices() throws Exception {
        assertEquals("000000000000", aws("sts", "get-caller-identity").path("Account").asText());
        assertTrue(aws("elbv2", "describe-target-groups").path("TargetGroups").isArray());
    }
}
