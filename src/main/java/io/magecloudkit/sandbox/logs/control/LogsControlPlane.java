package io.magecloudkit.sandbox.logs.control;

import io.magecloudkit.sandbox.SandboxError;
import io.magecloudkit.sandbox.ecs.TaskLogSink;
import io.magecloudkit.sandbox.logs.LogsState;
import io.magecloudkit.sandbox.logs.LogsState.LogEvent;
import io.magecloudkit.sandbox.logs.LogsState.LogGroup;
import io.magecloudkit.sandbox.logs.LogsState.LogStream;
import io.magecloudkit.sandbox.logs.control.LogsRequests.DescribeLogGroups;
import io.magecloudkit.sandbox.logs.control.LogsRequests.DescribeLogStreams;
import io.magecloudkit.sandbox.logs.control.LogsRequests.FilterLogEvents;
import io.magecloudkit.sandbox.logs.control.LogsRequests.GetLogEvents;
import io.magecloudkit.sandbox.logs.control.LogsResults.Events;
import io.magecloudkit.sandbox.logs.control.LogsResults.Filtered;
import io.magecloudkit.sandbox.logs.control.LogsResults.Groups;
import io.magecloudkit.sandbox.logs.control.LogsResults.StreamEvent;
import io.magecloudkit.sandbox.logs.control.LogsResults.Streams;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.function.LongSupplier;

/**
 * CloudWatch Logs on typed records: log groups, the streams the awslogs driver of simulated
 * ECS containers writes ({@link TaskLogSink}), and the reads GetLogEvents, FilterLogEvents and
 * DescribeLogStreams with the API's paging.
 */
public final class LogsControlPlane implements TaskLogSink {
    private static final int MAX_EVENTS = 10_000;
    private static final int MAX_DESCRIBE = 50;

    private final LogsState state;
    private final LongSupplier now;

    public LogsControlPlane(LogsState state, LongSupplier now) {
        this.state = state;
        this.now = now;
    }

    public void createLogGroup(String name) {
        requireName(name, "logGroupName", "[\\.\\-_/#A-Za-z0-9]{1,512}");
        if (state.groups.containsKey(name)) {
            throw new SandboxError(400, "ResourceAlreadyExistsException", "The specified log group already exists");
        }
        LogGroup g = new LogGroup();
        g.name = name;
        g.creationTime = now.getAsLong();
        state.groups.put(name, g);
    }

    public Groups describeLogGroups(DescribeLogGroups request) {
        List<LogGroup> all = state.groups.values().stream()
                .filter(g -> request.logGroupNamePrefix() == null || g.name.startsWith(request.logGroupNamePrefix())).toList();
        Slice<LogGroup> page = Slice.of(all, request.nextToken(), limit(request.limit(), MAX_DESCRIBE, MAX_DESCRIBE));
        return new Groups(page.items(), page.nextToken());
    }

    public Streams describeLogStreams(DescribeLogStreams request) {
        LogGroup g = group(request.logGroup());
        if (request.orderByLastEventTime() && request.logStreamNamePrefix() != null) {
            throw new SandboxError(400, "InvalidParameterException", "Cannot order by LastEventTime with a logStreamNamePrefix.");
        }
        List<LogStream> all = new ArrayList<>(g.streams.values().stream()
                .filter(s -> request.logStreamNamePrefix() == null || s.name.startsWith(request.logStreamNamePrefix())).toList());
        if (request.orderByLastEventTime()) {
            all.sort(Comparator.comparingLong(s -> s.events.isEmpty() ? s.creationTime : s.events.get(s.events.size() - 1).timestamp));
        }
        if (request.descending()) {
            java.util.Collections.reverse(all);
        }
        Slice<LogStream> page = Slice.of(all, request.nextToken(), limit(request.limit(), MAX_DESCRIBE, MAX_DESCRIBE));
        return new Streams(g.name, page.items(), page.nextToken());
    }

    public Events getLogEvents(GetLogEvents request) {
        LogStream s = stream(group(request.logGroup()), request.logStreamName());
        EventWindow.Position from;
        if (request.nextToken() != null) {
            from = EventWindow.parse(request.nextToken());
            if (from == null || from.index() > s.events.size()) {
                throw new SandboxError(400, "InvalidParameterException", "The specified nextToken is invalid.");
            }
        } else {
            from = request.startFromHead() ? new EventWindow.Position(true, 0) : new EventWindow.Position(false, s.events.size());
        }
        List<Long> times = s.events.stream().map(e -> e.timestamp).toList();
        EventWindow.Window w = EventWindow.select(times, request.startTime(), request.endTime(), from,
                limit(request.limit(), MAX_EVENTS, MAX_EVENTS));
        return new Events(w.indexes().stream().map(s.events::get).toList(), EventWindow.token(true, w.forwardPosition()),
                EventWindow.token(false, w.backwardPosition()));
    }

