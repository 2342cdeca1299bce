package io.magecloudkit.sandbox.logs.control;

import java.util.ArrayList;
import java.util.List;

/**
 * GetLogEvents' reading window, pure. Tokens are positions between a stream's events:
 * {@code f/N} reads forward from position N, {@code b/N} backward from it. The answer's
 * nextForwardToken points after the last event returned and nextBackwardToken before the
 * first; with nothing further to read, nextForwardToken is the token that was passed in,
 * which is how readers know they reached the end of the stream.
 */
public final class EventWindow {
    private EventWindow() {
    }

    /** Where to read from: forward or backward from a position. */
    public record Position(boolean forward, int index) {
    }

    /** @param indexes the positions of the events returned, ascending */
    public record Window(List<Integer> indexes, int forwardPosition, int backwardPosition) {
    }

    /**
     * @param timestamps every event's timestamp, in stream order
     * @param start      inclusive, or null
     * @param end        exclusive, or null
     */
    public static Window select(List<Long> timestamps, Long start, Long end, Position from, int limit) {
        List<Integer> picked = new ArrayList<>();
        if (from.forward()) {
            for (int i = from.index(); i < timestamps.size() && picked.size() < limit; i++) {
                if (within(timestamps.get(i), start, end)) {
                    picked.add(i);
                }
            }
        } else {
            for (int i = Math.min(from.index(), timestamps.size()) - 1; i >= 0 && picked.size() < limit; i--) {
                if (within(timestamps.get(i), start, end)) {
                    picked.add(0, i);
                }
            }
        }
        if (picked.isEmpty()) {
            return new Window(picked, from.index(), from.index());
        }
        return new Window(picked, picked.get(picked.size() - 1) + 1, picked.get(0));
    }

    private static boolean within(long t, Long start, Long end) {
        return (start == null || t >= start) && (end == null || t < end);
    }

    public static String token(boolean forward, int position) {
        return (forward ? "f/" : "b/") + String.format("%056d", position);
    }

    /** The position a token names; null when it is not a token this service handed out. */
    public static Position parse(String token) {
        if (token == null || token.length() < 3 || token.charAt(1) != '/' || token.charAt(0) != 'f' && token.charAt(0) != 'b') {
            return null;
        }
        try {
            long n = Long.parseLong(token.substring(2));
            return n < 0 || n > Integer.MAX_VALUE ? null : new Position(token.charAt(0) == 'f', (int) n);
        } catch (NumberFormatException e) {
            return null;
        }
    }
}
