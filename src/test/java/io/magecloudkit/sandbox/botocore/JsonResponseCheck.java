package io.magecloudkit.sandbox.botocore;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.magecloudkit.sandbox.botocore.BotocoreModel.MemberRef;
import io.magecloudkit.sandbox.botocore.BotocoreModel.Operation;
import io.magecloudkit.sandbox.botocore.BotocoreModel.Shape;
import java.io.IOException;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** Checks one JSON 1.1 response body (ECS, ECR, SSM): the output shape, or the {@code __type} error body. */
final class JsonResponseCheck extends ResponseCheck {
    /** Members every JSON error body may carry besides the error shape's own. */
    private static final Set<String> ERROR_ENVELOPE = Set.of("__type", "message", "Message");

    private static final ObjectMapper JSON = new ObjectMapper()
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .enable(DeserializationFeature.USE_BIG_INTEGER_FOR_INTS)
            .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);

    JsonResponseCheck(BotocoreModel model, String operation) {
        super(model, operation);
    }

    @Override
    void output(Operation op, byte[] body) {
        JsonNode root = parseJson(body);
        if (root == null) {
            return;
        }
        if (!root.isObject()) {
            fail("$", "body is not a JSON object: " + abbreviate(root.toString()));
            return;
        }
        if (!op.hasOutput()) {
            if (!root.isEmpty()) {
                fail("$", "operation has no output, but the body has members " + fieldNames(root));
            }
            return;
        }
        jsonStructure("", root, model.shape(op.outputShape()), Set.of());
    }

    @Override
    void error(Operation op, int status, byte[] body) {
        if (status < 400 || status > 599) {
            fail("$", "error answered with HTTP status " + status + " (must be 4xx or 5xx)");
        }
        JsonNode root = parseJson(body);
        if (root == null) {
            return;
        }
        if (!root.isObject()) {
            fail("$", "error body is not a JSON object: " + abbreviate(root.toString()));
            return;
        }
        JsonNode type = root.get("__type");
        if (type == null || !type.isTextual() || type.asText().isBlank()) {
            fail("__type", "error body has no __type string");
            return;
        }
        String code = errorCodeOf(type.asText());
        Optional<Shape> declared = model.declaredError(op, code);
        for (String field : List.of("message", "Message")) {
            JsonNode message = root.get(field);
            boolean declaredMember = declared.isPresent() && declared.get().members().containsKey(field);
            if (message != null && !declaredMember && !message.isTextual()) {
                fail(field, "expected a string, got " + describe(message));
            }
        }
        if (declared.isPresent()) {
            jsonStructure("", root, declared.get(), ERROR_ENVELOPE);
        } else if (ResponseValidator.COMMON_ERRORS.contains(code)) {
            root.fieldNames().forEachRemaining(f -> {
                if (!ERROR_ENVELOPE.contains(f)) {
                    fail(f, "unknown member of a common error body");
                }
            });
        } else {
            fail("__type", "'" + code + "' is neither an error of " + operation + " " + declaredCodes(op)
                    + " nor a common AWS error");
        }
    }

    /** botocore strips a namespace prefix ({@code com.amazonaws.ecs#}) and a {@code :uri} suffix. */
    private String errorCodeOf(String type) {
        String code = type.substring(type.lastIndexOf('#') + 1);
        int colon = code.indexOf(':');
        return colon >= 0 ? code.substring(0, colon) : code;
    }

    private JsonNode parseJson(byte[] body) {
        if (body.length == 0) {
            fail("$", "empty body; expected a JSON object");
            return null;
        }
        try {
            return JSON.readTree(body);
        } catch (JsonProcessingException e) {
            fail("$", "body is not valid JSON: " + e.getOriginalMessage());
            return null;
        } catch (IOException e) {
            fail("$", "body is unreadable: " + e.getMessage());
            return null;
        }
    }

    private void jsonValue(String path, JsonNode node, MemberRef ref) {
        Shape shape = model.shape(ref.shape());
        if (node.isNull()) {
            fail(path, "null (AWS omits members that have no value)");
            return;
        }
        switch (shape.type()) {
            case "structure" -> {
                if (node.isObject()) {
                    jsonStructure(path, node, shape, Set.of());
                } else {
                    fail(path, "expected an object (" + shape.name() + "), got " + describe(node));
                }
            }
            case "list" -> {
                if (!node.isArray()) {
                    fail(path, "expected an array (" + shape.name() + "), got " + describe(node));
                    return;
                }
                for (int i = 0; i < node.size(); i++) {
                    jsonValue(path + "[" + i + "]", node.get(i), shape.member());
                }
                checkRange(path, shape, BigDecimal.valueOf(node.size()), "entries");
            }
            case "map" -> {
                if (!node.isObject()) {
                    fail(path, "expected an object (map " + shape.name() + "), got " + describe(node));
                    return;
                }
                node.fields().forEachRemaining(e -> {
                    String entryPath = path + "[\"" + e.getKey() + "\"]";
                    checkString(entryPath + " (key)", e.getKey(), model.shape(shape.key().shape()));
                    jsonValue(entryPath, e.getValue(), shape.value());
                });
                checkRange(path, shape, BigDecimal.valueOf(node.size()), "entries");
            }
            case "string" -> {
                if (node.isTextual()) {
                    checkString(path, node.asText(), shape);
                } else {
                    fail(path, "expected a string, got " + describe(node));
                }
            }
            case "boolean" -> {
                if (!node.isBoolean()) {
                    fail(path, "expected a boolean, got " + describe(node));
                }
            }
            case "integer", "long" -> {
                if (!node.isIntegralNumber()) {
                    fail(path, "expected a whole number (" + shape.type() + "), got " + describe(node));
                    return;
                }
                checkWhole(path, node.bigIntegerValue(), shape);
            }
            case "float", "double" -> {
                if (node.isNumber()) {
                    checkRange(path, shape, node.decimalValue(), "value");
                } else if (!(node.isTextual() && Set.of("NaN", "Infinity", "-Infinity").contains(node.asText()))) {
                    fail(path, "expected a number (" + shape.type() + "), got " + describe(node));
                }
            }
            case "timestamp" -> {
                String format = timestampFormat(ref, shape);
                if ("unixTimestamp".equals(format)) {
                    if (!node.isNumber()) {
                        fail(path, "expected a timestamp in epoch seconds (a number), got " + describe(node));
                    }
                } else if (!node.isTextual()) {
                    fail(path, "expected a " + format + " timestamp string, got " + describe(node));
                } else {
                    checkTimestampText(path, node.asText(), format);
                }
            }
            case "blob" -> {
                if (node.isTextual()) {
                    checkBase64(path, node.asText());
                } else {
                    fail(path, "expected a base64 string (blob), got " + describe(node));
                }
            }
            case "document" -> {
                // A document is any JSON value.
            }
            default -> fail(path, "shape " + shape.name() + " has type '" + shape.type() + "' this validator does not know");
        }
    }

    private void jsonStructure(String path, JsonNode node, Shape shape, Set<String> alsoAllowed) {
        Map<String, Map.Entry<String, MemberRef>> byWireName = new LinkedHashMap<>();
        shape.members().forEach((name, ref) -> byWireName.put(ref.wireName(name), Map.entry(name, ref)));
        Iterator<Map.Entry<String, JsonNode>> fields = node.fields();
        while (fields.hasNext()) {
            Map.Entry<String, JsonNode> field = fields.next();
            String childPath = path.isEmpty() ? field.getKey() : path + "." + field.getKey();
            Map.Entry<String, MemberRef> member = byWireName.get(field.getKey());
            if (member != null) {
                jsonValue(childPath, field.getValue(), member.getValue());
            } else if (!alsoAllowed.contains(field.getKey())) {
                fail(childPath, "unknown member (not in " + shape.name() + ")");
            }
        }
        for (String required : shape.required()) {
            String wire = shape.members().get(required).wireName(required);
            if (!node.has(wire)) {
                fail(path.isEmpty() ? wire : path + "." + wire, "required member of " + shape.name() + " is missing");
            }
        }
    }

    private static List<String> fieldNames(JsonNode node) {
        List<String> names = new ArrayList<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }

    private static String describe(JsonNode node) {
        String kind = switch (node.getNodeType()) {
            case STRING -> "string";
            case NUMBER -> "number";
            case BOOLEAN -> "boolean";
            case ARRAY -> "array";
            case OBJECT -> "object";
            case NULL -> "null";
            default -> node.getNodeType().name().toLowerCase();
        };
        return kind + " " + abbreviate(node.toString());
    }
}
