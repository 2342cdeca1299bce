package io.magecloudkit.config;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.yaml.snakeyaml.nodes.Node;

/**
 * Collects every error of one file, and remembers where each key path is so rules that run on
 * the model can still point at a line and column.
 */
final class Problems {
    private final String file;
    private final List<ConfigError> errors = new ArrayList<>();
    private final List<ConfigError> warnings = new ArrayList<>();
    private final Map<String, Location> locations = new HashMap<>();

    Problems(String file) {
        this.file = file;
    }

    String file() {
        return file;
    }

    void add(Location at, String path, String message) {
        errors.add(new ConfigError(file, at.line(), at.column(), path, message));
    }

    /** Worth a look but not wrong: printed, never fails validation. */
    void warn(Location at, String path, String message) {
        warnings.add(new ConfigError(file, at.line(), at.column(), path, message));
    }

    void add(Node node, String path, String message) {
        add(Location.of(node.getStartMark()), path, message);
    }

    /** A rule's finding, located at its path or, when that path was defaulted, the nearest written parent. */
    void add(Problem problem) {
        add(locate(problem.path()), problem.path(), problem.message());
    }

    void addAll(List<Problem> found) {
        found.forEach(this::add);
    }

    void remember(String path, Location at) {
        locations.putIfAbsent(path, at);
    }

    Location locate(String path) {
        String p = path;
        while (!p.isEmpty()) {
            Location at = locations.get(p);
            if (at != null) {
                return at;
            }
            int cut = Math.max(p.lastIndexOf('.'), p.lastIndexOf('['));
            p = cut < 0 ? "" : p.substring(0, cut);
        }
        return Location.UNKNOWN;
    }

    /** How many errors so far: a reader compares before and after to skip checks on what it could not read. */
    int count() {
        return errors.size();
    }

    boolean isEmpty() {
        return errors.isEmpty();
    }

    /** In file order, so the user fixes them top to bottom. */
    List<ConfigError> sorted() {
        return inFileOrder(errors);
    }

    List<ConfigError> sortedWarnings() {
        return inFileOrder(warnings);
    }

    private static List<ConfigError> inFileOrder(List<ConfigError> list) {
        List<ConfigError> copy = new ArrayList<>(list);
        copy.sort(Comparator.comparingInt(ConfigError::line).thenComparingInt(ConfigError::column)
                .thenComparing(ConfigError::path).thenComparing(ConfigError::message));
        return copy;
    }
}
