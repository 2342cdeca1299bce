package io.magecloudkit.sandbox.server;

import java.time.Instant;

/**
 * A small XML writer for query-protocol responses (CloudFormation, ELBv2, STS): elements,
 * escaped text, the {@code <XResponse><XResult>...</XResult><ResponseMetadata>} envelope.
 */
public final class Xml {
    private final StringBuilder sb = new StringBuilder("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
    private final String action;

    public Xml() {
        this(null);
    }

    private Xml(String action) {
        this.action = action;
    }

    /** Starts {@code <ActionResponse xmlns="namespace"><ActionResult>}; {@link #finish} closes both. */
    public static Xml result(String action, String namespace) {
        return new Xml(action).open(action + "Response", namespace).open(action + "Result");
    }

    /** The answer of an operation without output (CloudFormation's DeleteStack): response metadata only. */
    public static String metadataOnly(String action, String namespace, String requestId) {
        return new Xml().open(action + "Response", namespace).open("ResponseMetadata").element("RequestId", requestId)
                .close("ResponseMetadata").close(action + "Response").toString();
    }

    public Xml open(String name, String namespace) {
        sb.append('<').append(name).append(" xmlns=\"").append(escape(namespace)).append("\">");
        return this;
    }

    public Xml open(String name) {
        sb.append('<').append(name).append('>');
        return this;
    }

    public Xml close(String name) {
        sb.append("</").append(name).append('>');
        return this;
    }

    /** Writes {@code <name>text</name>}; a null value writes nothing, as AWS omits absent members. */
    public Xml element(String name, Object value) {
        if (value != null) {
            sb.append('<').append(name).append('>').append(escape(String.valueOf(value))).append("</").append(name).append('>');
        }
        return this;
    }

    /** A timestamp member in ISO-8601; zero (never happened) writes nothing. */
    public Xml time(String name, long epochMillis) {
        return epochMillis > 0 ? element(name, Instant.ofEpochMilli(epochMillis).toString()) : this;
    }

    /** A list member: {@code <name><member>a</member>...</name>}. */
    public Xml members(String name, Iterable<String> values) {
        open(name);
        for (String value : values) {
            element("member", value);
        }
        return close(name);
    }

    /** Closes what {@link #result} opened and adds the response metadata. */
    public String finish(String requestId) {
        if (action == null) {
            throw new IllegalStateException("finish() belongs to a document started with Xml.result()");
        }
        return close(action + "Result").open("ResponseMetadata").element("RequestId", requestId).close("ResponseMetadata")
                .close(action + "Response").toString();
    }

    /**
     * Escapes text for element content and attribute values. A carriage return becomes {@code &#13;}:
     * written raw, an XML parser would normalise it to a line feed and the client would read other text.
     */
    public static String escape(String s) {
        StringBuilder out = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '&' -> out.append("&amp;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&apos;");
                case '\r' -> out.append("&#13;");
                default -> out.append(c);
            }
        }
        return out.toString();
    }

    @Override
    public String toString() {
        return sb.toString();
    }
}
