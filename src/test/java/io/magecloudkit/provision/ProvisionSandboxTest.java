package io.magecloudkit.provision;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.magecloudkit.EventSink;
import io.magecloudkit.cfnspec.CfnSpec;
import io.magecloudkit.config.ConfigLoader;
import io.magecloudkit.config.MckConfig;
import io.magecloudkit.sandbox.SandboxFixture;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.core.interceptor.SdkExecutionAttribute;
import software.amazon.awssdk.services.cloudformation.model.StackStatus;

/**
 * The example's staging environment, provisioned with the real templates into the sandbox through
 * the real SDK, then changed, left alone, planned and destroyed. The sandbox clock runs fast.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ProvisionSandboxTest {
    static final MckConfig EXAMPLE = ConfigLoader.load(java.nio.file.Path.of("examples/magecloudkit.yml"));
    static final Backoff FAST = new Backoff(Duration.ofMillis(20), Duration.ofMillis(200));

    static final Map<String, AtomicInteger> CALLS = new ConcurrentHashMap<>();
    static SandboxFixture sandbox;

    /** Counts SDK operations by name: what the no-op run is measured by. */
    static final class Counting implements ExecutionInterceptor {
        @Override
        public void beforeExecution(Context.BeforeExecution context, ExecutionAttributes attributes) {
            CALLS.computeIfAbsent(attributes.getAttribute(SdkExecutionAttribute.OPERATION_NAME), k -> new AtomicInteger()).incrementAndGet();
        }
    }

    @BeforeAll
    static void start() throws java.io.IOException {
        // The sandbox (like AWS) refuses PutParameter under /aws/, and has none of AWS's public AMI parameters:
        // they are seeded through its state file, the one way in from outside without touching its code.
        java.nio.file.Path state = java.nio.file.Files.createTempDirectory("provision-sandbox");
        StringBuilder params = new StringBuilder();
        for (String name : List.of("/aws/service/ecs/optimized-ami/amazon-linux-2023/recommended/image_id",
                "/aws/service/canonical/ubuntu/server/24.04/stable/current/amd64/hvm/ebs-gp3/ami-id",
                "/aws/service/canonical/ubuntu/server/24.04/stable/current/arm64/hvm/ebs-gp3/ami-id")) {
            params.append(params.length() == 0 ? "" : ",").append('"').append(name).append("\":{\"name\":\"").append(name)
                    .append("\",\"type\":\"String\",\"value\":\"ami-0123456789abcdef0\",\"version\":1,\"lastModified\":0}");
        }
        java.nio.file.Files.writeString(state.resolve("sandbox-state.json"), "{\"ssm\":{\"parameters\":{" + params + "}}}");
        sandbox = SandboxFixture.builder().sandbox(c -> c.speed(2000).region("eu-west-1").stateDir(state))
                .interceptors(List.of(new Counting())).start();
    }

    @AfterAll
    static void stop() {
        if (sandbox != null) {
            forgiveReviewEvents(sandbox);
            sandbox.close();
        }
    }

    /**
     * CloudFormation's stack events for the stack itself carry stack statuses (REVIEW_IN_PROGRESS,
     * UPDATE_COMPLETE_CLEANUP_IN_PROGRESS) in ResourceStatus, and the sandbox does too; botocore's
     * ResourceStatus enum lacks them (the SDK maps them to UNKNOWN_TO_SDK_VERSION). Those departures
     * are expected; any other still fails the test.
     */
    static void forgiveReviewEvents(SandboxFixture f) {
        java.util.regex.Pattern stackStatus = java.util.regex.Pattern.compile("/StackEvents/member\\[\\d+]/ResourceStatus: '([A-Z_]+)' is not one of");
        var others = f.validator().violations().stream().filter(v -> {
            var m = stackStatus.matcher(v.toString());
            return !(m.find() && software.amazon.awssdk.services.cloudformation.model.StackStatus.fromValue(m.group(1))
                    != software.amazon.awssdk.services.cloudformation.model.StackStatus.UNKNOWN_TO_SDK_VERSION);
        }).toList();
        if (others.isEmpty()) {
            f.validator().reset();
        }
    }

    static ProvisionRequest request(MckConfig config, boolean plan, Set<String> allow) {
        return new ProvisionRequest(config, "staging", sandbox.session(), CfnSpec.bundled(), plan, allow, "test", Duration.ZERO, FAST);
    }

    static final class Log implements EventSink {
        final List<String> lines = new CopyOnWriteArrayList<>();

        @Override
        public void event(Level level, String message) {
            lines.add(level + " " + message);
        }

        boolean has(String text) {
            return lines.stream().anyMatch(l -> l.contains(text));
        }

        @Override
        public String toString() {
            return String.join("\n", lines);
        }
    }

    @Test
    @Order(1)
    void createsTheStagingEnvironmentInDependencyOrder() {
        Log log = new Log();
        ProvisionResult result = new Provisioner().provision(request(EXAMPLE, false, Set.of()), log);
        assertTrue(result.succeeded(), log.toString());
        StackPlan plan = StackRenderer.render(EXAMPLE, "staging", StackOutputs.NONE);
        assertEquals(plan.stacks().size(), result.stacks().size());
        result.stacks().forEach(s -> assertEquals("created", s.action(), s.stack()));
        assertTrue(result.outputs().get("acme-shop-staging-network").containsKey("VpcId"), result.outputs().toString());
        // The security groups stack got the network's VPC id as a parameter, not through an export.
        String vpc = result.outputs().get("acme-shop-staging-network").get("VpcId");
        var groups = sandbox.session().cloudFormation().describeStacks(r -> r.stackName("acme-shop-staging-security-groups")).stacks().get(0);
        assertTrue(groups.parameters().stream().anyMatch(p -> p.parameterKey().equals("VpcId") && p.parameterValue().equals(vpc)));
        assertTrue(log.has("CREATE_COMPLETE"), "events are streamed: " + log);
    }
}
