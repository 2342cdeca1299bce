package io.magecloudkit.provision;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/** The CloudFormation templates shipped under {@code resources/io/magecloudkit/cloudformation/}. */
public final class CloudFormationTemplates {
    public static final String ROOT = "/io/magecloudkit/cloudformation/";

    private CloudFormationTemplates() {
    }

    /** The text of one template file, e.g. {@code network.yml}. */
    public static String load(String file) {
        try (InputStream in = CloudFormationTemplates.class.getResourceAsStream(ROOT + file)) {
            if (in == null) {
                throw new IllegalStateException("template " + ROOT + file + " is missing from the class path");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read template " + file, e);
        }
    }
}
