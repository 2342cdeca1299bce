package io.magecloudkit.sandbox.cloudformation;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.magecloudkit.sandbox.cloudformation.StackState.Status;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The pure rules of the stack state machine, as tables. */
class StackStatusTest {
    @Test
    void abandoned_leavesTheFailedStatusOfThePhase() {
        Object[][] table = {
            {Status.CREATE_IN_PROGRESS, Status.CREATE_FAILED},
            {Status.ROLLBACK_IN_PROGRESS, Status.ROLLBACK_FAILED},
            {Status.UPDATE_IN_PROGRESS, Status.UPDATE_ROLLBACK_FAILED},
            {Status.UPDATE_COMPLETE_CLEANUP_IN_PROGRESS, Status.UPDATE_ROLLBACK_FAILED},
            {Status.UPDATE_ROLLBACK_IN_PROGRESS, Status.UPDATE_ROLLBACK_FAILED},
            {Status.UPDATE_ROLLBACK_COMPLETE_CLEANUP_IN_PROGRESS, Status.UPDATE_ROLLBACK_FAILED},
            {Status.DELETE_IN_PROGRESS, Status.DELETE_FAILED},
        };
        for (Object[] row : table) {
            assertEquals(row[1], ((Status) row[0]).abandoned(), row[0].toString());
        }
    }

    @Test
    void updatable_onlyFromSettledGoodStates() {
        List<Status> updatable = Arrays.stream(Status.values()).filter(Status::updatable).toList();
        assertEquals(List.of(Status.CREATE_COMPLETE, Status.UPDATE_COMPLETE, Status.UPDATE_ROLLBACK_COMPLETE, Status.IMPORT_COMPLETE),
                updatable);
    }

    @Test
    void phases_rollBackOnFailureOnlyWhileCreatingOrUpdating() {
        List<StackState.Phase> rollBack = Arrays.stream(StackState.Phase.values()).filter(StackState.Phase::rollsBackOnFailure).toList();
        assertEquals(List.of(StackState.Phase.CREATE, StackState.Phase.UPDATE), rollBack);
    }

    @Test
    void resourceStatuses_followTheTaskAction() {
        assertEquals(StackState.ResourceStatus.CREATE_FAILED, StackState.ResourceStatus.failed(StackState.TaskAction.CREATE));
        assertEquals(StackState.ResourceStatus.UPDATE_FAILED, StackState.ResourceStatus.failed(StackState.TaskAction.UPDATE));
        assertEquals(StackState.ResourceStatus.CREATE_COMPLETE, StackState.ResourceStatus.complete(StackState.TaskAction.CREATE));
        assertEquals(StackState.ResourceStatus.UPDATE_COMPLETE, StackState.ResourceStatus.complete(StackState.TaskAction.UPDATE));
    }
}
