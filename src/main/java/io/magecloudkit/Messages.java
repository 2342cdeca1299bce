package io.magecloudkit;

/** Turning exception messages into the one-line errors users see. */
public final class Messages {
    private Messages() {
    }

    /** The first line of a message, "" for none: library messages often carry stack-like detail below. */
    public static String firstLine(String message) {
        if (message == null) {
            return "";
        }
        int nl = message.indexOf('\n');
        return nl < 0 ? message : message.substring(0, nl);
    }
}
