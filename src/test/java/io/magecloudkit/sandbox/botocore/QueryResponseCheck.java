package io.magecloudkit.sandbox.botocore;

import io.magecloudkit.sandbox.botocore.BotocoreModel.MemberRef;
import io.magecloudkit.sandbox.botocore.BotocoreModel.Operation;
import io.magecloudkit.sandbox.botocore.BotocoreModel.Shape;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.HashSet;
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
 * Checks one query-protocol XML response body (CloudFormation, ELBv2, STS): the
 * {@code <XResponse><XResult>..</XResult><ResponseMetadata>} envelope and the output shape,
 * or the {@code <ErrorResponse>} error body.
 */
final class QueryResponseCheck extends ResponseCheck {
    QueryResponseCheck(BotocoreModel model, String operation) {
        super(model, operation);
    }

    @Override
    void output(Operation op, byte[] body) {
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

    @Override
    void error(Operation op, int status, byte[] body) {
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
        } else if (ResponseValidator.COMMON_ERRORS.contains(code)) {
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
}
