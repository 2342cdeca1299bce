package io.magecloudkit.image;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.magecloudkit.MckException;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.zip.GZIPInputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;

/**
 * A base image tar as {@code docker save} writes it, checked before Jib opens it. Jib resolves the
 * manifest's {@code Config} and {@code Layers} paths against the folder it extracts to without
 * looking where they lead, so {@code "../../etc/passwd"} would put an agent file into the pushed
 * image: every path must name a regular file inside the archive.
 */
final class BaseImageTar {
    /** A manifest.json larger than this is not one docker wrote. */
    private static final int MAX_MANIFEST = 1 << 20;
    private static final ObjectMapper JSON = new ObjectMapper();

    private BaseImageTar() {
    }

    /**
     * @param tar  the file after {@code tar://}
     * @param what how messages name it, e.g. "base image tar:///x.tar of php-fpm"
     * @throws MckException USAGE with one line naming the problem
     */
    static void check(Path tar, String what) {
        if (Files.isDirectory(tar)) {
            throw usage(what, "is a directory, not a tar file");
        }
        if (!Files.isRegularFile(tar)) {
            throw usage(what, "does not exist");
        }
        Map<String, Boolean> entries = new HashMap<>(); // name -> regular file
        byte[] manifest = null;
        try (InputStream file = new BufferedInputStream(Files.newInputStream(tar));
                TarArchiveInputStream in = new TarArchiveInputStream(gzipped(file) ? new GZIPInputStream(file) : file)) {
            TarArchiveEntry e;
            while ((e = in.getNextEntry()) != null) {
                String name = normalize(e.getName());
                if (name == null) {
                    throw usage(what, "holds the entry '" + e.getName() + "' that points outside the archive");
                }
                entries.put(name, e.isFile() && !e.isSymbolicLink() && !e.isLink());
                if (name.equals("manifest.json") && e.isFile()) {
                    if (e.getSize() > MAX_MANIFEST) {
                        throw usage(what, "has a manifest.json of " + e.getSize() + " bytes; docker save writes a small one");
                    }
                    manifest = in.readAllBytes();
                }
            }
        } catch (IOException | IllegalArgumentException e) {
            throw usage(what, "is not a readable tar archive (corrupt or truncated)");
        }
        if (entries.isEmpty()) {
            throw usage(what, "is not a readable tar archive (empty, corrupt or truncated)");
        }
        if (manifest == null) {
            throw usage(what, "has no manifest.json; give a tar as 'docker save' writes it");
        }
        JsonNode root;
        try {
            root = JSON.readTree(manifest);
        } catch (IOException e) {
            throw usage(what, "has a manifest.json that is not valid JSON");
        }
        String shape = "expected [{\"Config\": \"<file>\", \"Layers\": [\"<file>\", ...]}] as docker save writes";
        if (root == null || !root.isArray() || root.isEmpty()) {
            throw usage(what, "has a manifest.json of the wrong shape: " + shape);
        }
        for (JsonNode image : root) {
            JsonNode config = image.get("Config");
            JsonNode layers = image.get("Layers");
            if (config == null || !config.isTextual() || layers == null || !layers.isArray()) {
                throw usage(what, "has a manifest.json of the wrong shape: " + shape);
            }
            requireEntry(what, entries, "Config", config);
            for (JsonNode layer : layers) {
                requireEntry(what, entries, "layer", layer);
            }
        }
    }

    private static void requireEntry(String what, Map<String, Boolean> entries, String kind, JsonNode value) {
        if (!value.isTextual()) {
            throw usage(what, "has a manifest.json whose " + kind + " is not a file name: " + value);
        }
        String name = normalize(value.asText());
        if (name == null) {
            throw usage(what, "names " + kind + " '" + value.asText() + "', which is outside the archive");
        }
        Boolean regular = entries.get(name);
        if (regular == null) {
            throw usage(what, "names " + kind + " '" + value.asText() + "', which is not in the archive");
        }
        if (!regular) {
            throw usage(what, "names " + kind + " '" + value.asText() + "', which is not a regular file in the archive");
        }
    }

    /** The archive-relative path, or null when it is absolute or climbs out with "..". */
    static String normalize(String name) {
        if (name.isEmpty() || name.startsWith("/") || name.contains("\\") || name.indexOf('\0') >= 0) {
            return null;
        }
        StringBuilder out = new StringBuilder();
        for (String segment : name.split("/")) {
            if (segment.isEmpty() || segment.equals(".")) {
                continue;
            }
            if (segment.equals("..")) {
                return null;
            }
            out.append(out.isEmpty() ? "" : "/").append(segment);
        }
        return out.toString();
    }

    private static boolean gzipped(InputStream in) throws IOException {
        in.mark(2);
        int a = in.read();
        int b = in.read();
        in.reset();
        return a == 0x1f && b == 0x8b;
    }

    private static MckException usage(String what, String problem) {
        return new MckException(MckException.Kind.USAGE, what + " " + problem);
    }
}
