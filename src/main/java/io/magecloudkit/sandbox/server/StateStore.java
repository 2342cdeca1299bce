package io.magecloudkit.sandbox.server;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.AccessDeniedException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;

/**
 * The sandbox's state on disk: one JSON snapshot, written to a temporary file, forced to
 * disk and renamed over the old one, so that a kill at any moment leaves either the old or
 * the new snapshot, never a torn one. The temporary file is created new under a unique
 * name, so a link planted next to the state is never followed and two writers never share one.
 */
public final class StateStore {
    static final String FILE = "sandbox-state.json";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Path dir;
    private byte[] lastWritten;

    public StateStore(Path dir) {
        this.dir = dir;
    }

    public Path file() {
        return dir.resolve(FILE);
    }

    /** Proves the directory can hold the state (creating it when missing) by writing and removing a scratch file. */
    public void checkWritable() throws IOException {
        try {
            Files.createDirectories(dir);
            Files.delete(Files.createTempFile(dir, FILE + ".", ".probe"));
        } catch (IOException e) {
            throw new IOException("cannot write the sandbox state directory " + dir + ": " + reason(e), e);
        }
    }

    /** The last snapshot, or null when there is none yet; anything but a JSON object is refused, never overwritten. */
    public JsonNode read() throws IOException {
        Path file = file();
        if (!Files.exists(file)) {
            return null;
        }
        JsonNode snapshot;
        try {
            snapshot = JSON.readTree(file.toFile());
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            var at = e.getLocation();
            // Jackson's own message ends with a source description naming its feature flags: keep only what is wrong.
            String what = String.valueOf(e.getOriginalMessage()).split("\n")[0].replaceFirst(" \\(start marker at .*", "");
            throw new IOException(file + (at == null ? "" : ":" + at.getLineNr() + ":" + at.getColumnNr())
                    + ": the sandbox state is not valid JSON: " + what, e);
        } catch (IOException e) {
            throw new IOException("cannot read the sandbox state " + file + ": " + reason(e), e);
        }
        if (snapshot == null || !snapshot.isObject()) {
            String found = snapshot == null || snapshot.isMissingNode() ? "an empty file" : "JSON " + snapshot.getNodeType().name().toLowerCase();
            throw new IOException(file + ": the sandbox state must be a JSON object, found " + found
                    + " (move the file away to start from an empty sandbox)");
        }
        return snapshot;
    }

    /**
     * Writes the snapshot unless only its clock moved since the last write: the clock is kept
     * so time does not run backwards after a restart, and any real change writes it anew.
     */
    public synchronized void write(JsonNode snapshot) throws IOException {
        byte[] bytes = JSON.writerWithDefaultPrettyPrinter().writeValueAsBytes(snapshot);
        JsonNode withoutClock = snapshot.deepCopy();
        if (withoutClock instanceof ObjectNode o) {
            o.remove("clock");
        }
        byte[] content = JSON.writeValueAsBytes(withoutClock);
        if (lastWritten != null && Arrays.equals(content, lastWritten)) {
            return;
        }
        try {
            Files.createDirectories(dir);
            Path tmp = Files.createTempFile(dir, FILE + ".", ".tmp");
            try {
                try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.WRITE)) {
                    ByteBuffer buf = ByteBuffer.wrap(bytes);
                    while (buf.hasRemaining()) {
                        ch.write(buf);
                    }
                    ch.force(true);
                }
                try {
                    Files.move(tmp, file(), StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
                } catch (AtomicMoveNotSupportedException e) {
                    Files.move(tmp, file(), StandardCopyOption.REPLACE_EXISTING);
                }
            } finally {
                Files.deleteIfExists(tmp);
            }
        } catch (IOException e) {
            throw new IOException("cannot write the sandbox state to " + file() + ": " + reason(e), e);
        }
        lastWritten = content;
    }

    /** The operating system's reason, which NIO keeps apart from the path it puts in the message. */
    static String reason(IOException e) {
        if (e instanceof AccessDeniedException) {
            return "permission denied";
        }
        if (e instanceof FileSystemException f) {
            return f.getReason() != null ? f.getReason() : (e instanceof java.nio.file.NoSuchFileException ? "no such file or directory"
                    : e instanceof java.nio.file.FileAlreadyExistsException ? "a file is in the way" : "I/O error");
        }
        return firstLine(e);
    }

    private static String firstLine(IOException e) {
        return e.getMessage() == null ? "I/O error" : e.getMessage().split("\n")[0];
    }
}
