package io.magecloudkit.sandbox.elbv2.sim;

import java.util.List;

/**
 * What a task's web container answers to a request, as configured for its image or family
 * (the faults file's {@code answers}); a null body means the default answer's body.
 */
public record ImageAnswer(int status, String body) {
    /** Looks up the configured answer for a task's images and family, or null for the default. */
    public interface Source {
        ImageAnswer forTask(String family, List<String> images, String path);
    }
}
