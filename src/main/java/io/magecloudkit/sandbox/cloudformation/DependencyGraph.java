package io.magecloudkit.sandbox.cloudformation;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Which resources of a template depend on which (DependsOn, Ref, Fn::GetAtt, Fn::Sub), checked
 * for unresolved names and cycles the way CloudFormation words them.
 */
final class DependencyGraph {
    private static final Pattern SUB_VARIABLE = Pattern.compile("\\$\\{([^}!][^}]*)}");

    private final Map<String, Set<String>> dependencies;

    private DependencyGraph(Map<String, Set<String>> dependencies) {
        this.dependencies = dependencies;
    }

    /** Builds and checks the graph over every resource of the template. */
    static DependencyGraph of(Template template) {
        Set<String> resources = template.resources.keySet();
        Set<String> unresolved = new TreeSet<>();
        Map<String, Set<String>> dependencies = new LinkedHashMap<>();
        for (String logicalId : resources) {
            Set<String> names = new LinkedHashSet<>(template.dependsOn(logicalId));
            collect(template.properties(logicalId), names);
            Set<String> deps = new LinkedHashSet<>();
            for (String name : names) {
                if (resources.contains(name)) {
                    deps.add(name);
                } else if (!name.startsWith("AWS::") && !template.parameters.containsKey(name)) {
                    unresolved.add(name);
                }
            }
            dependencies.put(logicalId, deps);
        }
        if (!unresolved.isEmpty()) {
            throw Template.error("Template format error: Unresolved resource dependencies " + unresolved
                    + " in the Resources block of the template");
        }
        Set<String> outputNames = new LinkedHashSet<>();
        template.outputs.values().forEach(output -> collect(output, outputNames));
        Set<String> unresolvedInOutputs = new TreeSet<>();
        for (String name : outputNames) {
            if (!resources.contains(name) && !name.startsWith("AWS::") && !template.parameters.containsKey(name)) {
                unresolvedInOutputs.add(name);
            }
        }
        if (!unresolvedInOutputs.isEmpty()) {
            throw Template.error("Template format error: Unresolved resource dependencies " + unresolvedInOutputs
                    + " in the Outputs block of the template");
        }
        DependencyGraph graph = new DependencyGraph(dependencies);
        Set<String> cycle = graph.cyclic();
        if (!cycle.isEmpty()) {
            throw Template.error("Template format error: Circular dependency between resources: " + new ArrayList<>(cycle));
        }
        return graph;
    }

    Set<String> dependenciesOf(String logicalId) {
        return dependencies.getOrDefault(logicalId, Set.of());
    }

    /** The resources that depend directly on the given one. */
    Set<String> dependentsOf(String logicalId) {
        Set<String> dependents = new LinkedHashSet<>();
        dependencies.forEach((id, deps) -> {
            if (deps.contains(logicalId)) {
                dependents.add(id);
            }
        });
        return dependents;
    }

    /** Template order, every resource after its dependencies. */
    List<String> creationOrder() {
        List<String> order = new ArrayList<>();
        Set<String> done = new LinkedHashSet<>();
        while (order.size() < dependencies.size()) {
            for (var entry : dependencies.entrySet()) {
                if (!done.contains(entry.getKey()) && done.containsAll(entry.getValue())) {
                    done.add(entry.getKey());
                    order.add(entry.getKey());
                }
            }
        }
        return order;
    }

    /** Names referenced with Ref, Fn::GetAtt or Fn::Sub anywhere in the value. */
    static void collect(Object value, Set<String> names) {
        if (value instanceof Map<?, ?> map) {
            if (map.size() == 1) {
                String key = String.valueOf(map.keySet().iterator().next());
                Object argument = map.values().iterator().next();
                switch (key) {
                    case "Ref" -> {
                        if (argument instanceof String name) {
                            names.add(name);
                            return;
                        }
                    }
                    case "Fn::GetAtt" -> {
                        if (argument instanceof List<?> list && !list.isEmpty()) {
                            names.add(String.valueOf(list.get(0)));
                            if (list.size() > 1) {
                                collect(list.get(1), names);
                            }
                            return;
                        }
                    }
                    case "Fn::Sub" -> {
                        collectSub(argument, names);
                        return;
                    }
                    default -> {
                    }
                }
            }
            map.values().forEach(item -> collect(item, names));
        } else if (value instanceof List<?> list) {
            list.forEach(item -> collect(item, names));
        }
    }

    private static void collectSub(Object argument, Set<String> names) {
        String source;
        Set<?> locals = Set.of();
        if (argument instanceof List<?> list && list.size() == 2 && list.get(1) instanceof Map<?, ?> variables) {
            source = String.valueOf(list.get(0));
            locals = variables.keySet();
            variables.values().forEach(item -> collect(item, names));
        } else {
            source = String.valueOf(argument);
        }
        Matcher matcher = SUB_VARIABLE.matcher(source);
        while (matcher.find()) {
            String expression = matcher.group(1).trim();
            if (locals.contains(expression)) {
                continue;
            }
            int dot = expression.indexOf('.');
            names.add(dot > 0 && !expression.startsWith("AWS::") ? expression.substring(0, dot) : expression);
        }
    }

    /** Resources on a dependency cycle (Tarjan's strongly connected components), sorted. */
    private Set<String> cyclic() {
        Map<String, Integer> index = new HashMap<>();
        Map<String, Integer> low = new HashMap<>();
        Deque<String> stack = new ArrayDeque<>();
        Set<String> onStack = new LinkedHashSet<>();
        Set<String> cyclic = new TreeSet<>();
        int[] counter = {0};
        for (String node : dependencies.keySet()) {
            if (!index.containsKey(node)) {
                strongConnect(node, index, low, stack, onStack, cyclic, counter);
            }
        }
        return cyclic;
    }

    private void strongConnect(String node, Map<String, Integer> index, Map<String, Integer> low, Deque<String> stack,
            Set<String> onStack, Set<String> cyclic, int[] counter) {
        index.put(node, counter[0]);
        low.put(node, counter[0]);
        counter[0]++;
        stack.push(node);
        onStack.add(node);
        for (String next : dependenciesOf(node)) {
            if (!index.containsKey(next)) {
                strongConnect(next, index, low, stack, onStack, cyclic, counter);
                low.put(node, Math.min(low.get(node), low.get(next)));
            } else if (onStack.contains(next)) {
                low.put(node, Math.min(low.get(node), index.get(next)));
            }
        }
        if (low.get(node).equals(index.get(node))) {
            List<String> component = new ArrayList<>();
            String member;
            do {
                member = stack.pop();
                onStack.remove(member);
                component.add(member);
            } while (!member.equals(node));
            if (component.size() > 1 || dependenciesOf(node).contains(node)) {
                cyclic.addAll(component);
            }
        }
    }
}
