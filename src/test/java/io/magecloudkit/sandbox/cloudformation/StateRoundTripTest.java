package io.magecloudkit.sandbox.cloudformation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.cloudformation.model.StackEvent;
import software.amazon.awssdk.services.cloudformation.model.StackStatus;

/** A stack operation saved half way (to the --state-dir file) resumes in the next sandbox. */
class StateRoundTripTest {
    @TempDir
    Path stateDir;

    @Test
    void anOperationInFlightResumesAfterARestart() throws Exception {
        List<StackEvent> events;
        try (StackSandbox before = new StackSandbox(stateDir)) {
            before.injectResourceFailure("Db", "CREATE", "armed before the restart");
            before.client.createStack(r -> r.stackName("net").templateBody(StackSandbox.template("network.yaml")));
            before.advance(Duration.ofSeconds(6));
            assertEquals(StackStatus.CREATE_IN_PROGRESS, status(before, "net"));
            events = before.client.describeStackEvents(r -> r.stackName("net")).stackEvents();
        }
        String saved = java.nio.file.Files.readString(stateDir.resolve("sandbox-state.json"));
        assertTrue(saved.replace(" ", "").contains("\"status\":\"CREATE_IN_PROGRESS\""), "statuses are saved by their AWS names");

        try (StackSandbox after = new StackSandbox(stateDir)) {
            assertEquals(events, after.client.describeStackEvents(r -> r.stackName("net")).stackEvents());
            after.awaitCondition("net created", () -> status(after, "net") == StackStatus.CREATE_COMPLETE);

            // The injected failure travelled with the state.
            after.client.createStack(r -> r.stackName("app").templateBody(StackSandbox.template("app.json")));
            after.awaitCondition("app rolled back", () -> status(after, "app") == StackStatus.ROLLBACK_COMPLETE);
            assertTrue(after.client.describeStackEvents(r -> r.stackName("app")).stackEvents().stream()
                    .anyMatch(e -> "armed before the restart".equals(e.resourceStatusReason())));
        }
    }

    private static StackStatus status(StackSandbox sandbox, String name) {
        return sandbox.client.describeStacks(r -> r.stackName(name)).stacks().get(0).stackStatus();
    }
}
