package io.magecloudkit.sandbox.cloudformation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.magecloudkit.config.ConfigLoader;
import io.magecloudkit.config.MckConfig;
import io.magecloudkit.provision.RenderedStack;
import io.magecloudkit.provision.StackOutputs;
import io.magecloudkit.provision.StackPlan;
import io.magecloudkit.provision.StackRenderer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import software.amazon.awssdk.services.cloudformation.model.Capability;
import software.amazon.awssdk.services.cloudformation.model.Parameter;
import software.amazon.awssdk.services.cloudformation.model.Stack;
import software.amazon.awssdk.services.cloudformation.model.StackStatus;
import software.amazon.awssdk.services.cloudformation.model.Tag;

/**
 * Issue #9's "done when": both example environments' rendered stacks are created in dependency
 * order (each stack's outputs feed the next stacks' parameters), updated and deleted in the sandbox.
 */
class ExampleEnvironmentStacksTest {
    private static final MckConfig EXAMPLE = ConfigLoader.load(Path.of("examples/magecloudkit.yml"));

    private StackSandbox sandbox;

    @BeforeEach
    void start() {
        sandbox = new StackSandbox();
    }

    @AfterEach
    void stop() {
        sandbox.close();
    }

    @ParameterizedTest
    @ValueSource(strings = {"staging", "production"})
    void renderedStacks_areCreatedUpdatedAndDeleted(String environment) {
        Map<String, Map<String, String>> outputs = new LinkedHashMap<>();
        List<String> created = new ArrayList<>();
        StackPlan plan = StackRenderer.render(EXAMPLE, environment, StackOutputs.NONE);
        while (created.size() < plan.stacks().size()) {
            RenderedStack next = plan.stacks().stream().filter(s -> !created.contains(s.name()) && s.resolved()).findFirst()
                    .orElseThrow(() -> new AssertionError("no stack can be created after " + created));
            Stack stack = createOrUpdate(next, true);
            created.add(next.name());
            Map<String, String> values = new LinkedHashMap<>();
            stack.outputs().forEach(o -> values.put(o.outputKey(), o.outputValue()));
            outputs.put(next.name(), values);
            plan = StackRenderer.render(EXAMPLE, environment, new StackOutputs(outputs));
        }
        for (RenderedStack stack : plan.stacks()) {
            createOrUpdate(stack, false);
        }
        for (int i = created.size() - 1; i >= 0; i--) {
            String name = created.get(i);
            String id = describe(name).stackId();
            sandbox.client.deleteStack(r -> r.stackName(name));
            sandbox.awaitCondition(name + " deleted", () -> describe(id).stackStatus() == StackStatus.DELETE_COMPLETE);
        }
    }

    private Stack createOrUpdate(RenderedStack rendered, boolean create) {
        List<Parameter> parameters = rendered.parameters().stream().map(p -> Parameter.builder().parameterKey(p.key())
                .parameterValue(p.valueOrPlaceholder()).build()).toList();
        // The update changes a stack tag: CloudFormation then updates every resource that takes tags.
        Tag tag = Tag.builder().key("revision").value(create ? "1" : "2").build();
        if (create) {
            sandbox.client.createStack(r -> r.stackName(rendered.name()).templateBody(rendered.body()).parameters(parameters)
                    .tags(tag).capabilities(Capability.CAPABILITY_NAMED_IAM));
        } else {
            sandbox.client.updateStack(r -> r.stackName(rendered.name()).templateBody(rendered.body()).parameters(parameters)
                    .tags(tag).capabilities(Capability.CAPABILITY_NAMED_IAM));
        }
        StackStatus done = create ? StackStatus.CREATE_COMPLETE : StackStatus.UPDATE_COMPLETE;
        sandbox.awaitCondition(rendered.name() + " " + done, () -> {
            StackStatus status = describe(rendered.name()).stackStatus();
            // The message only when it fails: built at every look, it tripled the calls of this wait.
            assertTrue(status.toString().endsWith("IN_PROGRESS") || status == done,
                    () -> rendered.name() + " is " + status + ": " + describe(rendered.name()).stackStatusReason() + " "
                            + failures(rendered.name()));
            return status == done;
        });
        Stack stack = describe(rendered.name());
        assertEquals(done, stack.stackStatus());
        return stack;
    }

    private List<String> failures(String name) {
        return sandbox.client.describeStackEvents(r -> r.stackName(name)).stackEvents().stream()
                .filter(e -> e.resourceStatusAsString().endsWith("FAILED"))
                .map(e -> e.logicalResourceId() + ": " + e.resourceStatusReason()).toList();
    }

    private Stack describe(String name) {
        return sandbox.client.describeStacks(r -> r.stackName(name)).stacks().get(0);
    }
}
