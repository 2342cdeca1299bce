package io.magecloudkit.sandbox.cloudformation;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Everything the sandbox knows about one stack. Plain fields so that the whole state
 * serialises to JSON as it is (saveState / loadState); times are epoch milliseconds.
 */
final class StackState {
    public String stackId;
    public String stackName;
    public String description;
    public Status status;
    public String statusReason;
    public String templateBody;
    /** Parameter values as given or defaulted, in template order. */
    public Map<String, String> parameters = new LinkedHashMap<>();
    public Set<String> noEcho = new LinkedHashSet<>();
    public List<String> capabilities = new ArrayList<>();
    public Map<String, String> tags = new LinkedHashMap<>();
    public boolean disableRollback;
    public String onFailure;
    public boolean terminationProtection;
    public long creationTime;
    public long lastUpdatedTime;
    public long deletionTime;
    public String changeSetId;
    /** The ClientRequestToken of the operation in flight, stamped on its events. */
    public String clientRequestToken;
    public Map<String, Resource> resources = new LinkedHashMap<>();
    public List<Output> outputs = new ArrayList<>();
    /** Exports this stack currently publishes: name to value. */
    public Map<String, String> exports = new LinkedHashMap<>();
    /** Export names this stack's template imports. */
    public Set<String> imports = new LinkedHashSet<>();
    public List<Event> events = new ArrayList<>();
    public Operation operation;

    boolean deleted() {
        return status == Status.DELETE_COMPLETE;
    }

    boolean busy() {
        return status.name().endsWith("_IN_PROGRESS");
    }

    /** A stack's status; the constant names are AWS's StackStatus values (and what the state file holds). */
    enum Status {
        REVIEW_IN_PROGRESS, CREATE_IN_PROGRESS, CREATE_FAILED, CREATE_COMPLETE,
        ROLLBACK_IN_PROGRESS, ROLLBACK_FAILED, ROLLBACK_COMPLETE,
        UPDATE_IN_PROGRESS, UPDATE_COMPLETE_CLEANUP_IN_PROGRESS, UPDATE_COMPLETE,
        UPDATE_ROLLBACK_IN_PROGRESS, UPDATE_ROLLBACK_FAILED, UPDATE_ROLLBACK_COMPLETE_CLEANUP_IN_PROGRESS, UPDATE_ROLLBACK_COMPLETE,
        DELETE_IN_PROGRESS, DELETE_FAILED, DELETE_COMPLETE, IMPORT_COMPLETE;

        /** Whether UpdateStack / an update change set may start from here. */
        boolean updatable() {
            return this == CREATE_COMPLETE || this == UPDATE_COMPLETE || this == UPDATE_ROLLBACK_COMPLETE || this == IMPORT_COMPLETE;
        }

        /** Where an operation that cannot go on leaves the stack. */
        Status abandoned() {
            String name = name();
            return name.startsWith("UPDATE") ? UPDATE_ROLLBACK_FAILED
                    : name.startsWith("ROLLBACK") ? ROLLBACK_FAILED
                    : name.startsWith("DELETE") ? DELETE_FAILED : CREATE_FAILED;
        }
    }

    /** A resource's status; the constant names are AWS's ResourceStatus values. */
    enum ResourceStatus {
        CREATE_IN_PROGRESS, CREATE_FAILED, CREATE_COMPLETE,
        UPDATE_IN_PROGRESS, UPDATE_FAILED, UPDATE_COMPLETE,
        DELETE_IN_PROGRESS, DELETE_FAILED, DELETE_COMPLETE, DELETE_SKIPPED;

        static ResourceStatus failed(TaskAction action) {
            return action == TaskAction.CREATE ? CREATE_FAILED : UPDATE_FAILED;
        }

        static ResourceStatus complete(TaskAction action) {
            return action == TaskAction.CREATE ? CREATE_COMPLETE : UPDATE_COMPLETE;
        }
    }

    /** The phases a stack operation goes through; each runs a set of tasks to completion. */
    enum Phase { CREATE, ROLLBACK, UPDATE, UPDATE_CLEANUP, UPDATE_ROLLBACK, UPDATE_ROLLBACK_CLEANUP, DELETE;

        /** A failure in these phases stops them and rolls back; the others are best effort. */
        boolean rollsBackOnFailure() {
            return this == CREATE || this == UPDATE;
        }
    }

    enum TaskAction { CREATE, UPDATE, DELETE, RESTORE }

    enum TaskState { PENDING, RUNNING, DONE, FAILED, CANCELLED;

        boolean active() {
            return this == PENDING || this == RUNNING;
        }

        boolean finished() {
            return this == DONE || this == CANCELLED;
        }
    }

    /** A live resource of the stack. */
    static final class Resource {
        public String logicalId;
        public String type;
        public String physicalId;
        public ResourceStatus status;
        public String statusReason;
        public long timestamp;
        public String deletionPolicy = "Delete";
        public Map<String, Object> properties = new LinkedHashMap<>();
        public Map<String, Object> attributes = new LinkedHashMap<>();

        Resource copy() {
            Resource copy = new Resource();
            copy.logicalId = logicalId;
            copy.type = type;
            copy.physicalId = physicalId;
            copy.status = status;
            copy.statusReason = statusReason;
            copy.timestamp = timestamp;
            copy.deletionPolicy = deletionPolicy;
            copy.properties = new LinkedHashMap<>(properties);
            copy.attributes = new LinkedHashMap<>(attributes);
            return copy;
        }
    }

    static final class Output {
        public String key;
        public String value;
        public String description;
        public String exportName;
    }

    static final class Event {
        public String eventId;
        public String logicalId;
        public String physicalId;
        public String type;
        public long timestamp;
        /** A stack status for the stack's own events, a resource status for the others. */
        public String status;
        public String reason;
        public String clientRequestToken;
    }

    /** A stack operation in flight: the tasks of its current phase, run on the simulated clock. */
    static final class Operation {
        public Phase phase;
        /** The operation's own notion of "now", which catches up with the clock on every tick. */
        public long time;
        public List<Task> tasks = new ArrayList<>();
        public List<String> failed = new ArrayList<>();
        public boolean deleteAfterRollback;
        /** What an update started from, to roll back to. */
        public Snapshot previous;
        /** Resources the update created anew (added or replacement), deleted again if it rolls back. */
        public Map<String, Resource> created = new LinkedHashMap<>();
        /** Old physical resources replaced by the update, deleted in cleanup. */
        public Map<String, Resource> replaced = new LinkedHashMap<>();
        /** Resources the update removes, deleted in cleanup. */
        public Map<String, Resource> removed = new LinkedHashMap<>();
        public List<String> modified = new ArrayList<>();
    }

    static final class Task {
        public String logicalId;
        public TaskAction action;
        public TaskState state = TaskState.PENDING;
        public List<String> after = new ArrayList<>();
        public long endAt;
        public String failure;
        /** For DELETE of a resource that is no longer (or not yet) the stack's current one. */
        public Resource subject;
    }

    static final class Snapshot {
        public String templateBody;
        public String description;
        public Map<String, String> parameters = new LinkedHashMap<>();
        public Set<String> noEcho = new LinkedHashSet<>();
        public List<String> capabilities = new ArrayList<>();
        public Map<String, String> tags = new LinkedHashMap<>();
        public Map<String, Resource> resources = new LinkedHashMap<>();
        public List<Output> outputs = new ArrayList<>();
        public Map<String, String> exports = new LinkedHashMap<>();
        public Set<String> imports = new LinkedHashSet<>();
    }
}
