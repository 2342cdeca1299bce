package io.magecloudkit.sandbox.cloudformation;

import io.magecloudkit.sandbox.SandboxError;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Evaluates CloudFormation's intrinsic functions and conditions over a template, given what
 * parameters, resources and exports resolve to.
 */
final class Intrinsics {
    /** AWS::NoValue: removes the property or list element it stands in. */
    static final Object NO_VALUE = new Object() {
        @Override
        public String toString() {
            return "AWS::NoValue";
        }
    };
    private static final Pattern SUB_VARIABLE = Pattern.compile("\\$\\{([^}]*)}");

    /** What names resolve to while evaluating. */
    interface Scope {
        /** A parameter or pseudo parameter value (String or List), or null when there is none. */
        Object parameter(String name);

        boolean isResource(String logicalId);

        Object ref(String logicalId);

        Object attribute(String logicalId, String attribute);

        String importValue(String exportName);

        List<String> availabilityZones(String region);
    }

    private final Template template;
    private final Scope scope;
    private final Map<String, Boolean> conditions = new HashMap<>();
    private final Set<String> evaluating = new HashSet<>();

    Intrinsics(Template template, Scope scope) {
        this.template = template;
        this.scope = scope;
    }

    boolean condition(String name) {
        Boolean known = conditions.get(name);
        if (known != null) {
            return known;
        }
        if (!template.conditions.containsKey(name)) {
            throw Template.error("Template format error: Unresolved dependencies [" + name + "]. Cannot reference resources in the Conditions block of the template");
        }
        if (!evaluating.add(name)) {
            throw Template.error("Template format error: Circular dependency between conditions: [" + name + "]");
        }
        boolean value = truth(evaluate(template.conditions.get(name)), name);
        evaluating.remove(name);
        conditions.put(name, value);
        return value;
    }

    /** True when the resource or output has no Condition or its condition holds. */
    boolean included(Map<String, Object> element) {
        Object condition = element.get("Condition");
        return condition == null || condition(String.valueOf(condition));
    }

    Object evaluate(Object value) {
        if (value instanceof Map<?, ?> map) {
            if (map.size() == 1) {
                String key = String.valueOf(map.keySet().iterator().next());
                Object argument = map.values().iterator().next();
                if (key.equals("Ref") || key.equals("Condition") || key.startsWith("Fn::")) {
                    return function(key, argument);
                }
            }
            Map<String, Object> result = new LinkedHashMap<>();
            map.forEach((k, v) -> {
                Object evaluated = evaluate(v);
                if (evaluated != NO_VALUE) {
                    result.put(String.valueOf(k), evaluated);
                }
            });
            return result;
        }
        if (value instanceof List<?> list) {
            List<Object> result = new ArrayList<>();
            for (Object item : list) {
                Object evaluated = evaluate(item);
                if (evaluated != NO_VALUE) {
                    result.add(evaluated);
                }
            }
            return result;
        }
        return value;
    }

    /** Thrown where a value is only known after a resource is (re)created: the whole function is unknown then. */
    private static final class UnknownValue extends RuntimeException {
        private static final long serialVersionUID = 1L;

        UnknownValue() {
            super(null, null, false, false);
        }
    }

    private Object function(String name, Object argument) {
        try {
            return apply(name, argument);
        } catch (UnknownValue e) {
            return ChangeSetDiffer.KNOWN_AFTER_APPLY;
        }
    }

    private Object apply(String name, Object argument) {
        switch (name) {
            case "Ref":
                return ref(text(evaluate(argument), name));
            case "Condition":
                return condition(text(argument, name));
            case "Fn::GetAtt":
                return getAtt(argument);
            case "Fn::Sub":
                return sub(argument);
            case "Fn::Join": {
                List<?> args = list(argument, name, 2);
                Object items = evaluate(args.get(1));
                List<String> parts = new ArrayList<>();
                for (Object item : list(items, name, -1)) {
                    parts.add(text(item, name));
                }
                return String.join(text(evaluate(args.get(0)), name), parts);
            }
            case "Fn::Select": {
                List<?> args = list(argument, name, 2);
                int index = integer(known(text(evaluate(args.get(0)), name)), name + " index");
                List<?> items = list(evaluate(args.get(1)), name, -1);
                if (index < 0 || index >= items.size()) {
                    throw Template.error("Template error: Fn::Select cannot select nonexistent value at index " + index);
                }
                return items.get(index);
            }
            case "Fn::Split": {
                List<?> args = list(argument, name, 2);
                String delimiter = text(evaluate(args.get(0)), name);
                String source = known(text(evaluate(args.get(1)), name));
                return new ArrayList<>(List.of(source.split(Pattern.quote(delimiter), -1)));
            }
            case "Fn::GetAZs": {
                Object region = evaluate(argument);
                String regionName = region == null || "".equals(region) ? text(scope.parameter("AWS::Region"), name) : text(region, name);
                return new ArrayList<>(scope.availabilityZones(regionName));
            }
            case "Fn::If": {
                List<?> args = list(argument, name, 3);
                return condition(text(args.get(0), name)) ? evaluate(args.get(1)) : evaluate(args.get(2));
            }
            case "Fn::Equals": {
                List<?> args = list(argument, name, 2);
                return scalar(evaluate(args.get(0))).equals(scalar(evaluate(args.get(1))));
            }
            case "Fn::And":
            case "Fn::Or": {
                List<?> args = list(argument, name, -1);
                if (args.size() < 2 || args.size() > 10) {
                    throw Template.error("Template error: " + name + " requires 2 to 10 conditions");
                }
                boolean and = name.equals("Fn::And");
                boolean result = and;
                for (Object item : args) {
                    boolean value = truth(evaluate(item), name);
                    result = and ? result && value : result || value;
                }
                return result;
            }
            case "Fn::Not": {
                List<?> args = list(argument, name, 1);
                return !truth(evaluate(args.get(0)), name);
            }
            case "Fn::FindInMap":
                return findInMap(list(argument, name, 3));
            case "Fn::ImportValue":
                return scope.importValue(text(evaluate(argument), name));
            case "Fn::Base64":
                return Base64.getEncoder().encodeToString(text(evaluate(argument), name).getBytes(StandardCharsets.UTF_8));
            case "Fn::Cidr": {
                List<?> args = list(argument, name, 3);
                return CidrFunction.subnets(known(text(evaluate(args.get(0)), name)),
                        integer(text(evaluate(args.get(1)), name), name + " count"),
                        integer(text(evaluate(args.get(2)), name), name + " cidrBits"));
            }
            case "Fn::Length":
                return String.valueOf(list(evaluate(argument), name, -1).size());
            default:
                throw Template.error("Template format error: Unrecognized function " + name);
        }
    }