    public Filtered filterLogEvents(FilterLogEvents request) {
        LogGroup g = group(request.logGroup());
        if (!request.logStreamNames().isEmpty() && request.logStreamNamePrefix() != null) {
            throw new SandboxError(400, "InvalidParameterException",
                    "You cannot specify both LogStreamNames and LogStreamNamePrefix parameters in the same request.");
        }
        FilterPattern pattern = FilterPattern.parse(request.filterPattern());
        List<StreamEvent> all = new ArrayList<>();
        for (LogStream s : g.streams.values()) {
            if (!request.logStreamNames().isEmpty() && !request.logStreamNames().contains(s.name)
                    || request.logStreamNamePrefix() != null && !s.name.startsWith(request.logStreamNamePrefix())) {
                continue;
            }
            for (LogEvent e : s.events) {
                if ((request.startTime() == null || e.timestamp >= request.startTime())
                        && (request.endTime() == null || e.timestamp <= request.endTime()) && pattern.matches(e.message)) {
                    all.add(new StreamEvent(s.name, e));
                }
            }
        }
        all.sort(Comparator.comparingLong((StreamEvent e) -> e.event().timestamp).thenComparingLong(e -> e.event().id));
        Slice<StreamEvent> page = Slice.of(all, request.nextToken(), limit(request.limit(), MAX_EVENTS, MAX_EVENTS));
        return new Filtered(page.items(), page.nextToken());
    }

    @Override
    public boolean groupExists(String group) {
        return state.groups.containsKey(group);
    }

    @Override
    public void openStream(String group, String stream, long t) {
        // Reached for a missing group only with awslogs-create-group: true (the ECS simulation refuses the others).
        LogGroup g = state.groups.get(group);
        if (g == null) {
            createLogGroup(group);
            g = state.groups.get(group);
        }
        if (!g.streams.containsKey(stream)) {
            LogStream s = new LogStream();
            s.name = stream;
            s.creationTime = t;
            g.streams.put(stream, s);
        }
    }

    @Override
    public void write(String group, String stream, long timestamp, String message) {
        openStream(group, stream, timestamp);
        LogStream s = state.groups.get(group).streams.get(stream);
        LogEvent e = new LogEvent();
        e.id = state.sequence++;
        e.timestamp = timestamp;
        e.message = message;
        e.ingestionTime = Math.max(timestamp, now.getAsLong());
        int at = s.events.size();
        while (at > 0 && s.events.get(at - 1).timestamp > timestamp) {
            at--;
        }
        s.events.add(at, e);
        s.lastIngestionTime = e.ingestionTime;
    }

    private LogGroup group(String name) {
        LogGroup g = name == null ? null : state.groups.get(name);
        if (g == null) {
            throw new SandboxError(400, "ResourceNotFoundException", "The specified log group does not exist.");
        }
        return g;
    }

    private static LogStream stream(LogGroup g, String name) {
        LogStream s = name == null ? null : g.streams.get(name);
        if (s == null) {
            throw new SandboxError(400, "ResourceNotFoundException", "The specified log stream does not exist.");
        }
        return s;
    }

    private static int limit(Integer requested, int max, int fallback) {
        if (requested == null) {
            return fallback;
        }
        if (requested < 1 || requested > max) {
            throw new SandboxError(400, "InvalidParameterException", "1 validation error detected: Value '" + requested
                    + "' at 'limit' failed to satisfy constraint: Member must have value between 1 and " + max);
        }
        return requested;
    }

    /** One page of a listing; the next token is the offset of the next page, null after the last. */
    private record Slice<T>(List<T> items, String nextToken) {
        static <T> Slice<T> of(List<T> all, String token, int limit) {
            int from = offset(token);
            int to = Math.min(all.size(), from + limit);
            return new Slice<>(from >= to ? List.of() : List.copyOf(all.subList(from, to)), to < all.size() ? Integer.toString(to) : null);
        }

        private static int offset(String token) {
            if (token == null) {
                return 0;
            }
            try {
                int n = Integer.parseInt(token);
                if (n >= 0) {
                    return n;
                }
            } catch (NumberFormatException e) {
                // answered below, as AWS answers a token it did not hand out
            }
            throw new SandboxError(400, "InvalidParameterException", "The specified nextToken is invalid.");
        }
    }

    private static void requireName(String value, String member, String pattern) {
        if (value == null || !value.matches(pattern)) {
            throw new SandboxError(400, "InvalidParameterException", "1 validation error detected: Value '" + value + "' at '" + member
                    + "' failed to satisfy constraint: Member must satisfy regular expression pattern: " + pattern);
        }
    }
}
