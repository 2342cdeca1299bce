package io.magecloudkit.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.magecloudkit.AtomicFile;
import io.magecloudkit.EventSink;
import io.magecloudkit.MckException;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;

/** The machine-readable result of one command (what the Jenkins steps read). */
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

    /**
     * Refuses, before the command runs, a result file that could never be written: an empty
     * name, a directory, or a path under something that is not a directory.
     *
     * @throws MckException (usage) naming the problem
     */
    static void check(Path file) {
        if (file.toString().isEmpty()) {
            throw usage("--result-file needs a file name, got an empty one");
        }
        Path target = file.toAbsolutePath();
        if (Files.isDirectory(target)) {
            throw usage("--result-file " + file + " is a directory: give a file name inside it");
        }
        for (Path dir = target.getParent(); dir != null; dir = dir.getParent()) {
            if (Files.exists(dir)) {
                if (!Files.isDirectory(dir)) {
                    throw usage("--result-file " + file + ": " + dir + " is not a directory");
                }
                return;
            }
        }
    }

    /**
     * Writes the document. A regular file (or none) is replaced atomically: temp file, then rename,
     * so a Jenkins step never reads half a file. Anything else that exists (a device such as
     * /dev/null or /dev/stdout, a FIFO) is written in place and never replaced by a rename.
     * Missing parent directories are created, and the sink is told.
     *
     * @throws IOException with a message that keeps the reason ("permission denied")
     */
    static void write(Path file, ObjectNode doc, EventSink events) throws IOException {
        Path target = file.toAbsolutePath();
        if (Files.exists(target)) {
            target = target.toRealPath(); // a symlink stays a symlink: write where it points
            if (!Files.isRegularFile(target, LinkOption.NOFOLLOW_LINKS)) {
                if (Files.isDirectory(target)) {
                    throw new IOException(target + " is a directory");
                }
                try (OutputStream out = Files.newOutputStream(target, StandardOpenOption.WRITE)) {
                    out.write(JSON.writeValueAsBytes(doc));
                }
                return;
            }
        }
        Path dir = target.getParent();
        if (dir != null && !Files.isDirectory(dir)) {
            Files.createDirectories(dir);
            events.info("created directory " + dir + " for the result file");
        }
        AtomicFile.replace(target, JSON.writeValueAsBytes(doc));
    }

    private static MckException usage(String message) {
        return new MckException(MckException.Kind.USAGE, message);
    }
}
