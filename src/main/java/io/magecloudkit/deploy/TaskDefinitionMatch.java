package io.magecloudkit.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Decides whether a registered task definition is the one a deploy would register: then the deploy
 * reuses it (RegisterTaskDefinition is throttled at about one call a second, and a copy would make
 * the revision history lie about what changed). Pure.
 *
 * <p>ECS echoes what was registered and adds fields of its own; those are left out, and so are
 * the defaults it fills in where the desired document says nothing. Lists of name/value pairs
 * (environment, secrets) compare regardless of order.
 */
public final class TaskDefinitionMatch {
    /** Fields ECS adds to a registered task definition. */
    static final Set<String> ECS_FIELDS = Set.of("taskDefinitionArn", "revision", "status", "compatibilities",
            "requiresAttributes", "registeredAt", "registeredBy", "deregisteredAt", "deleteRequestedAt");
    /** Values ECS fills in for fields the request left out. */
    static final Map<String, String> DEFAULTS = Map.of("networkMode", "bridge", "cpu", "0", "essential", "true",
            "protocol", "tcp", "readOnly", "false");

    private TaskDefinitionMatch() {
    }

    /** Why the registered document differs from the desired one; empty when it is identical. */
    public static List<String> differences(JsonNode desired, JsonNode registered) {
        List<String> out = new ArrayList<>();
        compare(desired, registered, "", out, true);
        return out;
    }

    public static boolean identical(JsonNode desired, JsonNode registered) {
        return differences(desired, registered).isEmpty();
    }

    private static void compare(JsonNode want, JsonNode have, String path, List<String> out, boolean top) {
        if (want.isObject() && have.isObject()) {
            for (Iterator<Map.Entry<String, JsonNode>> it = want.fields(); it.hasNext();) {
                Map.Entry<String, JsonNode> e = it.next();
                JsonNode h = have.get(e.getKey());
                String p = path + e.getKey();
                if (h == null || h.isNull()) {
                    if (!isEmpty(e.getValue())) {
                        out.add(p + ": not in the registered revision");
                    }
                } else {
                    compare(e.getValue(), h, p + ".", out, false);
                }
            }
            for (Iterator<Map.Entry<String, JsonNode>> it = have.fields(); it.hasNext();) {
                Map.Entry<String, JsonNode> e = it.next();
                if (want.has(e.getKey()) || top && ECS_FIELDS.contains(e.getKey())) {
                    continue;
                }
                if (!isEmpty(e.getValue()) && !isDefault(e.getKey(), e.getValue())
                        && !(("hostPort".equals(e.getKey())) && e.getValue().equals(want.get("containerPort")))) {
                    out.add(path + e.getKey() + ": only in the registered revision");
                }
            }
            return;
        }
        if (want.isArray() && have.isArray()) {
            JsonNode w = sortedIfNamed(want);
            JsonNode h = sortedIfNamed(have);
            if (w.size() != h.size()) {
                out.add(trim(path) + ": " + w.size() + " entries wanted, " + h.size() + " registered");
                return;
            }
            for (int i = 0; i < w.size(); i++) {
                compare(w.get(i), h.get(i), trim(path) + "[" + i + "].", out, false);
            }
            return;
        }
        if (!want.asText().equals(have.asText()) || want.isContainerNode() != have.isContainerNode()) {
            out.add(trim(path) + ": '" + want.asText() + "' wanted, '" + have.asText() + "' registered");
        }
    }

    private static boolean isEmpty(JsonNode v) {
        return v.isNull() || v.isContainerNode() && v.isEmpty();
    }

    private static boolean isDefault(String key, JsonNode v) {
        return v.isValueNode() && v.asText().equals(DEFAULTS.get(key));
    }

    /** name/value lists (environment, secrets) in name order; other lists as they are. */
    private static JsonNode sortedIfNamed(JsonNode array) {
        List<JsonNode> items = new ArrayList<>();
        array.forEach(items::add);
        boolean named = !items.isEmpty() && items.stream().allMatch(n -> n.isObject() && n.has("name")
                && (n.has("value") || n.has("valueFrom")) && n.size() == 2);
        if (!named) {
            return array;
        }
        items.sort((a, b) -> a.path("name").asText().compareTo(b.path("name").asText()));
        var sorted = new com.fasterxml.jackson.databind.ObjectMapper().createArrayNode();
        items.forEach(sorted::add);
        return sorted;
    }

    private static String trim(String path) {
        return path.endsWith(".") ? path.substring(0, path.length() - 1) : path;
    }

    /** A copy without ECS's own fields, e.g. to show in a plan. */
    static ObjectNode withoutEcsFields(ObjectNode registered) {
        ObjectNode copy = registered.deepCopy();
        ECS_FIELDS.forEach(copy::remove);
        return copy;
    }
}
