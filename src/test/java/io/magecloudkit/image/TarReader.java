package io.magecloudkit.image;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/** Reads a plain (ustar) tar into memory: enough to check an OCI image archive in a test. */
final class TarReader {
    private TarReader() {
    }

    static Map<String, byte[]> read(Path tar) throws IOException {
        try (InputStream in = Files.newInputStream(tar)) {
            return read(in);
        }
    }

    static Map<String, byte[]> read(InputStream in) throws IOException {
        Map<String, byte[]> entries = new LinkedHashMap<>();
        {
            byte[] header = new byte[512];
            while (in.readNBytes(header, 0, 512) == 512) {
                String name = field(header, 0, 100);
                if (name.isEmpty()) {
                    break;
                }
                String prefix = field(header, 345, 155);
                if (!prefix.isEmpty()) {
                    name = prefix + "/" + name;
                }
                long size = Long.parseLong(field(header, 124, 12).trim().isEmpty() ? "0" : field(header, 124, 12).trim(), 8);
                byte[] data = in.readNBytes((int) size);
                long pad = (512 - size % 512) % 512;
                in.skipNBytes(pad);
                if (header[156] == '0' || header[156] == 0) {
                    entries.put(name.startsWith("./") ? name.substring(2) : name, data);
                }
            }
        }
        return entries;
    }

    private static String field(byte[] h, int off, int len) {
        int end = off;
        while (end < off + len && h[end] != 0) {
            end++;
        }
        return new String(h, off, end - off, StandardCharsets.US_ASCII);
    }
}
