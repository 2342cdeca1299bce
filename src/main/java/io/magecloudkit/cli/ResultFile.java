package io.magecloudkit.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;

/**
 * The machine-readable result of one command, written atomically (temp file, then rename)
 * so a Jenkins step never reads half a file.
 */
final class ResultFile {
    static final ObjectMapper JSON = new ObjectMapper()
            .findAndRegisterModules()
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .enable(SerializationFeature.INDENT_OUTPUT);

    private ResultFile() {
    }

    static ObjectNode document(String command, int exitCode, Instant started, Instant finished,
            Object result, String errorKind, String errorMessage) {
        ObjectNode doc = JSON.createObjectNode();
        doc.put("command", command);
        doc.put("status", exitCode == ExitCode.OK ? "succeeded" : "failed");
        doc.put("exitCode", exitCode);
        doc.put("version", io.magecloudkit.Version.get());
        doc.put("startedAt", started.toString());
        doc.put("finishedAt", finished.toString());
        if (result != null) {
            doc.set("result", JSON.valueToTree(result));
        }
        if (errorMessage != null) {
            ObjectNode error = doc.putObject("error");
            error.put("kind", errorKind);
            error.put("message", errorMessage);
        }
        return doc;
    }

    static void write(Path file, ObjectNode doc) throws IOException {
        Path target = file.toAbsolutePath();
        Path dir = target.getParent();
        if (dir != null) {
            Files.createDirectories(dir);
        }
        Path tmp = Files.createTempFile(dir, "." + target.getFileName(), ".tmp");
        try {
            JSON.writeValue(tmp.toFile(), doc);
            try {
                Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING);
            }
        } finally {
            Files.deleteIfExists(tmp);
        }
    }
}
