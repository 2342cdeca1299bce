package io.magecloudkit.sandbox.logs.wire;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.magecloudkit.sandbox.SandboxError;
import io.magecloudkit.sandbox.ecs.wire.JsonFields;
import io.magecloudkit.sandbox.logs.LogsState.LogEvent;
import io.magecloudkit.sandbox.logs.LogsState.LogGroup;
import io.magecloudkit.sandbox.logs.LogsState.LogStream;
import io.magecloudkit.sandbox.logs.control.LogsControlPlane;
import io.magecloudkit.sandbox.logs.control.LogsRequests.DescribeLogGroups;
import io.magecloudkit.sandbox.logs.control.LogsRequests.DescribeLogStreams;
import io.magecloudkit.sandbox.logs.control.LogsRequests.FilterLogEvents;
import io.magecloudkit.sandbox.logs.control.LogsRequests.GetLogEvents;
import io.magecloudkit.sandbox.logs.control.LogsResults;

/**
 * CloudWatch Logs over JSON 1.1 ({@code Logs_20140328.*}): CreateLogGroup, DescribeLogGroups,
 * DescribeLogStreams, GetLogEvents, FilterLogEvents. Timestamps are epoch milliseconds on this
 * API's wire, not the seconds other JSON services use.
 */
public final class LogsJsonApi {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final LogsControlPlane logs;
    private final String region;
    private final String accountId;

    public LogsJsonApi(LogsControlPlane logs, String region, String accountId) {
        this.logs = logs;
        this.region = region;
        this.accountId = accountId;
    }

    public ObjectNode handle(String operation, JsonNode body) {
        JsonFields in = JsonFields.of(body);
        return switch (operation) {
            case "CreateLogGroup" -> {
                in.string("kmsKeyId");
                logs.createLogGroup(in.string("logGroupName"));
                yield JSON.createObjectNode();
            }
            case "DescribeLogGroups" -> groups(logs.describeLogGroups(
                    new DescribeLogGroups(in.string("logGroupNamePrefix"), in.string("nextToken"), in.integer("limit"))));
            case "DescribeLogStreams" -> streams(logs.describeLogStreams(describeLogStreams(in)));
            case "GetLogEvents" -> events(logs.getLogEvents(new GetLogEvents(group(in), in.string("logStreamName"),
                    in.longInteger("startTime"), in.longInteger("endTime"), in.string("nextToken"), in.integer("limit"),
                    in.bool("startFromHead"))));
            case "FilterLogEvents" -> filtered(logs.filterLogEvents(new FilterLogEvents(group(in), in.strings("logStreamNames"),
                    in.string("logStreamNamePrefix"), in.longInteger("startTime"), in.longInteger("endTime"), in.string("filterPattern"),
                    in.string("nextToken"), in.integer("limit"))));
            default -> throw new SandboxError(400, "UnknownOperationException", null);
        };
    }

    public static boolean mutates(String operation) {
        return !(operation.startsWith("Describe") || operation.startsWith("Get") || operation.startsWith("Filter"));
    }

    private static DescribeLogStreams describeLogStreams(JsonFields in) {
        String orderBy = in.string("orderBy");
        if (orderBy != null && !orderBy.equals("LogStreamName") && !orderBy.equals("LastEventTime")) {
            throw new SandboxError(400, "InvalidParameterException", "1 validation error detected: Value '" + orderBy
                    + "' at 'orderBy' failed to satisfy constraint: Member must satisfy enum value set: [LogStreamName, LastEventTime]");
        }
        return new DescribeLogStreams(group(in), in.string("logStreamNamePrefix"), "LastEventTime".equals(orderBy), in.bool("descending"),
                in.string("nextToken"), in.integer("limit"));
    }

    /** logGroupName or logGroupIdentifier (a name or an ARN), not both. */
    private static String group(JsonFields in) {
        String name = in.string("logGroupName");
        String identifier = in.string("logGroupIdentifier");
        if (name != null && identifier != null) {
            throw new SandboxError(400, "InvalidParameterException", "LogGroup name and LogGroup ARN are mutually exclusive parameters.");
        }
        if (identifier != null && identifier.startsWith("arn:")) {
            String rest = identifier.substring(identifier.indexOf(":log-group:") + ":log-group:".length());
            return rest.endsWith(":*") ? rest.substring(0, rest.length() - 2) : rest;
        }
        return name != null ? name : identifier;
    }

    private ObjectNode groups(LogsResults.Groups result) {
        ObjectNode out = JSON.createObjectNode();
        ArrayNode list = out.putArray("logGroups");
        for (LogGroup g : result.groups()) {
            list.addObject().put("logGroupName", g.name).put("creationTime", g.creationTime).put("metricFilterCount", 0)
                    .put("arn", groupArn(g.name) + ":*").put("storedBytes", 0);
        }
        putToken(out, "nextToken", result.nextToken());
        return out;
    }

    private ObjectNode streams(LogsResults.Streams result) {
        ObjectNode out = JSON.createObjectNode();
        ArrayNode list = out.putArray("logStreams");
        for (LogStream s : result.streams()) {
            ObjectNode n = list.addObject().put("logStreamName", s.name).put("creationTime", s.creationTime);
            if (!s.events.isEmpty()) {
                n.put("firstEventTimestamp", s.events.get(0).timestamp).put("lastEventTimestamp", s.events.get(s.events.size() - 1).timestamp);
            }
            if (s.lastIngestionTime != null) {
                n.put("lastIngestionTime", s.lastIngestionTime);
            }
            n.put("arn", groupArn(result.group()) + ":log-stream:" + s.name).put("storedBytes", 0);
        }
        putToken(out, "nextToken", result.nextToken());
        return out;
    }

    private static ObjectNode events(LogsResults.Events result) {
        ObjectNode out = JSON.createObjectNode();
        ArrayNode list = out.putArray("events");
        for (LogEvent e : result.events()) {
            list.addObject().put("timestamp", e.timestamp).put("message", e.message).put("ingestionTime", e.ingestionTime);
        }
        out.put("nextForwardToken", result.nextForwardToken()).put("nextBackwardToken", result.nextBackwardToken());
        return out;
    }

    private static ObjectNode filtered(LogsResults.Filtered result) {
        ObjectNode out = JSON.createObjectNode();
        ArrayNode list = out.putArray("events");
        for (LogsResults.StreamEvent se : result.events()) {
            LogEvent e = se.event();
            list.addObject().put("logStreamName", se.logStreamName()).put("timestamp", e.timestamp).put("message", e.message)
                    .put("ingestionTime", e.ingestionTime).put("eventId", String.format("%056d", e.id));
        }
        putToken(out, "nextToken", result.nextToken());
        return out;
    }

    private String groupArn(String name) {
        return "arn:aws:logs:" + region + ":" + accountId + ":log-group:" + name;
    }

    private static void putToken(ObjectNode out, String field, String token) {
        if (token != null) {
            out.put(field, token);
        }
    }
}
