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
    public String status;
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
        return "DELETE_COMPLETE".equals(status);
    }

    boolean busy() {
        return status.endsWith("_IN_PROGRESS");
    }

    /** A live resource of the stack. */
    static final class Resource {
        public String logicalId;
        public String type;
        public String physicalId;
        public String status;
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
        public String status;
        public String reason;
        public String clientRequestToken;
    }

    /** A stack operation in flight: the tasks of its current phase, run on the simulated clock. */
    static final class Operation {
        /** CREATE, ROLLBACK, UPDATE, UPDATE_CLEANUP, UPDATE_ROLLBACK, UPDATE_ROLLBACK_CLEANUP, DELETE. */
        public String phase;
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
        /** CREATE, UPDATE, DELETE, RESTORE. */
        public String action;
        /** PENDING, RUNNING, DONE, FAILED, CANCELLED. */
        public String state = "PENDING";
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
