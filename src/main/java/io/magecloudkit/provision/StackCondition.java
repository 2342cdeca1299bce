package io.magecloudkit.provision;

/** What a stack's current status asks of a provision run, before it sends anything. Pure. */
public enum StackCondition {
    /** No such stack (or it was deleted): create it. */
    ABSENT,
    /** Settled after a success or a completed update rollback: update it when it differs. */
    READY,
    /** A create that rolled back leaves an empty stack that cannot be updated: delete it, then create. */
    RECREATE,
    /** An operation from an earlier run is still going: wait for it to settle, then decide again. */
    WAIT,
    /** CloudFormation cannot go on from here without a person: stop and say what to do. */
    STUCK;

    public static StackCondition of(String status) {
        if (status == null || status.equals("DELETE_COMPLETE")) {
            return ABSENT;
        }
        return switch (status) {
            case "CREATE_COMPLETE", "UPDATE_COMPLETE", "UPDATE_ROLLBACK_COMPLETE", "IMPORT_COMPLETE",
                    "IMPORT_ROLLBACK_COMPLETE" -> READY;
            case "ROLLBACK_COMPLETE", "ROLLBACK_FAILED", "CREATE_FAILED", "REVIEW_IN_PROGRESS" -> RECREATE;
            case "UPDATE_ROLLBACK_FAILED", "DELETE_FAILED", "UPDATE_FAILED", "IMPORT_ROLLBACK_FAILED" -> STUCK;
            default -> status.endsWith("_IN_PROGRESS") ? WAIT : STUCK;
        };
    }

    /** For {@link #STUCK}: what happened and what a person does about it, in one line. */
    public static String explain(String stack, String status, String reason) {
        String why = reason == null || reason.isBlank() ? "" : " (" + reason + ")";
        return switch (status) {
            case "UPDATE_ROLLBACK_FAILED" -> stack + " is UPDATE_ROLLBACK_FAILED" + why + ": an update failed and so did"
                    + " its rollback; fix the resource named in the stack events by hand, then run"
                    + " `aws cloudformation continue-update-rollback --stack-name " + stack + "` and provision again";
            case "DELETE_FAILED" -> stack + " is DELETE_FAILED" + why + ": some resources could not be deleted;"
                    + " remove them (or retry with `mck destroy`), then provision again";
            default -> stack + " is " + status + why + ": CloudFormation cannot update it from this state;"
                    + " resolve it in the console, then provision again";
        };
    }

    /** Whether a status is the end of an operation (nothing is changing any more). */
    public static boolean settled(String status) {
        return status == null || !status.endsWith("_IN_PROGRESS");
    }
}
