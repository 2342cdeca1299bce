package io.magecloudkit.sandbox.logs.control;

import java.util.List;

/** The typed requests of the CloudWatch Logs control plane; absent optional members are null, lists never are. */
public final class LogsRequests {
    private LogsRequests() {
    }

    public record DescribeLogGroups(String logGroupNamePrefix, String nextToken, Integer limit) {
    }

    /** @param orderByLastEventTime orderBy LastEventTime rather than LogStreamName */
    public record DescribeLogStreams(String logGroup, String logStreamNamePrefix, boolean orderByLastEventTime, boolean descending,
            String nextToken, Integer limit) {
    }

    public record GetLogEvents(String logGroup, String logStreamName, Long startTime, Long endTime, String nextToken, Integer limit,
            boolean startFromHead) {
    }

    public record FilterLogEvents(String logGroup, List<String> logStreamNames, String logStreamNamePrefix, Long startTime, Long endTime,
            String filterPattern, String nextToken, Integer limit) {
    }
}
