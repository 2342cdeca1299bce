package io.magecloudkit.sandbox.cloudformation;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/** Turns the parameters a caller gives into the stack's parameter values, validated as CloudFormation does. */
final class ParameterResolver {
    private ParameterResolver() {
    }

    /**
     * @param given parameter values from the request (key to value)
     * @return every template parameter's value (given or default), in template order
     */
    static Map<String, String> resolve(Template template, Map<String, String> given) {
        Set<String> unknown = new TreeSet<>(given.keySet());
        unknown.removeAll(template.parameters.keySet());
        if (!unknown.isEmpty()) {
            throw Template.error("Parameters: " + unknown + " do not exist in the template");
        }
        template.parameters.forEach(ParameterResolver::checkDeclaration);
        Map<String, String> values = new LinkedHashMap<>();
        List<String> missing = new ArrayList<>();
        template.parameters.forEach((key, declaration) -> {
            String value = given.get(key);
            if (value == null && declaration.containsKey("Default")) {
                value = defaultValue(declaration.get("Default"));
            }
            if (value == null) {
                missing.add(key);
            } else {
                values.put(key, value);
            }
        });
        if (!missing.isEmpty()) {
            throw Template.error("Parameters: " + missing + " must have values");
        }
        values.forEach((key, value) -> check(key, value, template.parameters.get(key)));
        return values;
    }

    /** A declaration of the wrong shape is named here rather than failing a cast further on. */
    private static void checkDeclaration(String key, Map<String, Object> declaration) {
        Object type = declaration.get("Type");
        if (type != null && !(type instanceof String)) {
            throw Template.error("Template format error: Type of parameter '" + key + "' must be a string, got " + type);
        }
        Object fallback = declaration.get("Default");
        if (fallback instanceof Map || fallback instanceof List<?> list && list.stream().anyMatch(i -> i instanceof Map || i instanceof List)) {
            throw Template.error("Template format error: Default of parameter '" + key + "' must be a string or a list of strings, got " + fallback);
        }
        Object allowed = declaration.get("AllowedValues");
        if (allowed != null && !(allowed instanceof List)) {
            throw Template.error("Template format error: AllowedValues of parameter '" + key + "' must be a list, got " + allowed);
        }
    }

    static String defaultValue(Object value) {
        if (value instanceof List<?> list) {
            List<String> parts = new ArrayList<>();
            list.forEach(item -> parts.add(String.valueOf(item)));
            return String.join(",", parts);
        }
        return value == null ? null : String.valueOf(value);
    }

    static boolean isList(String type) {
        return type.equals("CommaDelimitedList") || type.startsWith("List<")
                || type.startsWith("AWS::SSM::Parameter::Value<List<") || type.equals("AWS::SSM::Parameter::Value<CommaDelimitedList>");
    }

    private static void check(String key, String value, Map<String, Object> declaration) {
        String type = String.valueOf(declaration.getOrDefault("Type", "String"));
        if (declaration.get("AllowedValues") instanceof List<?> allowed) {
            List<String> items = isList(type) ? List.of(value.split(",", -1)) : List.of(value);
            for (String item : items) {
                if (allowed.stream().noneMatch(a -> String.valueOf(a).equals(item.trim()))) {
                    throw Template.error("Parameter '" + key + "' must be one of AllowedValues");
                }
            }
        }
        if (declaration.get("AllowedPattern") != null) {
            String pattern = String.valueOf(declaration.get("AllowedPattern"));
            boolean matches;
            try {
                matches = Pattern.compile(pattern).matcher(value).matches();
            } catch (PatternSyntaxException e) {
                throw Template.error("Template format error: Parameter '" + key + "' has an invalid AllowedPattern");
            }
            if (!matches) {
                throw Template.error("Parameter '" + key + "' must match pattern " + pattern);
            }
        }
        if (declaration.get("MinLength") != null && value.length() < number(key, "MinLength", declaration).intValue()) {
            throw Template.error("Parameter '" + key + "' must contain at least " + declaration.get("MinLength") + " characters");
        }
        if (declaration.get("MaxLength") != null && value.length() > number(key, "MaxLength", declaration).intValue()) {
            throw Template.error("Parameter '" + key + "' must contain at most " + declaration.get("MaxLength") + " characters");
        }
        if (type.equals("Number") || type.equals("List<Number>")) {
            for (String item : type.equals("Number") ? List.of(value) : List.of(value.split(","))) {
                BigDecimal number;
                try {
                    number = new BigDecimal(item.trim());
                } catch (NumberFormatException e) {
                    throw Template.error("Parameter '" + key + "' must be a number");
                }
                if (declaration.get("MinValue") != null && number.compareTo(number(key, "MinValue", declaration)) < 0) {
                    throw Template.error("Parameter '" + key + "' must be a number not less than " + declaration.get("MinValue"));
                }
                if (declaration.get("MaxValue") != null && number.compareTo(number(key, "MaxValue", declaration)) > 0) {
                    throw Template.error("Parameter '" + key + "' must be a number not greater than " + declaration.get("MaxValue"));
                }
            }
        }
    }

    private static BigDecimal number(String key, String attribute, Map<String, Object> declaration) {
        Object value = declaration.get(attribute);
        try {
            return new BigDecimal(String.valueOf(value).trim());
        } catch (NumberFormatException e) {
            throw Template.error("Template format error: " + attribute + " of parameter '" + key + "' must be a number, got " + value);
        }
    }
}
