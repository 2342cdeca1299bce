package io.magecloudkit.sandbox.logs;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Everything the simulated CloudWatch Logs keeps: log groups and their streams of events, in
 * name order as DescribeLogGroups / DescribeLogStreams list them. Public fields: snapshotted.
 * Times are epoch milliseconds of the sandbox clock.
 */
public final class LogsState {
    public Map<String, LogGroup> groups = new TreeMap<>();
    /** Numbers the events: FilterLogEvents' eventId. */
    public long sequence = 1;

    public static final class LogGroup {
        public String name;
        public long creationTime;
        public Map<String, LogStream> streams = new TreeMap<>();
    }

    public static final class LogStream {
        public String name;
        public long creationTime;
        public Long lastIngestionTime;
        /** In timestamp order (ties in ingestion order): the positions GetLogEvents' tokens point between. */
        public List<LogEvent> events = new ArrayList<>();
    }

    public static final class LogEvent {
        public long id;
        public long timestamp;
        public String message;
        public long ingestionTime;
    }
}
