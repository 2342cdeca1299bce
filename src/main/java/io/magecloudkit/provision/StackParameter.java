package io.magecloudkit.provision;

/**
 * One parameter of a rendered stack.
 *
 * @param value  the value, or null while {@code source} has not been created yet (offline rendering)
 * @param source the earlier stack's outputs the value comes from; null for a value from the configuration
 */
public record StackParameter(String key, String value, OutputRef source) {

    static StackParameter literal(String key, Object value) {
        return new StackParameter(key, String.valueOf(value), null);
    }

    /** True when the value is known (from the configuration, or from outputs that exist). */
    public boolean resolved() {
        return value != null;
    }

    /** The value, or a placeholder naming where it will come from: what a parameter file shows. */
    public String valueOrPlaceholder() {
        return value != null ? value : "<" + source + ">";
    }
}
