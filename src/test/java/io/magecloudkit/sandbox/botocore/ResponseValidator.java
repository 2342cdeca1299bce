package io.magecloudkit.sandbox.botocore;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.magecloudkit.sandbox.botocore.BotocoreModel.MemberRef;
import io.magecloudkit.sandbox.botocore.BotocoreModel.Operation;
import io.magecloudkit.sandbox.botocore.BotocoreModel.Shape;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.xml.sax.SAXException;
import org.xml.sax.helpers.DefaultHandler;

/**
 * Checks a raw HTTP response body against a {@link BotocoreModel}: JSON 1.1 bodies and
 * query-protocol XML, success and error answers. It only enforces what the model declares
 * (and the protocol's envelope): botocore rarely constrains outputs, so neither must we.
 */
public final class ResponseValidator {
    /**
     * Error codes any operation of any service may answer with, though no model declares them.
     *
     * @see <a href="https://docs.aws.amazon.com/AmazonECS/latest/APIReference/CommonErrors.html">Common errors</a>
     */
    public static final Set<String> COMMON_ERRORS = Set.of(
            "AccessDenied", "AccessDeniedException", "ExpiredToken", "ExpiredTokenException",
            "IncompleteSignature", "IncompleteSignatureException", "InternalFailure", "InternalServerError",
            "InvalidAction", "InvalidClientTokenId", "InvalidParameterCombination", "InvalidParameterValue",
            "InvalidQueryParameter", "InvalidSignatureException", "MalformedQueryString", "MissingAction",
            "MissingAuthenticationToken", "MissingAuthenticationTokenException", "MissingParameter",
            "NotAuthorized", "OptInRequired", "RequestExpired", "RequestLimitExceeded", "SerializationException",
            "ServiceUnavailable", "ServiceUnavailableException", "SignatureDoesNotMatch", "Throttling",
            "ThrottlingException", "TooManyRequestsException", "UnknownOperationException",
            "UnrecognizedClientException", "ValidationError", "ValidationException");

    /** Members every JSON error body may carry besides the error shape's own. */
    private static final Set<String> JSON_ERROR_ENVELOPE = Set.of("__type", "message", "Message");

