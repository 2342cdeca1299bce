package io.magecloudkit.sandbox.cloudformation;

import static io.magecloudkit.sandbox.cloudformation.CloudFormationStackTest.p;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.cloudformation.CloudFormationClient;
import software.amazon.awssdk.services.cloudformation.model.Stack;
import software.amazon.awssdk.services.cloudformation.model.StackStatus;

/** Export names are unique in the region, and an export in use cannot go away. */
class ExportsTest {
    private StackSandbox sandbox;
    private CloudFormationClient cfn;

    @BeforeEach
    void start() throws Exception {
        sandbox = new StackSandbox();
        cfn = sandbox.client;
    }

    @AfterEach
    void stop() {
        sandbox.close();
    }

    @Test
    void duplicateExport_failsTheSecondStack() {
        cfn.createStack(r -> r.stackName("first").templateBody(StackSandbox.template("fixed-export.yaml")));
        await("first", StackStatus.CREATE_COMPLETE);
        cfn.createStack(r -> r.stackName("second").templateBody(StackSandbox.template("fixed-export.yaml")));
        Stack second = await("second", StackStatus.ROLLBACK_COMPLETE);
        assertEquals("Export with name shared-topic is already exported by stack first. Rollback requested by user.",
                second.stackStatusReason());
    }

    @Test
    void removingAnExportInUse_rollsTheUpdateBack() {
        cfn.createStack(r -> r.stackName("first").templateBody(StackSandbox.template("fixed-export.yaml")));
        await("first", StackStatus.CREATE_COMPLETE);
        cfn.createStack(r -> r.stackName("user").templateBody(StackSandbox.template("topic-importer.yaml")));
        await("user", StackStatus.CREATE_COMPLETE);

        cfn.updateStack(r -> r.stackName("first").usePreviousTemplate(true).parameters(p("Exported", "no")));
        Stack first = await("first", StackStatus.UPDATE_ROLLBACK_COMPLETE);
        assertEquals("Export shared-topic cannot be deleted as it is in use by user", first.stackStatusReason());
        assertEquals("shared-topic", first.outputs().get(0).exportName(), "the export is still there");

        cfn.deleteStack(r -> r.stackName("user"));
        sandbox.awaitCondition("importer deleted", () -> cfn.listStacks().stackSummaries().stream()
                .anyMatch(s -> s.stackName().equals("user") && s.stackStatus() == StackStatus.DELETE_COMPLETE));
        cfn.updateStack(r -> r.stackName("first").usePreviousTemplate(true).parameters(p("Exported", "no")));
        assertEquals(0, await("first", StackStatus.UPDATE_COMPLETE).outputs().size());
    }

    private Stack await(String name, StackStatus status) {
        Stack[] last = new Stack[1];
        sandbox.awaitCondition(name + " " + status, () -> {
            last[0] = cfn.describeStacks(r -> r.stackName(name)).stacks().get(0);
            return last[0].stackStatus() == status;
        });
        return last[0];
    }
}
