package io.magecloudkit.image;

import java.util.List;

/**
 * What was built. Goes into the JSON result the deploy step reads.
 *
 * @param tag     the tag all images share
 * @param images  one entry per image, in name order
 * @param seconds wall time of the whole build
 */
public record BuildResult(String tag, List<ImageResult> images, double seconds) {
    public BuildResult {
        images = List.copyOf(images);
    }

    /**
     * One image.
     *
     * @param name          nginx, php-fpm, blackfire
     * @param repository    registry/repository (or the tar file for a tar target)
     * @param tag           the immutable tag
     * @param digest        manifest digest (sha256:...)
     * @param reference     repository@digest, what a task definition should name
     * @param status        pushed, unchanged (the tag already had this digest) or written (tar)
     * @param pushedLayers  layers uploaded (counted from Jib's push events)
     * @param skippedLayers layers the registry already had
     * @param bytesPushed   compressed bytes of the uploaded blobs (layers and config)
     */
    public record ImageResult(String name, String repository, String tag, String digest, String reference,
            String status, int pushedLayers, int skippedLayers, long bytesPushed) {
    }
}
