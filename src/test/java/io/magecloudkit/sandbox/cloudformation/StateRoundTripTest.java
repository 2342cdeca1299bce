package io.magecloudkit.sandbox.cloudformation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.magecloudkit.sandbox.SandboxClock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** A stack operation saved half way resumes after loadState in a new service. */
class StateRoundTripTest {
    private final SandboxClock clock = new SandboxClock(1.0, Instant.parse("2026-01-01T00:00:00Z"));

    private CloudFormationService newService() {
        return new CloudFormationService(clock, "us-east-1", "123456789012", new GenericResourceProvisioner("us-east-1", "123456789012"));
    }

    @Test
    void anOperationInFlightResumesAfterARestart() throws Exception {
        CloudFormationService before = newService();
        before.injectResourceFailure("Db", "CREATE", "armed before the restart");
        call(before, "CreateStack", Map.of("StackName", "net", "TemplateBody", CloudFormationTestServer.template("network.yaml")));
        clock.advance(Duration.ofSeconds(6));
        before.tick(clock.now());
        assertTrue(call(before, "DescribeStacks", Map.of("StackName", "net")).contains("<StackStatus>CREATE_IN_PROGRESS</StackStatus>"));
        String events = call(before, "DescribeStackEvents", Map.of("StackName", "net"));

        JsonNode saved = new ObjectMapper().readTree(before.saveState().toString());
        CloudFormationService after = newService();
        after.loadState(saved);
        assertEquals(withoutRequestId(events), withoutRequestId(call(after, "DescribeStackEvents", Map.of("StackName", "net"))));

        clock.advance(Duration.ofMinutes(1));
        after.tick(clock.now());
        assertTrue(call(after, "DescribeStacks", Map.of("StackName", "net")).contains("<StackStatus>CREATE_COMPLETE</StackStatus>"));

        // The injected failure travelled with the state.
        call(after, "CreateStack", Map.of("StackName", "app", "TemplateBody", CloudFormationTestServer.template("app.json")));
        clock.advance(Duration.ofMinutes(5));
        after.tick(clock.now());
        String app = call(after, "DescribeStacks", Map.of("StackName", "app"));
        assertTrue(app.contains("<StackStatus>ROLLBACK_COMPLETE</StackStatus>"), app);
        assertTrue(call(after, "DescribeStackEvents", Map.of("StackName", "app")).contains("armed before the restart"));
    }

    private static String withoutRequestId(String xml) {
        return xml.replaceAll("<RequestId>[^<]*</RequestId>", "");
    }

    private static String call(CloudFormationService service, String action, Map<String, String> params) {
        Map<String, String> all = new HashMap<>(params);
        all.put("Action", action);
        return service.handle(action, all);
    }
}
