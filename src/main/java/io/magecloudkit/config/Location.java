package io.magecloudkit.config;

/** A 1-based line and column in the file; 0 when unknown. */
record Location(int line, int column) {
    static final Location UNKNOWN = new Location(0, 0);

    static Location of(org.yaml.snakeyaml.error.Mark mark) {
        return mark == null ? UNKNOWN : new Location(mark.getLine() + 1, mark.getColumn() + 1);
    }
}
