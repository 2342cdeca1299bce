package io.magecloudkit.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import software.amazon.awssdk.core.SdkField;
import software.amazon.awssdk.core.SdkPojo;
import software.amazon.awssdk.core.protocol.MarshallingType;
import software.amazon.awssdk.core.traits.ListTrait;
import software.amazon.awssdk.core.traits.MapTrait;
import software.amazon.awssdk.utils.builder.SdkBuilder;

/**
 * Converts between the AWS API's JSON shapes (what the templates are written in, what
 * {@code aws ecs register-task-definition --cli-input-json} takes) and the SDK's model objects,
 * through the field metadata every SDK model carries. Unknown JSON fields are an error, so a typo
 * in a template fails the build, not the deploy.
 */
final class SdkJson {
    private static final ObjectMapper JSON = new ObjectMapper();

    private SdkJson() {
    }

    /** Fills a fresh builder from JSON and builds it. */
    @SuppressWarnings("unchecked")
    static <T> T fromJson(JsonNode json, Supplier<? extends SdkBuilder<?, T>> builder) {
        SdkBuilder<?, T> b = builder.get();
        populate((SdkPojo) b, json, "");
        return b.build();
    }

    /** The model object as the API's JSON (null fields left out). */
    static ObjectNode toJson(SdkPojo pojo) {
        ObjectNode out = JSON.createObjectNode();
        for (SdkField<?> field : pojo.sdkFields()) {
            Object value = field.getValueOrDefault(pojo);
            if (value != null && !(value instanceof software.amazon.awssdk.core.util.SdkAutoConstructList<?>)
                    && !(value instanceof software.amazon.awssdk.core.util.SdkAutoConstructMap<?, ?>)) {
                out.set(field.locationName(), toNode(value));
            }
        }
        return out;
    }

    private static JsonNode toNode(Object value) {
        if (value instanceof SdkPojo pojo) {
            return toJson(pojo);
        }
        if (value instanceof List<?> list) {
            ArrayNode arr = JSON.createArrayNode();
            list.forEach(v -> arr.add(toNode(v)));
            return arr;
        }
        if (value instanceof Map<?, ?> map) {
            ObjectNode obj = JSON.createObjectNode();
            map.forEach((k, v) -> obj.set(String.valueOf(k), toNode(v)));
            return obj;
        }
        if (value instanceof Instant instant) {
            return JSON.getNodeFactory().numberNode(instant.toEpochMilli() / 1000.0);
        }
        return JSON.valueToTree(value);
    }

    private static void populate(SdkPojo builder, JsonNode json, String path) {
        Map<String, SdkField<?>> fields = new LinkedHashMap<>();
        builder.sdkFields().forEach(f -> fields.put(f.locationName(), f));
        for (Iterator<Map.Entry<String, JsonNode>> it = json.fields(); it.hasNext();) {
            Map.Entry<String, JsonNode> e = it.next();
            SdkField<?> field = fields.get(e.getKey());
            if (field == null) {
                throw new IllegalArgumentException("unknown field '" + path + e.getKey() + "'");
            }
            field.set(builder, value(field, e.getValue(), path + e.getKey() + "."));
        }
    }

    private static Object value(SdkField<?> field, JsonNode json, String path) {
        MarshallingType<?> type = field.marshallingType();
        if (json.isNull()) {
            return null;
        }
        if (type == MarshallingType.STRING) {
            return json.asText();
        }
        if (type == MarshallingType.INTEGER) {
            return json.asInt();
        }
        if (type == MarshallingType.LONG) {
            return json.asLong();
        }
        if (type == MarshallingType.BOOLEAN) {
            return json.asBoolean();
        }
        if (type == MarshallingType.DOUBLE) {
            return json.asDouble();
        }
        if (type == MarshallingType.INSTANT) {
            return Instant.ofEpochMilli((long) (json.asDouble() * 1000));
        }
        if (type == MarshallingType.SDK_POJO) {
            SdkPojo nested = field.constructor().get();
            populate(nested, json, path);
            return ((SdkBuilder<?, ?>) nested).build();
        }
        if (type == MarshallingType.LIST) {
            SdkField<?> member = field.getTrait(ListTrait.class).memberFieldInfo();
            List<Object> out = new ArrayList<>();
            for (JsonNode element : json) {
                out.add(value(member, element, path));
            }
            return out;
        }
        if (type == MarshallingType.MAP) {
            SdkField<?> member = field.getTrait(MapTrait.class).valueFieldInfo();
            Map<String, Object> out = new LinkedHashMap<>();
            json.fields().forEachRemaining(e -> out.put(e.getKey(), value(member, e.getValue(), path)));
            return out;
        }
        throw new IllegalArgumentException("field '" + path + "' has a type this converter does not handle: " + type);
    }
}
