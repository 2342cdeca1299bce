package io.magecloudkit.demo;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * What one {@code mck deploy} reported in its result file (the one app the demo deploys):
 * exit code, the gate's verdict and reason, the task definition, and the rollback if any.
 */
public record DeployOutcome(int exitCode, String verdict, String reason, String taskDefinition, String rollbackHow,
        String rollbackVerdict, String rollbackTaskDefinition) {
    private static final ObjectMapper JSON = new ObjectMapper();

    public static final DeployOutcome NOT_RUN = new DeployOutcome(-1, "not run", null, null, null, null, null);

    /** Reads a deploy's {@code --result-file}; a missing or unreadable file is {@link #NOT_RUN}. */
    public static DeployOutcome read(Path resultFile) {
        JsonNode root;
        try {
            root = JSON.readTree(Files.readString(resultFile));
        } catch (IOException e) {
            return NOT_RUN;
        }
        JsonNode app = root.path("result").path("apps").path(0);
        JsonNode rollback = app.path("rollback");
        return new DeployOutcome(root.path("exitCode").asInt(-1), app.path("verdict").asText(root.path("status").asText("unknown")),
                text(app.path("reason")), text(app.path("taskDefinition")), text(rollback.path("how")), text(rollback.path("verdict")),
                text(rollback.path("taskDefinition")));
    }

    private static String text(JsonNode n) {
        return n.isMissingNode() || n.isNull() ? null : n.asText();
    }

    /** family:revision of the deployed task definition, or "-". */
    public String revision() {
        return Revisions.of(taskDefinition);
    }
}
