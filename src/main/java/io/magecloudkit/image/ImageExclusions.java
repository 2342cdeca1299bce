package io.magecloudkit.image;

import io.magecloudkit.MckException;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * What of the Magento tree never goes into an image: runtime state, media, version control,
 * secrets of the build agent (auth.json, .env, .npmrc, SSH and cloud credentials, app/etc/env.php)
 * and logs. One list for both builders: the packaged {@code app.dockerignore} is it (docker and
 * buildah read it as their ignore file, the Jib builder matches with it here), and a project adds
 * patterns with {@code images.exclude}. Patterns follow .dockerignore: {@code *} and {@code ?} within
 * one folder, {@code **} across folders, {@code [...]} a character class; a pattern that matches a
 * folder takes everything under it. Re-inclusion ({@code !}) is refused: it could bring a secret back.
 */
public final class ImageExclusions {
    static final String DEFAULT_RESOURCE = "/io/magecloudkit/docker/app.dockerignore";
    private static final ImageExclusions DEFAULTS = new ImageExclusions(readDefaults(), List.of());

    private final List<String> defaults;
    private final List<String> extra;
    private final List<Pattern> compiled = new ArrayList<>();

    private ImageExclusions(List<String> defaults, List<String> extra) {
        this.defaults = List.copyOf(defaults);
        this.extra = List.copyOf(extra);
        for (String p : defaults) {
            compiled.add(Pattern.compile(toRegex(p)));
        }
        for (String p : extra) {
            String problem = problem(p);
            if (problem != null) {
                throw new MckException(MckException.Kind.USAGE, "images.exclude: '" + p + "' " + problem);
            }
            compiled.add(Pattern.compile(toRegex(normalize(p))));
        }
    }

    /** The packaged list alone. */
    public static ImageExclusions defaults() {
        return DEFAULTS;
    }

    /**
     * The packaged list plus a project's own patterns.
     *
     * @throws MckException USAGE naming the first pattern that is not valid
     */
    public static ImageExclusions withExtra(List<String> extra) {
        return extra == null || extra.isEmpty() ? DEFAULTS : new ImageExclusions(DEFAULTS.defaults, extra);
    }

    /** Why a user pattern cannot be used, or null when it can. */
    public static String problem(String pattern) {
        if (pattern == null || pattern.isBlank()) {
            return "is empty";
        }
        if (pattern.startsWith("!")) {
            return "re-includes files; only exclusions are allowed (a re-inclusion could bring a secret back)";
        }
        if (pattern.chars().anyMatch(c -> c < 0x20 || c == 0x7f)) {
            return "holds a control character";
        }
        String n = normalize(pattern);
        if (n.isEmpty() || n.equals(".") || n.replace("*", "").replace("/", "").isEmpty()) {
            return "would leave out the whole tree";
        }
        for (String segment : n.split("/")) {
            if (segment.equals("..")) {
                return "leaves the tree ('..')";
            }
        }
        int open = 0;
        for (char c : n.toCharArray()) {
            open += c == '[' ? 1 : c == ']' ? -1 : 0;
            if (open < 0 || open > 1) {
                return "has unbalanced [ ]";
            }
        }
        return open == 0 ? null : "has unbalanced [ ]";
    }

    /** Whether a tree-relative path ('/'-separated), or a folder above it, is left out. */
    public boolean excludes(String path) {
        String p = path.endsWith("/") ? path.substring(0, path.length() - 1) : path;
        while (!p.isEmpty()) {
            for (Pattern pattern : compiled) {
                if (pattern.matcher(p).matches()) {
                    return true;
                }
            }
            int slash = p.lastIndexOf('/');
            p = slash < 0 ? "" : p.substring(0, slash);
        }
        return false;
    }

    /** The project's own patterns, as given. */
    public List<String> extra() {
        return extra;
    }

    /**
     * The ignore file the docker and buildah builders use: the packaged one, then the project's
     * patterns.
     */
    public String dockerignore() {
        String packaged = readResource();
        if (extra.isEmpty()) {
            return packaged;
        }
        StringBuilder out = new StringBuilder(packaged);
        if (!packaged.endsWith("\n")) {
            out.append('\n');
        }
        out.append("# images.exclude of magecloudkit.yml\n");
        extra.forEach(p -> out.append(normalize(p)).append('\n'));
        return out.toString();
    }

    private static String normalize(String pattern) {
        String p = pattern.strip();
        while (p.startsWith("./")) {
            p = p.substring(2);
        }
        while (p.startsWith("/")) {
            p = p.substring(1);
        }
        while (p.endsWith("/")) {
            p = p.substring(0, p.length() - 1);
        }
        return p;
    }

    /** moby/patternmatcher's rules as a regular expression over the whole path. */
    static String toRegex(String glob) {
        StringBuilder re = new StringBuilder();
        for (int i = 0; i < glob.length(); i++) {
            char c = glob.charAt(i);
            if (c == '*' && i + 1 < glob.length() && glob.charAt(i + 1) == '*') {
                i++;
                if (i + 1 < glob.length() && glob.charAt(i + 1) == '/') {
                    i++;
                    re.append("(?:.*/)?");
                } else {
                    re.append(".*");
                }
            } else if (c == '*') {
                re.append("[^/]*");
            } else if (c == '?') {
                re.append("[^/]");
            } else if (c == '[') {
                int end = glob.indexOf(']', i);
                String body = glob.substring(i + 1, end);
                re.append('[').append(body.startsWith("^") || body.startsWith("!") ? "^" + quoteClass(body.substring(1))
                        : quoteClass(body)).append(']');
                i = end;
            } else {
                re.append(Pattern.quote(String.valueOf(c)));
            }
        }
        return re.toString();
    }

    private static String quoteClass(String body) {
        StringBuilder out = new StringBuilder();
        for (char c : body.toCharArray()) {
            out.append(c == '-' ? "-" : Character.isLetterOrDigit(c) ? String.valueOf(c) : "\\" + c);
        }
        return out.toString();
    }

    private static List<String> readDefaults() {
        List<String> out = new ArrayList<>();
        for (String line : readResource().split("\n")) {
            String t = line.strip();
            if (!t.isEmpty() && !t.startsWith("#")) {
                String problem = problem(t);
                if (problem != null) {
                    throw new IllegalStateException(DEFAULT_RESOURCE + ": '" + t + "' " + problem);
                }
                out.add(normalize(t));
            }
        }
        return out;
    }

    private static String readResource() {
        try (InputStream in = ImageExclusions.class.getResourceAsStream(DEFAULT_RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException(DEFAULT_RESOURCE + " is missing from mck.jar");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
