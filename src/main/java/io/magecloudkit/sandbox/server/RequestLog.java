package io.magecloudkit.sandbox.server;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;

/**
 * The signed AWS requests the sandbox answered, in order, as service, operation and whether the
 * operation writes: how a test proves that a step made no write call. Only names are kept, never a
 * request's content. Bounded: a long-running sandbox keeps the newest {@value #CAPACITY}.
 */
public final class RequestLog {
    static final int CAPACITY = 10_000;

    /** One request; {@code sequence} counts from 1 since the sandbox started and survives the bound. */
    public record Entry(long sequence, String service, String operation, boolean write) {
    }

    private final Deque<Entry> entries = new ArrayDeque<>();
    private long sequence;

    synchronized void add(String service, String operation, boolean write) {
        if (entries.size() == CAPACITY) {
            entries.removeFirst();
        }
        entries.addLast(new Entry(++sequence, service, operation, write));
    }

    /** The entries with a sequence number above {@code after} (0 for all that are kept). */
    public synchronized List<Entry> since(long after) {
        List<Entry> out = new ArrayList<>();
        for (Entry e : entries) {
            if (e.sequence() > after) {
                out.add(e);
            }
        }
        return out;
    }

    /** The sequence number of the newest entry (0 before the first request). */
    public synchronized long last() {
        return sequence;
    }
}
