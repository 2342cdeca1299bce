package io.magecloudkit.sandbox.cloudformation;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** A change set: the proposed template and parameters and the resource changes they make. */
final class ChangeSetState {
    public String id;
    public String name;
    public String stackId;
    public String stackName;
    public Type type;
    public String description;
    public String templateBody;
    public Map<String, String> parameters = new LinkedHashMap<>();
    public List<String> capabilities = new ArrayList<>();
    public Map<String, String> tags = new LinkedHashMap<>();
    public long creationTime;
    /** When the computed status becomes visible (CloudFormation takes a moment to compute it). */
    public long readyAt;
    public Status status;
    public Status finalStatus;
    public String statusReason;
    public ExecutionStatus executionStatus;
    public List<Change> changes = new ArrayList<>();

    /** The constant names are AWS's ChangeSetType values. */
    enum Type { CREATE, UPDATE }

    /** The constant names are AWS's ChangeSetStatus values. */
    enum Status {
        CREATE_PENDING, CREATE_IN_PROGRESS, CREATE_COMPLETE, FAILED;

        /** Whether the changes have been computed (and may be shown). */
        boolean computed() {
            return this == CREATE_COMPLETE || this == FAILED;
        }
    }

    /** The constant names are AWS's ExecutionStatus values. */
    enum ExecutionStatus { UNAVAILABLE, AVAILABLE, EXECUTE_IN_PROGRESS, EXECUTE_COMPLETE, EXECUTE_FAILED }

    static final class Change {
        /** Add, Modify, Remove. */
        public String action;
        public String logicalId;
        public String physicalId;
        public String resourceType;
        /** True, False, Conditional; null for Add and Remove. */
        public String replacement;
        public List<String> scope = new ArrayList<>();
        public List<Detail> details = new ArrayList<>();
    }

    static final class Detail {
        public String attribute;
        public String name;
        public String requiresRecreation;
        public String evaluation;
        public String changeSource;
        public String causingEntity;
    }
}
