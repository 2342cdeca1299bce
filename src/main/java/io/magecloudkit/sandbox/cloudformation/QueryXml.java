package io.magecloudkit.sandbox.cloudformation;

import java.time.Instant;
import java.util.UUID;

/** Writes CloudFormation query-protocol responses: {@code <XResponse><XResult>...</XResult><ResponseMetadata>}. */
final class QueryXml {
    static final String NAMESPACE = "http://cloudformation.amazonaws.com/doc/2010-05-15/";

    private final StringBuilder out = new StringBuilder();
    private final String action;

    private QueryXml(String action) {
        this.action = action;
        out.append("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<").append(action).append("Response xmlns=\"")
                .append(NAMESPACE).append("\">\n  <").append(action).append("Result>");
    }

    static QueryXml response(String action) {
        return new QueryXml(action);
    }

    /** The answer of an operation without output (DeleteStack): response metadata only. */
    static String metadataOnly(String action) {
        return "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<" + action + "Response xmlns=\"" + NAMESPACE
                + "\">\n  <ResponseMetadata><RequestId>" + UUID.randomUUID() + "</RequestId></ResponseMetadata>\n</"
                + action + "Response>\n";
    }

    QueryXml open(String name) {
        out.append('<').append(name).append('>');
        return this;
    }

    QueryXml close(String name) {
        out.append("</").append(name).append('>');
        return this;
    }

    /** Writes the element when the value is not null. */
    QueryXml element(String name, Object value) {
        if (value != null) {
            out.append('<').append(name).append('>').append(escape(String.valueOf(value))).append("</").append(name).append('>');
        }
        return this;
    }

    QueryXml time(String name, long epochMillis) {
        if (epochMillis > 0) {
            element(name, Instant.ofEpochMilli(epochMillis).toString());
        }
        return this;
    }

    QueryXml members(String name, Iterable<String> values) {
        open(name);
        for (String value : values) {
            element("member", value);
        }
        return close(name);
    }

    String finish() {
        out.append("</").append(action).append("Result>\n  <ResponseMetadata><RequestId>").append(UUID.randomUUID())
                .append("</RequestId></ResponseMetadata>\n</").append(action).append("Response>\n");
        return out.toString();
    }

    static String escape(String text) {
        StringBuilder escaped = new StringBuilder(text.length());
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '<' -> escaped.append("&lt;");
                case '>' -> escaped.append("&gt;");
                case '&' -> escaped.append("&amp;");
                case '"' -> escaped.append("&quot;");
                case '\'' -> escaped.append("&apos;");
                case '\r' -> escaped.append("&#13;");
                default -> escaped.append(c);
            }
        }
        return escaped.toString();
    }
}
