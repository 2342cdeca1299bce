package io.magecloudkit;

import java.util.ArrayList;
import java.util.List;

/**
 * System properties a test sets, put back as they were when it closes: a later test in the
 * same JVM sees what it would have seen without this one.
 *
 * <pre>
 * try (TestProperties p = TestProperties.set("aws.accessKeyId", "AKID", "aws.secretAccessKey", "s")) { ... }
 * </pre>
 */
public final class TestProperties implements AutoCloseable {
    private record Previous(String name, String value) {
    }

    private final List<Previous> previous = new ArrayList<>();

    private TestProperties() {
    }

    /** Sets name/value pairs, remembering what each was (null: not set). */
    public static TestProperties set(String... namesAndValues) {
        if (namesAndValues.length % 2 != 0) {
            throw new IllegalArgumentException("names and values come in pairs");
        }
        TestProperties properties = new TestProperties();
        for (int i = 0; i < namesAndValues.length; i += 2) {
            properties.previous.add(new Previous(namesAndValues[i], System.setProperty(namesAndValues[i], namesAndValues[i + 1])));
        }
        return properties;
    }

    /** Restores in reverse order, so a property set twice ends as it began. */
    @Override
    public void close() {
        for (int i = previous.size() - 1; i >= 0; i--) {
            Previous p = previous.get(i);
            if (p.value() == null) {
                System.clearProperty(p.name());
            } else {
                System.setProperty(p.name(), p.value());
            }
        }
        previous.clear();
    }
}
