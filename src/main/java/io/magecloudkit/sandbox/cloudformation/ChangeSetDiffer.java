package io.magecloudkit.sandbox.cloudformation;

import io.magecloudkit.sandbox.cloudformation.ChangeSetState.Change;
import io.magecloudkit.sandbox.cloudformation.ChangeSetState.Detail;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;

/**
 * Compares a stack's live resources with a proposed template and parameters, the way a
 * change set reports it: Add / Modify / Remove, and for Modify which properties changed,
 * whether that recreates the resource and what caused it.
 */
final class ChangeSetDiffer {
    /** What CloudFormation shows for a value only known once a referenced resource is replaced. */
    static final String KNOWN_AFTER_APPLY = "{{changeSet:KNOWN_AFTER_APPLY}}";

    private final ReplacementRules rules;

    ChangeSetDiffer(ReplacementRules rules) {
        this.rules = rules;
    }

    /**
     * @param oldTemplate the stack's current template (null for a stack without resources yet)
     * @param live the stack's current resources
     */
    List<Change> diff(Template oldTemplate, Map<String, String> oldParameters, Map<String, StackState.Resource> live,
            Template newTemplate, Map<String, String> newParameters, String stackId, String stackName,
            CloudEnvironment environment) {
        DependencyGraph graph = DependencyGraph.of(newTemplate);
        Set<String> unknown = new LinkedHashSet<>();
        Set<String> touched = new LinkedHashSet<>();
        StackContext.ResourceValues values = new StackContext.ResourceValues() {
            @Override
            public Object ref(String logicalId) {
                StackState.Resource resource = live.get(logicalId);
                if (resource == null || unknown.contains(logicalId)) {
                    touched.add(logicalId);
                    return KNOWN_AFTER_APPLY;
                }
                return resource.physicalId;
            }

            @Override
            public Object attribute(String logicalId, String attribute) {
                StackState.Resource resource = live.get(logicalId);
                if (resource == null || unknown.contains(logicalId)) {
                    touched.add(logicalId + "." + attribute);
                    return KNOWN_AFTER_APPLY;
                }
                return resource.attributes.getOrDefault(attribute, "");
            }
        };
        StackContext context = new StackContext(newTemplate, stackId, stackName, newParameters, environment, values);
        List<Change> changes = new ArrayList<>();
        Set<String> kept = new LinkedHashSet<>();
        for (String logicalId : graph.creationOrder()) {
            if (!context.included(logicalId)) {
                continue;
            }
            kept.add(logicalId);
            StackState.Resource old = live.get(logicalId);
            String type = newTemplate.type(logicalId);
            if (old == null) {
                context.properties(logicalId);
                unknown.add(logicalId);
                changes.add(change("Add", logicalId, null, type));
                continue;
            }
            if (!old.type.equals(type)) {
                Change change = change("Modify", logicalId, old.physicalId, type);
                change.replacement = "True";
                changes.add(change);
                unknown.add(logicalId);
                continue;
            }
            Change change = modification(logicalId, type, old, context, touched, oldTemplate, newTemplate);
            if (change != null) {
                changes.add(change);
                if (!"False".equals(change.replacement)) {
                    unknown.add(logicalId);
                }
            }
        }
        for (StackState.Resource resource : live.values()) {
            if (!kept.contains(resource.logicalId)) {
                changes.add(change("Remove", resource.logicalId, resource.physicalId, resource.type));
            }
        }
        return changes;
    }

    private Change modification(String logicalId, String type, StackState.Resource old, StackContext context,
            Set<String> touched, Template oldTemplate, Template newTemplate) {
        Map<String, Object> rawNew = newTemplate.properties(logicalId);
        Map<String, Object> rawOld = oldTemplate == null || !oldTemplate.resources.containsKey(logicalId)
                ? Map.of() : oldTemplate.properties(logicalId);
        Set<String> names = new TreeSet<>(old.properties.keySet());
        names.addAll(rawNew.keySet());
        Change change = change("Modify", logicalId, old.physicalId, type);
        for (String name : names) {
            touched.clear();
            Object newValue = rawNew.containsKey(name) ? context.intrinsics.evaluate(rawNew.get(name)) : null;
            if (newValue == Intrinsics.NO_VALUE) {
                newValue = null;
            }
            Set<String> dynamic = new LinkedHashSet<>(touched);
            if (dynamic.isEmpty() && Objects.equals(normalise(old.properties.get(name)), normalise(newValue))) {
                continue;
            }
            String recreation = switch (rules.replacement(type, name)) {
                case YES -> "Always";
                case MAYBE -> "Conditionally";
                case NO -> "Never";
            };
            boolean tags = name.equals("Tags");
            for (String entity : dynamic) {
                change.details.add(detail(tags, name, recreation, "Dynamic", "ResourceReference", entity));
            }
            boolean rawChanged = !Objects.equals(normalise(rawOld.get(name)), normalise(rawNew.get(name)));
            boolean valueChanged = !Objects.equals(normalise(old.properties.get(name)), normalise(newValue))
                    && !containsPlaceholder(newValue);
            if (rawChanged) {
                change.details.add(detail(tags, name, recreation, "Static", "DirectModification", null));
            } else if (valueChanged) {
                Set<String> refs = new LinkedHashSet<>();
                DependencyGraph.collect(rawNew.get(name), refs);
                String parameter = refs.stream().filter(newTemplate.parameters::containsKey).findFirst().orElse(null);
                change.details.add(detail(tags, name, recreation, "Static",
                        parameter != null ? "ParameterReference" : "DirectModification", parameter));
            }
        }
        if (change.details.isEmpty()) {
            return null;
        }
        boolean always = change.details.stream().anyMatch(d -> d.requiresRecreation.equals("Always") && d.evaluation.equals("Static"));
        boolean maybe = change.details.stream().anyMatch(d -> !d.requiresRecreation.equals("Never"));
        change.replacement = always ? "True" : maybe ? "Conditional" : "False";
        Set<String> scope = new LinkedHashSet<>();
        change.details.forEach(d -> scope.add(d.attribute));
        change.scope = new ArrayList<>(scope);
        return change;
    }

    private static boolean containsPlaceholder(Object value) {
        return String.valueOf(value).contains(KNOWN_AFTER_APPLY);
    }

    private static Detail detail(boolean tags, String name, String recreation, String evaluation, String source, String entity) {
        Detail detail = new Detail();
        detail.attribute = tags ? "Tags" : "Properties";
        detail.name = tags ? null : name;
        detail.requiresRecreation = recreation;
        detail.evaluation = evaluation;
        detail.changeSource = source;
        detail.causingEntity = entity;
        return detail;
    }

    private static Change change(String action, String logicalId, String physicalId, String type) {
        Change change = new Change();
        change.action = action;
        change.logicalId = logicalId;
        change.physicalId = physicalId;
        change.resourceType = type;
        return change;
    }

    /** Values compare as CloudFormation compares them: scalars as text (80 equals "80"). */
    static Object normalise(Object value) {
        if (value instanceof Map<?, ?> map) {
            Map<String, Object> result = new LinkedHashMap<>();
            new TreeSet<>(map.keySet().stream().map(String::valueOf).toList())
                    .forEach(key -> result.put(key, normalise(map.get(key))));
            return result;
        }
        if (value instanceof List<?> list) {
            return list.stream().map(ChangeSetDiffer::normalise).toList();
        }
        return value == null ? null : String.valueOf(value);
    }
}