    private static final ObjectMapper JSON = new ObjectMapper()
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .enable(DeserializationFeature.USE_BIG_INTEGER_FOR_INTS)
            .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);
    private static final BigInteger INT_MIN = BigInteger.valueOf(Integer.MIN_VALUE);
    private static final BigInteger INT_MAX = BigInteger.valueOf(Integer.MAX_VALUE);
    private static final BigInteger LONG_MIN = BigInteger.valueOf(Long.MIN_VALUE);
    private static final BigInteger LONG_MAX = BigInteger.valueOf(Long.MAX_VALUE);

    /**
     * One way a response departs from the model.
     *
     * @param service   botocore's service name ({@code ecs}, {@code elbv2}, ...)
     * @param operation the operation answered
     * @param path      where: a JSON path ({@code services[0].deployments[1].rolloutState}, {@code $}
     *                  for the body) or an XML element path ({@code /XResponse/XResult/Stacks/member[1]})
     * @param message   what is wrong
     */
    public record Violation(String service, String operation, String path, String message) {
        @Override
        public String toString() {
            return operation + ": " + path + ": " + message;
        }
    }

    private final BotocoreModel model;

    public ResponseValidator(BotocoreModel model) {
        this.model = model;
    }

    /** A validator for a service by botocore's folder name ({@code ecs}, {@code elbv2}, ...). */
    public static ResponseValidator forService(String service) {
        return new ResponseValidator(BotocoreModel.load(service));
    }

    public BotocoreModel model() {
        return model;
    }

    /**
     * Validates one response. A status of 300 or more must carry the protocol's error body,
     * anything below the operation's output.
     *
     * @return the violations, empty when the response conforms
     */
    public List<Violation> validate(String operationName, int httpStatus, byte[] body) {
        Check check = new Check(operationName);
        Optional<Operation> operation = model.operation(operationName);
        if (operation.isEmpty()) {
            check.fail("$", "operation is not in the " + model + " model");
            return check.violations;
        }
        boolean error = httpStatus >= 300;
        switch (model.protocol()) {
            case JSON -> {
                if (error) {
                    check.jsonError(operation.get(), httpStatus, body);
                } else {
                    check.jsonOutput(operation.get(), body);
                }
            }
            case QUERY -> {
                if (error) {
                    check.queryError(operation.get(), httpStatus, body);
                } else {
                    check.queryOutput(operation.get(), body);
                }
            }
            case OTHER -> check.fail("$", "protocol '" + model.protocolName() + "' is not supported by this validator");
        }
        return check.violations;
    }

    /** For callers holding text: the body as UTF-8 bytes. */
    public List<Violation> validate(String operationName, int httpStatus, String body) {
        return validate(operationName, httpStatus, body.getBytes(StandardCharsets.UTF_8));
    }

    /** One validation run: collects violations for one operation's response. */
    private final class Check {
        private final String operation;
        private final List<Violation> violations = new ArrayList<>();

        Check(String operation) {
            this.operation = operation;
        }

        void fail(String path, String message) {
            violations.add(new Violation(model.service(), operation, path, message));
        }

        // ---------------------------------------------------------------- JSON 1.1

        void jsonOutput(Operation op, byte[] body) {
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

        void jsonError(Operation op, int status, byte[] body) {
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
                jsonStructure("", root, declared.get(), JSON_ERROR_ENVELOPE);
            } else if (COMMON_ERRORS.contains(code)) {
                root.fieldNames().forEachRemaining(f -> {
                    if (!JSON_ERROR_ENVELOPE.contains(f)) {
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

        // ---------------------------------------------------------------- query / XML

        void queryOutput(Operation op, byte[] body) {
            Element root = parseXml(body);
            if (root == null) {
                return;
            }
            String expectedRoot = op.name() + "Response";
            String rootPath = "/" + root.getTagName();
            if (!expectedRoot.equals(root.getLocalName())) {
                fail(rootPath, "root element must be <" + expectedRoot + ">, got <" + root.getTagName() + ">");
                return;
            }
            if (model.xmlNamespace() != null && !model.xmlNamespace().equals(root.getNamespaceURI())) {
                fail(rootPath, "root element must be in namespace " + model.xmlNamespace()
                        + ", got " + (root.getNamespaceURI() == null ? "none" : root.getNamespaceURI()));
            }
            checkNoText(rootPath, root);
            int results = 0;
            int metadata = 0;
            for (Element child : childElements(root)) {
                String name = child.getLocalName();
                String childPath = rootPath + "/" + name;
                if (op.resultWrapper() != null && name.equals(op.resultWrapper())) {
                    if (++results == 1) {
                        xmlStructure(childPath, child, model.shape(op.outputShape()));
                    } else {
                        fail(childPath, "appears more than once");
                    }
                } else if (name.equals("ResponseMetadata")) {
                    if (++metadata == 1) {
                        checkResponseMetadata(childPath, child);
                    } else {
                        fail(childPath, "appears more than once");
                    }
                } else {
                    fail(childPath, "unknown element (expected "
                            + (op.resultWrapper() != null ? "<" + op.resultWrapper() + "> and " : "")
                            + "<ResponseMetadata>)");
                }
            }
            if (op.resultWrapper() != null && results == 0) {
                fail(rootPath + "/" + op.resultWrapper(), "result wrapper element is missing");
            }
            if (metadata == 0) {
                fail(rootPath + "/ResponseMetadata", "element is missing (it carries the RequestId)");
            }
        }

        private void checkResponseMetadata(String path, Element metadata) {
            checkNoText(path, metadata);
            boolean requestId = false;
            for (Element child : childElements(metadata)) {
                if (child.getLocalName().equals("RequestId") && !requestId) {
                    requestId = true;
                    if (child.getTextContent().isBlank()) {
                        fail(path + "/RequestId", "is empty");
                    }
                } else {
                    fail(path + "/" + child.getLocalName(), "unexpected element (only one <RequestId>)");
                }
            }
            if (!requestId) {
                fail(path + "/RequestId", "element is missing");
            }
        }

        void queryError(Operation op, int status, byte[] body) {
            if (status < 400 || status > 599) {
                fail("/ErrorResponse", "error answered with HTTP status " + status + " (must be 4xx or 5xx)");
            }
            Element root = parseXml(body);
            if (root == null) {
                return;
            }
            String rootPath = "/" + root.getTagName();
            if (!"ErrorResponse".equals(root.getLocalName())) {
                fail(rootPath, "error root element must be <ErrorResponse>, got <" + root.getTagName() + ">");
                return;
            }
            checkNoText(rootPath, root);
            Element error = null;
            boolean requestId = false;
            for (Element child : childElements(root)) {
                String name = child.getLocalName();
                if (name.equals("Error") && error == null) {
                    error = child;
                } else if (name.equals("RequestId") && !requestId) {
                    requestId = true;
                    if (child.getTextContent().isBlank()) {
                        fail(rootPath + "/RequestId", "is empty");
                    }
                } else {
                    fail(rootPath + "/" + name, "unexpected element (expected one <Error> and one <RequestId>)");
                }
            }
            if (!requestId) {
                fail(rootPath + "/RequestId", "element is missing");
            }
            if (error == null) {
                fail(rootPath + "/Error", "element is missing");
                return;
            }
            queryErrorElement(op, status, rootPath + "/Error", error);
        }

        private void queryErrorElement(Operation op, int status, String path, Element error) {
            checkNoText(path, error);
            Map<String, Element> parts = new LinkedHashMap<>();
            List<Element> extra = new ArrayList<>();
            for (Element child : childElements(error)) {
                String name = child.getLocalName();
                if (Set.of("Type", "Code", "Message", "Detail").contains(name) && !parts.containsKey(name)) {
                    parts.put(name, child);
                } else {
                    extra.add(child);
                }
            }
            Element type = parts.get("Type");
            if (type == null) {
                fail(path + "/Type", "element is missing (Sender or Receiver)");
            } else if (!Set.of("Sender", "Receiver").contains(type.getTextContent())) {
                fail(path + "/Type", "'" + type.getTextContent() + "' is not one of [Sender, Receiver]");
            }
            Element codeElement = parts.get("Code");
            if (codeElement == null || codeElement.getTextContent().isBlank()) {
                fail(path + "/Code", "error code is missing");
                return;
            }
            String code = codeElement.getTextContent().trim();
            Optional<Shape> declared = model.declaredError(op, code);
            if (declared.isPresent()) {
                Shape shape = declared.get();
                if (shape.httpStatusCode() != null && shape.httpStatusCode() != status) {
                    fail(path + "/Code", code + " must be answered with HTTP status " + shape.httpStatusCode()
                            + ", got " + status);
                }
                if (shape.senderFault() && type != null && "Receiver".equals(type.getTextContent())) {
                    fail(path + "/Type", code + " is the sender's fault: Type must be Sender");
                }
                Map<String, MemberRef> members = new LinkedHashMap<>();
                shape.members().forEach((name, ref) -> members.put(ref.wireName(name), ref));
                for (Element child : extra) {
                    String childPath = path + "/" + child.getLocalName();
                    MemberRef ref = members.get(child.getLocalName());
                    if (ref == null) {
                        fail(childPath, "unknown element (not in error " + shape.name() + ")");
                    } else {
                        xmlValue(childPath, child, ref);
                    }
                }
            } else if (COMMON_ERRORS.contains(code)) {
                extra.forEach(child -> fail(path + "/" + child.getLocalName(), "unknown element of a common error"));
            } else {
                fail(path + "/Code", "'" + code + "' is neither an error of " + operation + " " + declaredCodes(op)
                        + " nor a common AWS error");
            }
        }

        private Element parseXml(byte[] body) {
            if (body.length == 0) {
                fail("/", "empty body; expected an XML document");
                return null;
            }
            try {
                DocumentBuilder builder = xmlFactory().newDocumentBuilder();
                // The default handler prints to stderr; a violation says it instead.
                builder.setErrorHandler(new DefaultHandler());
                return builder.parse(new ByteArrayInputStream(body)).getDocumentElement();
            } catch (SAXException e) {
                fail("/", "body is not well-formed XML: " + e.getMessage());
            } catch (IOException | ParserConfigurationException e) {
                fail("/", "body is unreadable: " + e.getMessage());
            }
            return null;
        }

        private void xmlValue(String path, Element element, MemberRef ref) {
            Shape shape = model.shape(ref.shape());
            switch (shape.type()) {
                case "structure" -> xmlStructure(path, element, shape);
                case "list" -> {
                    checkNoText(path, element);
                    String itemName = shape.member().wireName("member");
                    int index = 0;
                    for (Element item : childElements(element)) {
                        if (item.getLocalName().equals(itemName)) {
                            xmlValue(path + "/" + itemName + "[" + (++index) + "]", item, shape.member());
                        } else {
                            fail(path + "/" + item.getLocalName(), "unexpected element in list " + shape.name()
                                    + " (items are <" + itemName + ">)");
                        }
                    }
                    checkRange(path, shape, BigDecimal.valueOf(index), "entries");
                }
                case "map" -> {
                    checkNoText(path, element);
                    int index = 0;
                    for (Element entry : childElements(element)) {
                        if (entry.getLocalName().equals("entry")) {
                            xmlMapEntry(path + "/entry[" + (++index) + "]", entry, shape);
                        } else {
                            fail(path + "/" + entry.getLocalName(), "unexpected element in map " + shape.name()
                                    + " (entries are <entry>)");
                        }
                    }
                    checkRange(path, shape, BigDecimal.valueOf(index), "entries");
                }
                default -> xmlScalar(path, element, ref, shape);
            }
        }

        private void xmlMapEntry(String path, Element entry, Shape map) {
            checkNoText(path, entry);
            String keyName = map.key().wireName("key");
            String valueName = map.value().wireName("value");
            int keys = 0;
            int values = 0;
            for (Element part : childElements(entry)) {
                String name = part.getLocalName();
                if (name.equals(keyName) && keys++ == 0) {
                    xmlValue(path + "/" + keyName, part, map.key());
                } else if (name.equals(valueName) && values++ == 0) {
                    xmlValue(path + "/" + valueName, part, map.value());
                } else {
                    fail(path + "/" + name, "unexpected element in a map entry (expected one <" + keyName
                            + "> and one <" + valueName + ">)");
                }
            }
            if (keys == 0) {
                fail(path + "/" + keyName, "map entry has no key");
            }
            if (values == 0) {
                fail(path + "/" + valueName, "map entry has no value");
            }
        }

        private void xmlStructure(String path, Element element, Shape shape) {
            checkNoText(path, element);
            Map<String, List<Element>> byName = new LinkedHashMap<>();
            for (Element child : childElements(element)) {
                byName.computeIfAbsent(child.getLocalName(), k -> new ArrayList<>()).add(child);
            }
            Set<String> claimed = new HashSet<>();
            shape.members().forEach((memberName, ref) -> {
                Shape memberShape = model.shape(ref.shape());
                boolean flattened = ref.flattened() || memberShape.flattened();
                String wire = flattened && "list".equals(memberShape.type()) && memberShape.member().locationName() != null
                        ? memberShape.member().locationName()
                        : ref.wireName(memberName);
                List<Element> found = byName.getOrDefault(wire, List.of());
                claimed.add(wire);
                if (found.isEmpty()) {
                    if (shape.required().contains(memberName)) {
                        fail(path + "/" + wire, "required member of " + shape.name() + " is missing");
                    }
                    return;
                }
                if (flattened && "list".equals(memberShape.type())) {
                    for (int i = 0; i < found.size(); i++) {
                        xmlValue(path + "/" + wire + "[" + (i + 1) + "]", found.get(i), memberShape.member());
                    }
                    checkRange(path + "/" + wire, memberShape, BigDecimal.valueOf(found.size()), "entries");
                } else if (flattened && "map".equals(memberShape.type())) {
                    for (int i = 0; i < found.size(); i++) {
                        xmlMapEntry(path + "/" + wire + "[" + (i + 1) + "]", found.get(i), memberShape);
                    }
                    checkRange(path + "/" + wire, memberShape, BigDecimal.valueOf(found.size()), "entries");
                } else {
                    xmlValue(path + "/" + wire, found.get(0), ref);
                    if (found.size() > 1) {
                        fail(path + "/" + wire, "appears " + found.size() + " times (member of " + shape.name()
                                + " is not a flattened list)");
                    }
                }
            });
            byName.keySet().stream()
                    .filter(name -> !claimed.contains(name))
                    .forEach(name -> fail(path + "/" + name, "unknown element (not in " + shape.name() + ")"));
        }

        private void xmlScalar(String path, Element element, MemberRef ref, Shape shape) {
            if (!childElements(element).isEmpty()) {
                fail(path, "expected a " + shape.type() + " value, got nested elements");
                return;
            }
            String text = element.getTextContent();
            switch (shape.type()) {
                case "string" -> checkString(path, text, shape);
                case "boolean" -> {
                    if (!text.equals("true") && !text.equals("false")) {
                        fail(path, "'" + abbreviate(text) + "' is not a boolean (true|false)");
                    }
                }
                case "integer", "long" -> {
                    try {
                        checkWhole(path, new BigInteger(text.trim()), shape);
                    } catch (NumberFormatException e) {
                        fail(path, "'" + abbreviate(text) + "' is not a whole number (" + shape.type() + ")");
                    }
                }
                case "float", "double" -> {
                    String t = text.trim();
                    if (!Set.of("NaN", "Infinity", "-Infinity").contains(t)) {
                        try {
                            checkRange(path, shape, new BigDecimal(t), "value");
                        } catch (NumberFormatException e) {
                            fail(path, "'" + abbreviate(text) + "' is not a number (" + shape.type() + ")");
                        }
                    }
                }
                case "timestamp" -> {
                    String format = timestampFormat(ref, shape);
                    if ("unixTimestamp".equals(format)) {
                        try {
                            new BigDecimal(text.trim());
                        } catch (NumberFormatException e) {
                            fail(path, "'" + abbreviate(text) + "' is not a timestamp in epoch seconds");
                        }
                    } else {
                        checkTimestampText(path, text.trim(), format);
                    }
                }
                case "blob" -> checkBase64(path, text.trim());
                default -> fail(path, "shape " + shape.name() + " has type '" + shape.type() + "' this validator does not know");
            }
        }

        private void checkNoText(String path, Element element) {
            for (Node n = element.getFirstChild(); n != null; n = n.getNextSibling()) {
                if ((n.getNodeType() == Node.TEXT_NODE || n.getNodeType() == Node.CDATA_SECTION_NODE)
                        && !n.getNodeValue().isBlank()) {
                    fail(path, "unexpected text '" + abbreviate(n.getNodeValue().trim()) + "' in a structured element");
                    return;
                }
            }
        }

        // ---------------------------------------------------------------- shared checks

        private void checkString(String path, String value, Shape shape) {
            if (!shape.enumValues().isEmpty() && !shape.enumValues().contains(value)) {
                fail(path, "'" + abbreviate(value) + "' is not one of " + shape.enumValues());
                return;
            }
            checkRange(path, shape, BigDecimal.valueOf(value.codePointCount(0, value.length())), "length");
        }

        private void checkWhole(String path, BigInteger value, Shape shape) {
            boolean isInt = shape.type().equals("integer");
            BigInteger lo = isInt ? INT_MIN : LONG_MIN;
            BigInteger hi = isInt ? INT_MAX : LONG_MAX;
            if (value.compareTo(lo) < 0 || value.compareTo(hi) > 0) {
                fail(path, value + " is out of range for " + shape.type());
                return;
            }
            checkRange(path, shape, new BigDecimal(value), "value");
        }

        /** Applies a declared min/max to a string length, a list/map size or a number. */
        private void checkRange(String path, Shape shape, BigDecimal measure, String what) {
            if (shape.min() != null && measure.compareTo(shape.min()) < 0) {
                fail(path, what + " " + measure.toPlainString() + " is below the minimum " + shape.min().toPlainString()
                        + " of " + shape.name());
            }
            if (shape.max() != null && measure.compareTo(shape.max()) > 0) {
                fail(path, what + " " + measure.toPlainString() + " is above the maximum " + shape.max().toPlainString()
                        + " of " + shape.name());
            }
        }

        private String timestampFormat(MemberRef ref, Shape shape) {
            if (ref.timestampFormat() != null) {
                return ref.timestampFormat();
            }
            return shape.timestampFormat() != null ? shape.timestampFormat() : model.defaultTimestampFormat();
        }

        private void checkTimestampText(String path, String text, String format) {
            try {
                if ("rfc822".equals(format)) {
                    ZonedDateTime.parse(text, DateTimeFormatter.RFC_1123_DATE_TIME);
                } else {
                    OffsetDateTime.parse(text, DateTimeFormatter.ISO_OFFSET_DATE_TIME);
                }
            } catch (DateTimeParseException e) {
                fail(path, "'" + abbreviate(text) + "' is not an " + format + " timestamp"
                        + ("rfc822".equals(format) ? "" : " (e.g. 2026-11-28T03:00:00.000Z)"));
            }
        }

        private void checkBase64(String path, String text) {
            try {
                Base64.getDecoder().decode(text);
            } catch (IllegalArgumentException e) {
                fail(path, "blob is not valid base64: " + e.getMessage());
            }
        }

        private String declaredCodes(Operation op) {
            return op.errorShapes().stream().map(s -> model.shape(s).wireErrorCode()).toList().toString();
        }
    }

    private static DocumentBuilderFactory xmlFactory() throws ParserConfigurationException {
        DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
        factory.setNamespaceAware(true);
        // Responses never carry a DTD; refusing one keeps the parser from fetching anything.
        factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
        factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
        factory.setExpandEntityReferences(false);
        return factory;
    }

    private static List<Element> childElements(Element parent) {
        List<Element> children = new ArrayList<>();
        for (Node n = parent.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element e) {
                children.add(e);
            }
        }
        return children;
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

    private static String abbreviate(String s) {
        String oneLine = s.replace('\n', ' ');
        return oneLine.length() <= 80 ? oneLine : oneLine.substring(0, 77) + "...";
    }
}
