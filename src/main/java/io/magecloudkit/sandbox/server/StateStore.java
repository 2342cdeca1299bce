package io.magecloudkit.sandbox.server;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;

/**
 * The sandbox's state on disk: one JSON snapshot, written to a temporary file, forced to
 * disk and renamed over the old one, so that a kill at any moment leaves either the old or
 * the new snapshot, never a torn one.
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

    /** The last snapshot, or null when there is none yet. */
    public JsonNode read() throws IOException {
        Path file = file();
        if (!Files.exists(file)) {
            return null;
        }
        try {
            return JSON.readTree(file.toFile());
        } catch (IOException e) {
            throw new IOException(file + ": the sandbox state is not valid JSON (" + e.getMessage().split("\n")[0] + ")", e);
        }
    }

    /**
     * Writes the snapshot unless only its clock moved since the last write: the clock is kept
     * so time does not run backwards after a restart, and any real change writes it anew.
     */
    public synchronized void write(JsonNode snapshot) throws IOException {
        byte[] bytes = JSON.writerWithDefaultPrettyPrinter().writeValueAsBytes(snapshot);
        JsonNode withoutClock = snapshot.deepCopy();
        if (withoutClock instanceof com.fasterxml.jackson.databind.node.ObjectNode o) {
            o.remove("clock");
        }
        byte[] content = JSON.writeValueAsBytes(withoutClock);
        if (lastWritten != null && Arrays.equals(content, lastWritten)) {
            return;
        }
        Files.createDirectories(dir);
        Path tmp = dir.resolve(FILE + ".tmp");
        try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.TRUNCATE_EXISTING)) {
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
        lastWritten = content;
    }
}
