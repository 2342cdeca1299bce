package io.magecloudkit.image;

import io.magecloudkit.MckException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The build-context files a Dockerfile's COPY and ADD instructions read, so a base image's context
 * can hold exactly those. The Dockerfile is the source of truth, not images.yml's {@code files}.
 * Pure: parses text. Only the shell form with plain relative paths is accepted; anything else
 * (JSON form, globs, folders, URLs, {@code ..}) is refused rather than guessed at.
 */
final class DockerfileCopies {
    private DockerfileCopies() {
    }

    /**
     * @param dockerfile the Dockerfile text
     * @param name       its name, for messages
     * @return the context-relative sources, in order of first use, without duplicates
     */
    static List<String> sources(String dockerfile, String name) {
        Set<String> out = new LinkedHashSet<>();
        for (String instruction : instructions(dockerfile)) {
            String[] words = instruction.trim().split("\\s+");
            String keyword = words[0].toUpperCase(Locale.ROOT);
            if (!keyword.equals("COPY") && !keyword.equals("ADD")) {
                continue;
            }
            List<String> args = new ArrayList<>();
            boolean fromStage = false;
            for (int i = 1; i < words.length; i++) {
                if (words[i].startsWith("--")) {
                    fromStage |= words[i].startsWith("--from=");
                } else {
                    args.add(words[i]);
                }
            }
            if (fromStage) {
                continue; // reads another stage or image, not the context
            }
            if (args.size() < 2 || args.get(0).startsWith("[")) {
                throw new MckException(MckException.Kind.USAGE, name + ": cannot read the sources of '" + instruction.trim()
                        + "' (only 'COPY [--flag...] SRC... DEST' with plain paths is supported)");
            }
            for (String src : args.subList(0, args.size() - 1)) {
                if (src.startsWith("/") || src.contains("..") || src.endsWith("/") || src.contains("://")
                        || src.chars().anyMatch(c -> "*?[$".indexOf(c) >= 0)) {
                    throw new MckException(MckException.Kind.USAGE, name + ": COPY source '" + src
                            + "' is not a plain file path relative to the resources root");
                }
                out.add(src.startsWith("./") ? src.substring(2) : src);
            }
        }
        return List.copyOf(out);
    }

    /** Instructions with line continuations joined; comments and blank lines dropped. */
    private static List<String> instructions(String text) {
        List<String> out = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        for (String line : text.split("\r?\n")) {
            String t = line.strip();
            if (t.startsWith("#") || (t.isEmpty() && current.isEmpty())) {
                continue;
            }
            if (t.endsWith("\\")) {
                current.append(t, 0, t.length() - 1).append(' ');
                continue;
            }
            current.append(t);
            if (!current.toString().isBlank()) {
                out.add(current.toString());
            }
            current.setLength(0);
        }
        if (!current.toString().isBlank()) {
            out.add(current.toString());
        }
        return out;
    }
}
