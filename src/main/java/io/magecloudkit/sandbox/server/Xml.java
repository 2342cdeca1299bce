package io.magecloudkit.sandbox.server;

/** A small XML writer for query-protocol responses: elements, escaped text, nothing else. */
public final class Xml {
    private final StringBuilder sb = new StringBuilder("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");

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

    public static String escape(String s) {
        StringBuilder out = new StringBuilder(s.length());
        for (char c : s.toCharArray()) {
            switch (c) {
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '&' -> out.append("&amp;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&apos;");
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
