package io.magecloudkit.sandbox.cloudformation;

import com.fasterxml.jackson.annotation.JsonAutoDetect;
import com.fasterxml.jackson.annotation.PropertyAccessor;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.magecloudkit.sandbox.SandboxClock;
import io.magecloudkit.sandbox.SandboxError;
import io.magecloudkit.sandbox.Simulation;
import io.magecloudkit.sandbox.cloudformation.StackState.Resource;
import io.magecloudkit.sandbox.cloudformation.StackState.Snapshot;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import java.util.function.Function;

/**
 * The CloudFormation query API of the sandbox: stacks, change sets, events and exports,
 * simulated on the sandbox clock.
 */
public final class CloudFormationService implements Simulation {
    private static final int PAGE = 100;
    /** CloudFormation's limit for a template passed in the request body, in bytes. */
    private static final int MAX_TEMPLATE_BODY = 51_200;
    private static final String STACK_NAME_PATTERN = "[a-zA-Z][-a-zA-Z0-9]*";
    private static final ObjectMapper STATE_JSON = new ObjectMapper()
            .setVisibility(PropertyAccessor.ALL, JsonAutoDetect.Visibility.NONE)
            .setVisibility(PropertyAccessor.FIELD, JsonAutoDetect.Visibility.PUBLIC_ONLY)
            .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);

    private final SandboxClock clock;
    private final String region;
    private final String accountId;
    private final StackEngine engine;
    private final ChangeSetDiffer differ = new ChangeSetDiffer(ReplacementRules.standard());
    private final List<StackState> stacks = new ArrayList<>();
    private final List<ChangeSetState> changeSets = new ArrayList<>();
    private final Map<String, String> injectedFailures = new HashMap<>();
    private Function<String, String> ssmParameters = name -> null;

    public CloudFormationService(SandboxClock clock, String region, String accountId, ResourceProvisioner provisioner) {
        this.clock = clock;
        this.region = region;
        this.accountId = accountId;
        this.engine = new StackEngine(provisioner, ReplacementRules.standard(), new EngineRegion());
    }

    /** Where AWS::SSM::Parameter::Value parameters are read from (e.g. the sandbox's SSM store); name to value or null. */
    public synchronized void setSsmParameterLookup(Function<String, String> lookup) {
        this.ssmParameters = Objects.requireNonNull(lookup);
    }

    /**
     * Handles one query-protocol action.
     *
     * @param params the decoded form parameters, including Action and Version
     * @return the whole XML response document
     * @throws SandboxError for AWS error answers
     */
    public synchronized String handle(String action, Map<String, String> params) {
        try {
            return dispatch(action, new QueryParams(params));
        } catch (ClassCastException | NumberFormatException | IndexOutOfBoundsException e) {
            // Only a template of the wrong shape (a list where a map belongs, text where a number does) gets here.
            throw validation("Template format error: unexpected value in the template (" + e.getMessage() + ")");
        }
    }

    private String dispatch(String action, QueryParams q) {
        return switch (action == null ? "" : action) {
            case "ValidateTemplate" -> validateTemplate(q);
            case "CreateStack" -> createStack(q);
            case "UpdateStack" -> updateStack(q);
            case "DeleteStack" -> deleteStack(q);
            case "DescribeStacks" -> describeStacks(q);
            case "DescribeStackEvents" -> describeStackEvents(q);
            case "DescribeStackResources" -> describeStackResources(q);
            case "ListStackResources" -> listStackResources(q);
            case "GetTemplate" -> getTemplate(q);
            case "CreateChangeSet" -> createChangeSet(q);
            case "DescribeChangeSet" -> describeChangeSet(q);
            case "ExecuteChangeSet" -> executeChangeSet(q);
            case "DeleteChangeSet" -> deleteChangeSet(q);
            case "ListChangeSets" -> listChangeSets(q);
            case "ListStacks" -> listStacks(q);
            case "ListExports" -> listExports(q);
            case "UpdateTerminationProtection" -> updateTerminationProtection(q);
            default -> throw new SandboxError(400, "InvalidAction",
                    "The action " + action + " is not valid for this web service.");
        };
    }

    @Override
    public synchronized void tick(Instant now) {
        long millis = now.toEpochMilli();
        for (StackState stack : List.copyOf(stacks)) {
            if (stack.operation != null) {
                try {
                    engine.advance(stack, millis);
                } catch (RuntimeException e) {
                    // One broken stack operation must not take every later request down with it.
                    engine.abandon(stack, millis, "Internal failure in the sandbox: " + e);
                }
            }
        }
        for (ChangeSetState changeSet : changeSets) {
            if (changeSet.status.equals("CREATE_PENDING") && millis >= changeSet.creationTime + 1000) {
                changeSet.status = "CREATE_IN_PROGRESS";
            }
            if (changeSet.status.equals("CREATE_IN_PROGRESS") && millis >= changeSet.readyAt) {
                changeSet.status = changeSet.finalStatus;
                changeSet.executionStatus = changeSet.finalStatus.equals("FAILED") ? "UNAVAILABLE" : "AVAILABLE";
            }
        }
    }

    public synchronized JsonNode saveState() {
        Saved saved = new Saved();
        saved.stacks = stacks;
        saved.changeSets = changeSets;
        saved.injectedFailures = injectedFailures;
        return STATE_JSON.valueToTree(saved);
    }

    public synchronized void loadState(JsonNode state) {
        if (state == null || state.isNull() || state.isEmpty()) {
            return;
        }
        Saved saved = STATE_JSON.convertValue(state, Saved.class);
        stacks.clear();
        stacks.addAll(saved.stacks);
        changeSets.clear();
        changeSets.addAll(saved.changeSets);
        injectedFailures.clear();
        injectedFailures.putAll(saved.injectedFailures);
    }

    /** Makes the next CREATE or UPDATE of the resource with this logical id fail with the reason. */
    public synchronized void injectResourceFailure(String logicalId, String operation, String reason) {
        String op = operation.toUpperCase(java.util.Locale.ROOT);
        if (!op.equals("CREATE") && !op.equals("UPDATE")) {
            throw new IllegalArgumentException("operation must be CREATE or UPDATE, got " + operation);
        }
        injectedFailures.put(op + ":" + logicalId, reason);
    }

    /** The persisted form of the whole simulation. */
    static final class Saved {
        public List<StackState> stacks = new ArrayList<>();
        public List<ChangeSetState> changeSets = new ArrayList<>();
        public Map<String, String> injectedFailures = new HashMap<>();
    }

    // ---- ValidateTemplate ----

    private String validateTemplate(QueryParams q) {
        Template template = TemplateChecks.validate(templateBody(q, null));
        QueryXml xml = QueryXml.response("ValidateTemplate");
        xml.open("Parameters");
        template.parameters.forEach((key, declaration) -> {
            xml.open("member").element("ParameterKey", key)
                    .element("DefaultValue", ParameterResolver.defaultValue(declaration.get("Default")))
                    .element("NoEcho", "true".equalsIgnoreCase(String.valueOf(declaration.get("NoEcho"))))
                    .element("Description", declaration.get("Description")).close("member");
        });
        xml.close("Parameters");
        xml.element("Description", template.description);
        List<String> capabilities = template.requiredCapabilities();
        xml.members("Capabilities", capabilities);
        if (!capabilities.isEmpty()) {
            xml.element("CapabilitiesReason", "The following resource(s) require capabilities: " + template.iamResourceTypes());
        }
        xml.open("DeclaredTransforms").close("DeclaredTransforms");
        return xml.finish();
    }

    // ---- CreateStack ----

    private String createStack(QueryParams q) {
        String name = required(q, "StackName");
        checkStackName(name);
        if (liveStack(name) != null) {
            throw new SandboxError(400, "AlreadyExistsException", "Stack [" + name + "] already exists");
        }
        if (q.has("DisableRollback") && q.has("OnFailure")) {
            throw validation("You cannot specify both DisableRollback and OnFailure.");
        }
        Template template = TemplateChecks.validate(templateBody(q, null));
        Map<String, String> parameters = ParameterResolver.resolve(template, givenParameters(q, null));
        checkCapabilities(template, q.list("Capabilities"));
        StackState stack = new StackState();
        stack.stackName = name;
        stack.stackId = "arn:aws:cloudformation:" + region + ":" + accountId + ":stack/" + name + "/" + UUID.randomUUID();
        preflight(template, stack.stackId, name, parameters);
        long now = clock.now().toEpochMilli();
        setTemplate(stack, template, parameters, q.list("Capabilities"));
        stack.tags = tags(q);
        String onFailure = q.get("OnFailure");
        stack.onFailure = onFailure;
        stack.disableRollback = q.flag("DisableRollback") || "DO_NOTHING".equals(onFailure);
        stack.terminationProtection = q.flag("EnableTerminationProtection");
        stack.creationTime = now;
        stack.clientRequestToken = q.get("ClientRequestToken");
        stacks.add(stack);
        engine.startCreate(stack, now, "DELETE".equals(onFailure));
        return QueryXml.response("CreateStack").element("StackId", stack.stackId).finish();
    }

    // ---- UpdateStack ----

    private String updateStack(QueryParams q) {
        StackState stack = stack(required(q, "StackName"));
        checkUpdatable(stack);
        Template template = TemplateChecks.validate(q.flag("UsePreviousTemplate") ? stack.templateBody : templateBody(q, null));
        Map<String, String> parameters = ParameterResolver.resolve(template, givenParameters(q, stack));
        checkCapabilities(template, q.list("Capabilities"));
        preflight(template, stack.stackId, stack.stackName, parameters);
        Map<String, String> tags = q.has("Tags.member.1") || q.has("Tags") ? tags(q) : stack.tags;
        List<ChangeSetState.Change> changes = diff(stack, template, parameters);
        if (changes.isEmpty() && parameters.equals(stack.parameters) && tags.equals(stack.tags)
                && sameOutputs(stack.templateBody, template)) {
            throw validation("No updates are to be performed.");
        }
        if (q.has("DisableRollback")) {
            stack.disableRollback = q.flag("DisableRollback");
        }
        stack.clientRequestToken = q.get("ClientRequestToken");
        startUpdate(stack, template, parameters, q.list("Capabilities"), tags, changes);
        return QueryXml.response("UpdateStack").element("StackId", stack.stackId).finish();
    }

    private void startUpdate(StackState stack, Template template, Map<String, String> parameters, List<String> capabilities,
            Map<String, String> tags, List<ChangeSetState.Change> changes) {
        Snapshot previous = snapshot(stack);
        setTemplate(stack, template, parameters, capabilities);
        stack.tags = new LinkedHashMap<>(tags);
        engine.startUpdate(stack, previous, changes, clock.now().toEpochMilli());
    }

    private static boolean sameOutputs(String oldBody, Template template) {
        return Objects.equals(ChangeSetDiffer.normalise(Template.parse(oldBody).outputs), ChangeSetDiffer.normalise(template.outputs));
    }

    private List<ChangeSetState.Change> diff(StackState stack, Template template, Map<String, String> parameters) {
        Template old = stack.templateBody == null ? null : Template.parse(stack.templateBody);
        Map<String, Resource> live = new LinkedHashMap<>();
        stack.resources.forEach((id, resource) -> {
            if (!"DELETE_COMPLETE".equals(resource.status)) {
                live.put(id, resource);
            }
        });
        return differ.diff(old, stack.parameters, live, template, parameters, stack.stackId, stack.stackName, environment());
    }

    private static Snapshot snapshot(StackState stack) {
        Snapshot snapshot = new Snapshot();
        snapshot.templateBody = stack.templateBody;
        snapshot.description = stack.description;
        snapshot.parameters = new LinkedHashMap<>(stack.parameters);
        snapshot.noEcho = new LinkedHashSet<>(stack.noEcho);
        snapshot.capabilities = new ArrayList<>(stack.capabilities);
        snapshot.tags = new LinkedHashMap<>(stack.tags);
        stack.resources.forEach((id, resource) -> snapshot.resources.put(id, resource.copy()));
        snapshot.outputs = new ArrayList<>(stack.outputs);
        snapshot.exports = new LinkedHashMap<>(stack.exports);
        snapshot.imports = new LinkedHashSet<>(stack.imports);
        return snapshot;
    }

    private static void setTemplate(StackState stack, Template template, Map<String, String> parameters, List<String> capabilities) {
        stack.templateBody = template.body;
        stack.description = template.description;
        stack.parameters = new LinkedHashMap<>(parameters);
        stack.noEcho = new LinkedHashSet<>();
        template.parameters.forEach((key, declaration) -> {
            if ("true".equalsIgnoreCase(String.valueOf(declaration.get("NoEcho")))) {
                stack.noEcho.add(key);
            }
        });
        stack.capabilities = new ArrayList<>(capabilities);
    }

    private void checkUpdatable(StackState stack) {
        switch (stack.status) {
            case "CREATE_COMPLETE", "UPDATE_COMPLETE", "UPDATE_ROLLBACK_COMPLETE", "IMPORT_COMPLETE" -> {
            }
            default -> throw validation("Stack:" + stack.stackId + " is in " + stack.status + " state and can not be updated.");
        }
    }

    /** Evaluates everything once with stand-in resource values, so bad imports, mappings or SSM names fail the call. */
    private void preflight(Template template, String stackId, String name, Map<String, String> parameters) {
        parameters.forEach((key, value) -> {
            String type = String.valueOf(template.parameters.get(key).getOrDefault("Type", "String"));
            if (type.equals("AWS::EC2::AvailabilityZone::Name") || type.equals("List<AWS::EC2::AvailabilityZone::Name>")) {
                for (String zone : value.split(",")) {
                    if (!environment().availabilityZones(region).contains(zone.trim())) {
                        throw validation("Parameter validation failed: parameter value " + zone.trim()
                                + " for parameter name " + key + " does not exist.");
                    }
                }
            }
        });
        java.util.Set<String> excluded = new java.util.HashSet<>();
        StackContext context = new StackContext(template, stackId, name, parameters, environment(),
                new StackContext.ResourceValues() {
                    @Override
                    public Object ref(String logicalId) {
                        return known(logicalId);
                    }

                    @Override
                    public Object attribute(String logicalId, String attribute) {
                        return known(logicalId);
                    }

                    /** A resource whose condition is false does not exist for the others. */
                    private Object known(String logicalId) {
                        if (excluded.contains(logicalId)) {
                            throw Template.error("Template format error: Unresolved resource dependencies [" + logicalId
                                    + "] in the Resources block of the template");
                        }
                        return ChangeSetDiffer.KNOWN_AFTER_APPLY;
                    }
                });
        for (String logicalId : template.resources.keySet()) {
            if (!context.included(logicalId)) {
                excluded.add(logicalId);
            }
        }
        for (String logicalId : template.resources.keySet()) {
            if (context.included(logicalId)) {
                for (String dependency : template.dependsOn(logicalId)) {
                    if (excluded.contains(dependency)) {
                        throw Template.error("Template format error: Unresolved resource dependencies [" + dependency
                                + "] in the Resources block of the template");
                    }
                }
                context.properties(logicalId);
            }
        }
        for (Map<String, Object> output : template.outputs.values()) {
            if (context.intrinsics.included(output)) {
                context.intrinsics.evaluate(output.get("Value"));
            }
        }
    }

    // ---- DeleteStack ----

    private String deleteStack(QueryParams q) {
        String name = required(q, "StackName");
        StackState stack = name.startsWith("arn:") ? stackById(name) : liveStack(name);
        if (stack != null && !stack.deleted()) {
            if (stack.terminationProtection) {
                throw validation("Stack [" + stack.stackName + "] cannot be deleted while TerminationProtection is enabled");
            }
            long now = clock.now().toEpochMilli();
            if (stack.status.equals("REVIEW_IN_PROGRESS")) {
                stack.status = "DELETE_COMPLETE";
                stack.deletionTime = now;
                changeSets.removeIf(cs -> cs.stackId.equals(stack.stackId));
            } else if (!stack.status.equals("DELETE_IN_PROGRESS")) {
                if (stack.busy()) {
                    throw validation("Stack [" + stack.stackName + "] cannot be deleted while in status " + stack.status);
                }
                changeSets.removeIf(cs -> cs.stackId.equals(stack.stackId));
                stack.clientRequestToken = q.get("ClientRequestToken");
                engine.startDelete(stack, now);
            }
        }
        return QueryXml.metadataOnly("DeleteStack");
    }

    // ---- DescribeStacks / ListStacks ----

    private String describeStacks(QueryParams q) {
        List<StackState> selected;
        String name = q.get("StackName");
        if (name != null) {
            selected = List.of(stack(name));
        } else {
            selected = stacks.stream().filter(s -> !s.deleted()).toList();
        }
        int from = pageStart(q);
        QueryXml xml = QueryXml.response("DescribeStacks").open("Stacks");
        for (StackState stack : page(selected, from)) {
            xml.open("member");
            writeStack(xml, stack);
            xml.close("member");
        }
        xml.close("Stacks");
        return nextToken(xml, selected.size(), from).finish();
    }

    private void writeStack(QueryXml xml, StackState stack) {
        xml.element("StackId", stack.stackId).element("StackName", stack.stackName).element("ChangeSetId", stack.changeSetId)
                .element("Description", stack.description);
        xml.open("Parameters");
        Template template = stack.templateBody == null ? null : Template.parse(stack.templateBody);
        stack.parameters.forEach((key, value) -> {
            boolean hidden = stack.noEcho.contains(key);
            xml.open("member").element("ParameterKey", key).element("ParameterValue", hidden ? "****" : value);
            if (template != null && template.parameters.containsKey(key)
                    && String.valueOf(template.parameters.get(key).get("Type")).startsWith("AWS::SSM::Parameter::Value<")) {
                String resolved = ssmParameters.apply(value);
                xml.element("ResolvedValue", hidden ? "****" : resolved);
            }
            xml.close("member");
        });
        xml.close("Parameters");
        xml.time("CreationTime", stack.creationTime).time("DeletionTime", stack.deletionTime)
                .time("LastUpdatedTime", stack.lastUpdatedTime);
        xml.open("RollbackConfiguration").open("RollbackTriggers").close("RollbackTriggers").close("RollbackConfiguration");
        xml.element("StackStatus", stack.status).element("StackStatusReason", stack.statusReason)
                .element("DisableRollback", stack.disableRollback);
        xml.open("NotificationARNs").close("NotificationARNs");
        xml.members("Capabilities", stack.capabilities);
        xml.open("Outputs");
        for (StackState.Output output : stack.outputs) {
            xml.open("member").element("OutputKey", output.key).element("OutputValue", output.value)
                    .element("Description", output.description).element("ExportName", output.exportName).close("member");
        }
        xml.close("Outputs");
        writeTags(xml, stack.tags);
        xml.element("EnableTerminationProtection", stack.terminationProtection);
        xml.open("DriftInformation").element("StackDriftStatus", "NOT_CHECKED").close("DriftInformation");
    }

    private static void writeTags(QueryXml xml, Map<String, String> tags) {
        xml.open("Tags");
        tags.forEach((key, value) -> xml.open("member").element("Key", key).element("Value", value).close("member"));
        xml.close("Tags");
    }

    private String listStacks(QueryParams q) {
        List<String> filter = q.list("StackStatusFilter");
        List<StackState> selected = new ArrayList<>();
        for (int i = stacks.size() - 1; i >= 0; i--) {
            StackState stack = stacks.get(i);
            if (filter.isEmpty() || filter.contains(stack.status)) {
                selected.add(stack);
            }
        }
        int from = pageStart(q);
        QueryXml xml = QueryXml.response("ListStacks").open("StackSummaries");
        for (StackState stack : page(selected, from)) {
            xml.open("member").element("StackId", stack.stackId).element("StackName", stack.stackName)
                    .element("TemplateDescription", stack.description).time("CreationTime", stack.creationTime)
                    .time("LastUpdatedTime", stack.lastUpdatedTime).time("DeletionTime", stack.deletionTime)
                    .element("StackStatus", stack.status).element("StackStatusReason", stack.statusReason)
                    .open("DriftInformation").element("StackDriftStatus", "NOT_CHECKED").close("DriftInformation")
                    .close("member");
        }
        xml.close("StackSummaries");
        return nextToken(xml, selected.size(), from).finish();
    }

    // ---- events, resources, template ----

    private String describeStackEvents(QueryParams q) {
        StackState stack = stack(required(q, "StackName"));
        List<StackState.Event> newestFirst = new ArrayList<>(stack.events);
        java.util.Collections.reverse(newestFirst);
        int from = pageStart(q);
        QueryXml xml = QueryXml.response("DescribeStackEvents").open("StackEvents");
        for (StackState.Event event : page(newestFirst, from)) {
            xml.open("member").element("StackId", stack.stackId).element("EventId", event.eventId)
                    .element("StackName", stack.stackName).element("LogicalResourceId", event.logicalId)
                    .element("PhysicalResourceId", event.physicalId == null ? "" : event.physicalId)
                    .element("ResourceType", event.type).time("Timestamp", event.timestamp).element("ResourceStatus", event.status)
                    .element("ResourceStatusReason", event.reason).element("ClientRequestToken", event.clientRequestToken)
                    .close("member");
        }
        xml.close("StackEvents");
        return nextToken(xml, newestFirst.size(), from).finish();
    }

    private String describeStackResources(QueryParams q) {
        String name = q.get("StackName");
        String physicalId = q.get("PhysicalResourceId");
        String logicalId = q.get("LogicalResourceId");
        if (name == null && physicalId == null) {
            throw validation("Either StackName or PhysicalResourceId must be specified.");
        }
        StackState stack = name != null ? stack(name) : stacks.stream()
                .filter(s -> !s.deleted() && s.resources.values().stream().anyMatch(r -> physicalId.equals(r.physicalId)))
                .findFirst().orElseThrow(() -> validation("Stack for " + physicalId + " does not exist"));
        QueryXml xml = QueryXml.response("DescribeStackResources").open("StackResources");
        for (Resource resource : stack.resources.values()) {
            if ((logicalId != null && !logicalId.equals(resource.logicalId))
                    || (physicalId != null && name != null && !physicalId.equals(resource.physicalId))) {
                continue;
            }
            xml.open("member").element("StackName", stack.stackName).element("StackId", stack.stackId)
                    .element("LogicalResourceId", resource.logicalId).element("PhysicalResourceId", resource.physicalId)
                    .element("ResourceType", resource.type).time("Timestamp", resource.timestamp)
                    .element("ResourceStatus", resource.status).element("ResourceStatusReason", resource.statusReason)
                    .open("DriftInformation").element("StackResourceDriftStatus", "NOT_CHECKED").close("DriftInformation")
                    .close("member");
        }
        xml.close("StackResources");
        return xml.finish();
    }

    private String listStackResources(QueryParams q) {
        StackState stack = stack(required(q, "StackName"));
        List<Resource> resources = new ArrayList<>(stack.resources.values());
        int from = pageStart(q);
        QueryXml xml = QueryXml.response("ListStackResources").open("StackResourceSummaries");
        for (Resource resource : page(resources, from)) {
            xml.open("member").element("LogicalResourceId", resource.logicalId).element("PhysicalResourceId", resource.physicalId)
                    .element("ResourceType", resource.type).time("LastUpdatedTimestamp", resource.timestamp)
                    .element("ResourceStatus", resource.status).element("ResourceStatusReason", resource.statusReason)
                    .open("DriftInformation").element("StackResourceDriftStatus", "NOT_CHECKED").close("DriftInformation")
                    .close("member");
        }
        xml.close("StackResourceSummaries");
        return nextToken(xml, resources.size(), from).finish();
    }

    private String getTemplate(QueryParams q) {
        String body;
        if (q.get("ChangeSetName") != null) {
            body = changeSet(q.get("ChangeSetName"), q.get("StackName")).templateBody;
        } else {
            body = stack(required(q, "StackName")).templateBody;
        }
        return QueryXml.response("GetTemplate").element("TemplateBody", body)
                .members("StagesAvailable", List.of("Original", "Processed")).finish();
    }

    private String listExports(QueryParams q) {
        List<String[]> exports = new ArrayList<>();
        for (StackState stack : stacks) {
            if (!stack.deleted()) {
                stack.exports.forEach((name, value) -> exports.add(new String[] {stack.stackId, name, value}));
            }
        }
        int from = pageStart(q);
        QueryXml xml = QueryXml.response("ListExports").open("Exports");
        for (String[] export : page(exports, from)) {
            xml.open("member").element("ExportingStackId", export[0]).element("Name", export[1])
                    .element("Value", export[2]).close("member");
        }
        xml.close("Exports");
        return nextToken(xml, exports.size(), from).finish();
    }

    private String updateTerminationProtection(QueryParams q) {
        if (!q.has("EnableTerminationProtection")) {
            throw validation("1 validation error detected: Value null at 'enableTerminationProtection' failed to satisfy constraint: Member must not be null");
        }
        StackState stack = stack(required(q, "StackName"));
        if (stack.deleted()) {
            throw validation("Stack with id " + q.get("StackName") + " does not exist");
        }
        stack.terminationProtection = q.flag("EnableTerminationProtection");
        return QueryXml.response("UpdateTerminationProtection").element("StackId", stack.stackId).finish();
    }

    // ---- change sets ----

    private String createChangeSet(QueryParams q) {
        String stackName = required(q, "StackName");
        String name = required(q, "ChangeSetName");
        if (!name.matches("[a-zA-Z][-a-zA-Z0-9]*") || name.length() > 128) {
            throw validation("1 validation error detected: Value '" + name
                    + "' at 'changeSetName' failed to satisfy constraint: Member must satisfy regular expression pattern: [a-zA-Z][-a-zA-Z0-9]*");
        }
        String type = q.get("ChangeSetType") == null ? "UPDATE" : q.get("ChangeSetType");
        StackState stack = stackName.startsWith("arn:") ? stackById(stackName) : liveStack(stackName);
        if (stack != null && stack.deleted()) {
            stack = null;
        }
        long now = clock.now().toEpochMilli();
        Template template;
        Map<String, String> parameters;
        List<ChangeSetState.Change> changes;
        switch (type) {
            case "CREATE" -> {
                if (stack != null && !stack.status.equals("REVIEW_IN_PROGRESS")) {
                    throw validation("Stack [" + stackName + "] already exists and cannot be created again with the changeSet [" + name + "].");
                }
                checkStackName(stackName);
                template = TemplateChecks.validate(templateBody(q, null));
                parameters = ParameterResolver.resolve(template, givenParameters(q, null));
                checkCapabilities(template, q.list("Capabilities"));
                if (stack == null) {
                    stack = new StackState();
                    stack.stackName = stackName;
                    stack.stackId = "arn:aws:cloudformation:" + region + ":" + accountId + ":stack/" + stackName + "/" + UUID.randomUUID();
                    stack.status = "REVIEW_IN_PROGRESS";
                    stack.statusReason = "User Initiated";
                    stack.creationTime = now;
                    stacks.add(stack);
                    StackState.Event event = new StackState.Event();
                    event.eventId = UUID.randomUUID().toString();
                    event.logicalId = stackName;
                    event.physicalId = stack.stackId;
                    event.type = "AWS::CloudFormation::Stack";
                    event.timestamp = now;
                    event.status = "REVIEW_IN_PROGRESS";
                    event.reason = "User Initiated";
                    stack.events.add(event);
                }
                preflight(template, stack.stackId, stackName, parameters);
                changes = differ.diff(null, Map.of(), Map.of(), template, parameters, stack.stackId, stackName, environment());
            }
            case "UPDATE" -> {
                if (stack == null) {
                    throw validation("Stack [" + stackName + "] does not exist");
                }
                checkUpdatable(stack);
                template = TemplateChecks.validate(q.flag("UsePreviousTemplate") ? stack.templateBody : templateBody(q, null));
                parameters = ParameterResolver.resolve(template, givenParameters(q, stack));
                checkCapabilities(template, q.list("Capabilities"));
                preflight(template, stack.stackId, stack.stackName, parameters);
                changes = diff(stack, template, parameters);
            }
            default -> throw validation("ChangeSetType " + type + " is not supported by the sandbox (CREATE or UPDATE)");
        }
        StackState owner = stack;
        if (changeSets.stream().anyMatch(cs -> cs.stackId.equals(owner.stackId) && cs.name.equals(name))) {
            throw new SandboxError(400, "AlreadyExistsException", "ChangeSet [" + name + "] already exists");
        }
        ChangeSetState changeSet = new ChangeSetState();
        changeSet.id = "arn:aws:cloudformation:" + region + ":" + accountId + ":changeSet/" + name + "/" + UUID.randomUUID();
        changeSet.name = name;
        changeSet.stackId = stack.stackId;
        changeSet.stackName = stack.stackName;
        changeSet.type = type;
        changeSet.description = q.get("Description");
        changeSet.templateBody = template.body;
        changeSet.parameters = parameters;
        changeSet.capabilities = q.list("Capabilities");
        changeSet.tags = q.has("Tags.member.1") || stack.tags.isEmpty() ? tags(q) : new LinkedHashMap<>(stack.tags);
        changeSet.creationTime = now;
        changeSet.readyAt = now + 2000;
        changeSet.status = "CREATE_PENDING";
        changeSet.executionStatus = "UNAVAILABLE";
        changeSet.changes = changes;
        boolean tagsChanged = !changeSet.tags.equals(stack.tags) && type.equals("UPDATE");
        if (changes.isEmpty() && !tagsChanged && !(type.equals("UPDATE") && !parameters.equals(stack.parameters))) {
            changeSet.finalStatus = "FAILED";
            changeSet.statusReason = "The submitted information didn't contain changes. Submit different information to create a change set.";
        } else {
            changeSet.finalStatus = "CREATE_COMPLETE";
        }
        changeSets.add(changeSet);
        return QueryXml.response("CreateChangeSet").element("Id", changeSet.id).element("StackId", stack.stackId).finish();
    }

    private String describeChangeSet(QueryParams q) {
        ChangeSetState cs = changeSet(required(q, "ChangeSetName"), q.get("StackName"));
        QueryXml xml = QueryXml.response("DescribeChangeSet");
        xml.element("ChangeSetName", cs.name).element("ChangeSetId", cs.id).element("StackId", cs.stackId)
                .element("StackName", cs.stackName).element("Description", cs.description);
        xml.open("Parameters");
        Template proposed = Template.parse(cs.templateBody);
        cs.parameters.forEach((key, value) -> xml.open("member").element("ParameterKey", key)
                .element("ParameterValue", proposed.parameters.containsKey(key) && "true".equalsIgnoreCase(
                        String.valueOf(proposed.parameters.get(key).get("NoEcho"))) ? "****" : value).close("member"));
        xml.close("Parameters");
        xml.time("CreationTime", cs.creationTime).element("ExecutionStatus", cs.executionStatus)
                .element("Status", cs.status).element("StatusReason", cs.status.equals("FAILED") ? cs.statusReason : null);
        xml.open("NotificationARNs").close("NotificationARNs");
        xml.open("RollbackConfiguration").open("RollbackTriggers").close("RollbackTriggers").close("RollbackConfiguration");
        xml.members("Capabilities", cs.capabilities);
        writeTags(xml, cs.tags);
        xml.open("Changes");
        boolean computed = !cs.status.equals("CREATE_PENDING") && !cs.status.equals("CREATE_IN_PROGRESS");
        for (ChangeSetState.Change change : computed ? cs.changes : List.<ChangeSetState.Change>of()) {
            xml.open("member").element("Type", "Resource").open("ResourceChange")
                    .element("Action", change.action).element("LogicalResourceId", change.logicalId)
                    .element("PhysicalResourceId", change.physicalId).element("ResourceType", change.resourceType)
                    .element("Replacement", change.replacement);
            xml.members("Scope", change.scope);
            xml.open("Details");
            for (ChangeSetState.Detail detail : change.details) {
                xml.open("member").open("Target").element("Attribute", detail.attribute).element("Name", detail.name)
                        .element("RequiresRecreation", detail.requiresRecreation).close("Target")
                        .element("Evaluation", detail.evaluation).element("ChangeSource", detail.changeSource)
                        .element("CausingEntity", detail.causingEntity).close("member");
            }
            xml.close("Details").close("ResourceChange").close("member");
        }
        xml.close("Changes");
        xml.element("IncludeNestedStacks", false);
        return xml.finish();
    }

    private String executeChangeSet(QueryParams q) {
        ChangeSetState cs = changeSet(required(q, "ChangeSetName"), q.get("StackName"));
        if (!cs.status.equals("CREATE_COMPLETE") || !cs.executionStatus.equals("AVAILABLE")) {
            throw new SandboxError(400, "InvalidChangeSetStatus", "ChangeSet [" + cs.id
                    + "] cannot be executed in its current status of [" + cs.status + "]");
        }
        StackState stack = stackById(cs.stackId);
        Template template = Template.parse(cs.templateBody);
        String token = q.get("ClientRequestToken");
        if (cs.type.equals("CREATE")) {
            if (!stack.status.equals("REVIEW_IN_PROGRESS")) {
                throw new SandboxError(400, "InvalidChangeSetStatus", "ChangeSet [" + cs.id
                        + "] cannot be executed in its current execution status of [" + cs.executionStatus + "]");
            }
            setTemplate(stack, template, cs.parameters, cs.capabilities);
            stack.tags = new LinkedHashMap<>(cs.tags);
            stack.disableRollback = q.flag("DisableRollback");
            stack.changeSetId = cs.id;
            stack.clientRequestToken = token;
            engine.startCreate(stack, clock.now().toEpochMilli(), false);
        } else {
            checkUpdatable(stack);
            if (q.has("DisableRollback")) {
                stack.disableRollback = q.flag("DisableRollback");
            }
            stack.changeSetId = cs.id;
            stack.clientRequestToken = token;
            startUpdate(stack, template, cs.parameters, cs.capabilities, cs.tags, diff(stack, template, cs.parameters));
        }
        cs.executionStatus = "EXECUTE_IN_PROGRESS";
        changeSets.removeIf(other -> other != cs && other.stackId.equals(cs.stackId));
        return QueryXml.response("ExecuteChangeSet").finish();
    }

    private String deleteChangeSet(QueryParams q) {
        ChangeSetState cs = changeSet(required(q, "ChangeSetName"), q.get("StackName"));
        if (cs.executionStatus.equals("EXECUTE_IN_PROGRESS")) {
            throw new SandboxError(400, "InvalidChangeSetStatus", "ChangeSet [" + cs.id
                    + "] cannot be deleted in its current execution status of [EXECUTE_IN_PROGRESS]");
        }
        changeSets.remove(cs);
        return QueryXml.response("DeleteChangeSet").finish();
    }

    private String listChangeSets(QueryParams q) {
        StackState stack = stack(required(q, "StackName"));
        List<ChangeSetState> selected = changeSets.stream().filter(cs -> cs.stackId.equals(stack.stackId)).toList();
        int from = pageStart(q);
        QueryXml xml = QueryXml.response("ListChangeSets").open("Summaries");
        for (ChangeSetState cs : page(selected, from)) {
            xml.open("member").element("StackId", cs.stackId).element("StackName", cs.stackName)
                    .element("ChangeSetId", cs.id).element("ChangeSetName", cs.name)
                    .element("ExecutionStatus", cs.executionStatus).element("Status", cs.status)
                    .element("StatusReason", cs.status.equals("FAILED") ? cs.statusReason : null)
                    .time("CreationTime", cs.creationTime).element("Description", cs.description)
                    .element("IncludeNestedStacks", false).close("member");
        }
        xml.close("Summaries");
        return nextToken(xml, selected.size(), from).finish();
    }

    private ChangeSetState changeSet(String nameOrArn, String stackName) {
        for (ChangeSetState cs : changeSets) {
            if (nameOrArn.startsWith("arn:") ? cs.id.equals(nameOrArn)
                    : cs.name.equals(nameOrArn) && stackName != null
                            && (cs.stackName.equals(stackName) || cs.stackId.equals(stackName))) {
                return cs;
            }
        }
        if (!nameOrArn.startsWith("arn:") && stackName == null) {
            throw validation("StackName must be specified if ChangeSetName is not specified as an ARN.");
        }
        throw new SandboxError(404, "ChangeSetNotFound", "ChangeSet [" + nameOrArn + "] does not exist");
    }

    // ---- shared helpers ----

    private String templateBody(QueryParams q, String fallback) {
        if (q.get("TemplateURL") != null) {
            throw validation("TemplateURL is not supported: the sandbox has no S3. Pass the template as TemplateBody.");
        }
        String body = q.get("TemplateBody");
        if (body == null && fallback == null) {
            throw validation("Either Template URL or Template Body must be specified.");
        }
        if (body != null && body.getBytes(StandardCharsets.UTF_8).length > MAX_TEMPLATE_BODY) {
            throw validation("1 validation error detected: Value at 'templateBody' failed to satisfy constraint: "
                    + "Member must have length less than or equal to " + MAX_TEMPLATE_BODY);
        }
        return body == null ? fallback : body;
    }

    private static Map<String, String> givenParameters(QueryParams q, StackState previous) {
        Map<String, String> given = new LinkedHashMap<>();
        for (Map<String, String> parameter : q.structs("Parameters")) {
            String key = parameter.get("ParameterKey");
            if (key == null) {
                continue;
            }
            if ("true".equalsIgnoreCase(parameter.get("UsePreviousValue"))) {
                if (previous == null || !previous.parameters.containsKey(key)) {
                    throw validation("Invalid input for parameter key " + key + ". Cannot specify usePreviousValue as true for a parameter key not in the previous template");
                }
                given.put(key, previous.parameters.get(key));
            } else {
                given.put(key, parameter.getOrDefault("ParameterValue", ""));
            }
        }
        return given;
    }

    private static Map<String, String> tags(QueryParams q) {
        Map<String, String> tags = new LinkedHashMap<>();
        for (Map<String, String> tag : q.structs("Tags")) {
            tags.put(tag.get("Key"), tag.getOrDefault("Value", ""));
        }
        return tags;
    }

    private static void checkCapabilities(Template template, List<String> given) {
        for (String required : template.requiredCapabilities()) {
            boolean granted = given.contains(required)
                    || (required.equals("CAPABILITY_IAM") && given.contains("CAPABILITY_NAMED_IAM"));
            if (!granted) {
                throw new SandboxError(400, "InsufficientCapabilitiesException", "Requires capabilities : [" + required + "]");
            }
        }
    }

    private static void checkStackName(String name) {
        if (!name.matches(STACK_NAME_PATTERN) || name.length() > 128) {
            throw validation("1 validation error detected: Value '" + name
                    + "' at 'stackName' failed to satisfy constraint: Member must satisfy regular expression pattern: "
                    + STACK_NAME_PATTERN);
        }
    }

    private static String required(QueryParams q, String name) {
        String value = q.get(name);
        if (value == null) {
            throw validation("1 validation error detected: Value null at '" + Character.toLowerCase(name.charAt(0))
                    + name.substring(1) + "' failed to satisfy constraint: Member must not be null");
        }
        return value;
    }

    /** A live stack by name, or any stack (deleted ones too) by id, as DescribeStacks finds them. */
    private StackState stack(String nameOrId) {
        StackState stack = nameOrId.startsWith("arn:") ? stackById(nameOrId) : liveStack(nameOrId);
        if (stack == null) {
            throw validation("Stack with id " + nameOrId + " does not exist");
        }
        return stack;
    }

    private StackState liveStack(String name) {
        for (StackState stack : stacks) {
            if (stack.stackName.equals(name) && !stack.deleted()) {
                return stack;
            }
        }
        return null;
    }

    private StackState stackById(String id) {
        for (StackState stack : stacks) {
            if (stack.stackId.equals(id)) {
                return stack;
            }
        }
        return null;
    }

    private static int pageStart(QueryParams q) {
        String token = q.get("NextToken");
        if (token == null) {
            return 0;
        }
        try {
            return Integer.parseInt(new String(Base64.getDecoder().decode(token), StandardCharsets.UTF_8));
        } catch (IllegalArgumentException e) {
            throw validation("Invalid NextToken");
        }
    }

    private static <T> List<T> page(List<T> items, int from) {
        return items.subList(Math.min(from, items.size()), Math.min(from + PAGE, items.size()));
    }

    private static QueryXml nextToken(QueryXml xml, int total, int from) {
        if (from + PAGE < total) {
            xml.element("NextToken", Base64.getEncoder().encodeToString(String.valueOf(from + PAGE).getBytes(StandardCharsets.UTF_8)));
        }
        return xml;
    }

    private CloudEnvironment environment() {
        return new CloudEnvironment(region, accountId, name -> ssmParameters.apply(name), this::exportValue);
    }

    private String exportValue(String name) {
        for (StackState stack : stacks) {
            if (!stack.deleted() && stack.exports.containsKey(name)) {
                return stack.exports.get(name);
            }
        }
        return null;
    }

    private static SandboxError validation(String message) {
        return new SandboxError(400, "ValidationError", message);
    }

    /** The rest of the region, as a stack operation sees it. */
    private final class EngineRegion implements StackEngine.Region {
        @Override
        public CloudEnvironment environment() {
            return CloudFormationService.this.environment();
        }

        @Override
        public String exporterOf(String exportName, String exceptStackId) {
            for (StackState stack : stacks) {
                if (!stack.deleted() && !stack.stackId.equals(exceptStackId) && stack.exports.containsKey(exportName)) {
                    return stack.stackName;
                }
            }
            return null;
        }

        @Override
        public List<String> importersOf(String exportName, String exceptStackId) {
            List<String> importers = new ArrayList<>();
            for (StackState stack : stacks) {
                if (!stack.deleted() && !stack.stackId.equals(exceptStackId) && stack.imports.contains(exportName)) {
                    importers.add(stack.stackName);
                }
            }
            return importers;
        }

        @Override
        public String takeInjectedFailure(String logicalId, String operation) {
            return injectedFailures.remove(operation + ":" + logicalId);
        }

        @Override
        public void operationFinished(StackState stack, boolean succeeded) {
            for (ChangeSetState cs : changeSets) {
                if (cs.id.equals(stack.changeSetId) && cs.executionStatus.equals("EXECUTE_IN_PROGRESS")) {
                    cs.executionStatus = succeeded ? "EXECUTE_COMPLETE" : "EXECUTE_FAILED";
                }
            }
            if (stack.deleted()) {
                changeSets.removeIf(cs -> cs.stackId.equals(stack.stackId));
            }
        }
    }
}
