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
    /** CREATE or UPDATE. */
    public String type;
    public String description;
    public String templateBody;
    public Map<String, String> parameters = new LinkedHashMap<>();
    public List<String> capabilities = new ArrayList<>();
    public Map<String, String> tags = new LinkedHashMap<>();
    public long creationTime;
    /** When the computed status becomes visible (CloudFormation takes a moment to compute it). */
    public long readyAt;
    public String status;
    public String finalStatus;
    public String statusReason;
    public String executionStatus;
    public List<Change> changes = new ArrayList<>();

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
