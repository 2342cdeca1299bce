package io.magecloudkit.sandbox.logs.control;

import io.magecloudkit.sandbox.logs.LogsState.LogEvent;
import io.magecloudkit.sandbox.logs.LogsState.LogGroup;
import io.magecloudkit.sandbox.logs.LogsState.LogStream;
import java.util.List;

/** What the CloudWatch Logs control plane answers; a null nextToken ends the listing. */
public final class LogsResults {
    private LogsResults() {
    }

    public record Groups(List<LogGroup> groups, String nextToken) {
    }

    public record Streams(String group, List<LogStream> streams, String nextToken) {
    }

    public record Events(List<LogEvent> events, String nextForwardToken, String nextBackwardToken) {
    }

    public record StreamEvent(String logStreamName, LogEvent event) {
    }

    public record Filtered(List<StreamEvent> events, String nextToken) {
    }
}
