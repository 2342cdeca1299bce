package io.magecloudkit.sandbox.botocore;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/** Canned response bodies kept under src/test/resources/io/magecloudkit/sandbox/botocore. */
final class Fixtures {
    private Fixtures() {
    }

    static String fixture(String name) {
        try (InputStream in = Fixtures.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalArgumentException("no test fixture " + name + " next to " + Fixtures.class.getName());
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