    private Object ref(String name) {
        Object parameter = scope.parameter(name);
        if (parameter != null) {
            return parameter;
        }
        if (scope.isResource(name)) {
            return scope.ref(name);
        }
        throw Template.error("Template format error: Unresolved resource dependencies [" + name + "] in the Resources block of the template");
    }

    private Object getAtt(Object argument) {
        List<?> args = list(argument, "Fn::GetAtt", 2);
        String logicalId = text(args.get(0), "Fn::GetAtt");
        String attribute = text(evaluate(args.get(1)), "Fn::GetAtt");
        if (!scope.isResource(logicalId)) {
            throw Template.error("Template error: instance of Fn::GetAtt references undefined resource " + logicalId);
        }
        return scope.attribute(logicalId, attribute);
    }

    private Object sub(Object argument) {
        String source;
        Map<?, ?> variables = Map.of();
        if (argument instanceof List<?> args) {
            if (args.size() != 2 || !(args.get(1) instanceof Map<?, ?> map)) {
                throw Template.error("Template error: One or more Fn::Sub intrinsic functions don't specify expected arguments. Specify a string as first argument, and an optional second argument to specify a mapping of values to replace in the string");
            }
            source = text(args.get(0), "Fn::Sub");
            variables = map;
        } else {
            source = text(argument, "Fn::Sub");
        }
        Matcher matcher = SUB_VARIABLE.matcher(source);
        StringBuilder out = new StringBuilder();
        while (matcher.find()) {
            String expression = matcher.group(1);
            String replacement;
            if (expression.startsWith("!")) {
                replacement = "${" + expression.substring(1) + "}";
            } else if (variables.containsKey(expression)) {
                replacement = text(evaluate(variables.get(expression)), "Fn::Sub");
            } else if (expression.contains(".") && !expression.startsWith("AWS::")) {
                int dot = expression.indexOf('.');
                replacement = text(getAtt(List.of(expression.substring(0, dot), expression.substring(dot + 1))), "Fn::Sub");
            } else {
                replacement = text(ref(expression.trim()), "Fn::Sub");
            }
            matcher.appendReplacement(out, Matcher.quoteReplacement(replacement));
        }
        matcher.appendTail(out);
        return out.toString();
    }

    private Object findInMap(List<?> args) {
        String mapName = text(evaluate(args.get(0)), "Fn::FindInMap");
        String top = text(evaluate(args.get(1)), "Fn::FindInMap");
        String second = text(evaluate(args.get(2)), "Fn::FindInMap");
        if (!(template.mappings.get(mapName) instanceof Map<?, ?> mapping)) {
            throw Template.error("Template error: Unable to get mapping for " + mapName + "::" + top + "::" + second);
        }
        if (!(mapping.get(top) instanceof Map<?, ?> level) || !level.containsKey(second)) {
            throw Template.error("Template error: Unable to get mapping for " + mapName + "::" + top + "::" + second);
        }
        return level.get(second);
    }

    static String scalar(Object value) {
        if (value instanceof List<?> list) {
            List<String> parts = new ArrayList<>();
            list.forEach(item -> parts.add(scalar(item)));
            return String.join(",", parts);
        }
        return String.valueOf(value);
    }

    private static boolean truth(Object value, String where) {
        if (value instanceof Boolean bool) {
            return bool;
        }
        if ("true".equalsIgnoreCase(String.valueOf(value)) || "false".equalsIgnoreCase(String.valueOf(value))) {
            return Boolean.parseBoolean(String.valueOf(value));
        }
        throw Template.error("Template error: " + where + " must evaluate to a boolean, got " + value);
    }

    private static String text(Object value, String where) {
        if (value == null || value == NO_VALUE || value instanceof Map || value instanceof List) {
            throw Template.error("Template error: every " + where + " argument must resolve to a string, got " + value);
        }
        return String.valueOf(value);
    }

    private static String known(String value) {
        if (value.contains(ChangeSetDiffer.KNOWN_AFTER_APPLY)) {
            throw new UnknownValue();
        }
        return value;
    }

    private static int integer(String text, String where) {
        try {
            return Integer.parseInt(text.trim());
        } catch (NumberFormatException e) {
            throw Template.error("Template error: " + where + " must be an integer, got " + text);
        }
    }

    private static List<?> list(Object value, String where, int size) {
        if (ChangeSetDiffer.KNOWN_AFTER_APPLY.equals(value)) {
            throw new UnknownValue();
        }
        if (!(value instanceof List<?> list) || (size >= 0 && list.size() != size)) {
            throw new SandboxError(400, "ValidationError", "Template error: " + where + " has the wrong arguments: " + value);
        }
        return list;
    }
}
