package io.magecloudkit.provision;

import java.time.Instant;

/**
 * One stack event, as the log shows it and the root-cause choice reads it.
 *
 * @param token the ClientRequestToken of the operation that caused it (which run it belongs to)
 */
public record StackEventView(String id, Instant time, String logicalId, String type, String status, String reason,
        String token) {

    /** {@code 12:01:07  Database  AWS::RDS::DBCluster  CREATE_FAILED  reason}. */
    public String line() {
        String t = time == null ? "--:--:--" : time.toString().substring(11, 19);
        return t + "  " + logicalId + "  " + type + "  " + status + (reason == null || reason.isBlank() ? "" : "  " + reason);
    }

    public boolean failed() {
        return status != null && status.endsWith("_FAILED");
    }
}
