package io.magecloudkit.sandbox.logs.control;

import java.util.ArrayList;
import java.util.List;

/**
 * The term form of CloudWatch Logs filter patterns, pure: every term must occur in the
 * message (case-sensitive), a double-quoted term as one phrase, and an empty pattern matches
 * every event. JSON and space-delimited patterns ({...}, [...]) are not simulated.
 */
public record FilterPattern(List<String> terms) {
    public static FilterPattern parse(String pattern) {
        List<String> terms = new ArrayList<>();
        if (pattern == null) {
            return new FilterPattern(terms);
        }
        StringBuilder term = new StringBuilder();
        boolean quoted = false;
        for (char ch : pattern.toCharArray()) {
            if (ch == '"') {
                quoted = !quoted;
            } else if (Character.isWhitespace(ch) && !quoted) {
                flush(term, terms);
            } else {
                term.append(ch);
            }
        }
        flush(term, terms);
        return new FilterPattern(List.copyOf(terms));
    }

    private static void flush(StringBuilder term, List<String> terms) {
        if (!term.isEmpty()) {
            terms.add(term.toString());
            term.setLength(0);
        }
    }

    public boolean matches(String message) {
        return terms.stream().allMatch(message::contains);
    }
}
