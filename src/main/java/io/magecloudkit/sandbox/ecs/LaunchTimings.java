package io.magecloudkit.sandbox.ecs;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;

/**
 * How long a task's launch and stop take on the sandbox clock, in simulated seconds: the
 * {@code launch:} section of the faults (behaviour) file. Absent values take the defaults,
 * which are of the order ECS on EC2 shows: a couple of seconds to provision, tens of seconds
 * to pull an image that is not cached, a few to start the containers, a couple to stop them.
 * A task pulls its containers' images side by side, so it waits for the slowest.
 *
 * <pre>
 * launch:
 *   provisioningSeconds: 2
 *   pullSeconds: 20
 *   startSeconds: 3
 *   stopSeconds: 2
 *   images:
 *     - image: registry/php-fpm     # a repository (any tag) or one image reference
 *       pullSeconds: 45
 * </pre>
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record LaunchTimings(Integer provisioningSeconds, Integer pullSeconds, Integer startSeconds, Integer stopSeconds,
        List<ImagePull> images) {
    public static final int DEFAULT_PROVISIONING_SECONDS = 2;
    public static final int DEFAULT_PULL_SECONDS = 20;
    public static final int DEFAULT_START_SECONDS = 3;
    public static final int DEFAULT_STOP_SECONDS = 2;
    public static final LaunchTimings DEFAULT = new LaunchTimings(null, null, null, null, null);

    public LaunchTimings {
        images = images == null ? List.of() : List.copyOf(images);
        for (Integer s : new Integer[] {provisioningSeconds, pullSeconds, startSeconds, stopSeconds}) {
            if (s != null && s < 0) {
                throw new IllegalArgumentException("durations must not be negative, got " + s);
            }
        }
    }

    /** A pull time for one repository (any tag or digest) or one exact image reference. */
    public record ImagePull(String image, int pullSeconds) {
        public ImagePull {
            if (image == null || pullSeconds < 0) {
                throw new IllegalArgumentException("each entry needs an image and pullSeconds >= 0");
            }
        }

        boolean matches(String reference) {
            return reference.equals(image) || reference.startsWith(image + ":") || reference.startsWith(image + "@");
        }
    }

    public long provisioningMillis() {
        return 1000L * (provisioningSeconds == null ? DEFAULT_PROVISIONING_SECONDS : provisioningSeconds);
    }

    public long startMillis() {
        return 1000L * (startSeconds == null ? DEFAULT_START_SECONDS : startSeconds);
    }

    public long stopMillis() {
        return 1000L * (stopSeconds == null ? DEFAULT_STOP_SECONDS : stopSeconds);
    }

    /** The pull time of a task: its slowest image's. */
    public long pullMillis(List<String> imageReferences) {
        long out = 0;
        for (String reference : imageReferences) {
            int seconds = pullSeconds == null ? DEFAULT_PULL_SECONDS : pullSeconds;
            for (ImagePull pull : images) {
                if (reference != null && pull.matches(reference)) {
                    seconds = pull.pullSeconds();
                    break;
                }
            }
            out = Math.max(out, 1000L * seconds);
        }
        return out;
    }
}
