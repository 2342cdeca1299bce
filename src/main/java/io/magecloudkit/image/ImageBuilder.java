package io.magecloudkit.image;

import io.magecloudkit.EventSink;

/** The image step's façade: the CLI and the tests call this and nothing else of the package. */
public final class ImageBuilder {
    /**
     * Builds the requested images and puts them where the request says.
     *
     * @throws io.magecloudkit.MckException USAGE for bad input (not a built Magento tree, unknown
     *         image, missing base image), AWS_ACCESS when a registry or AWS refuses the credentials,
     *         OPERATION_FAILED for a tag that already exists with other content or a failed push
     */
    public BuildResult build(BuildRequest request, EventSink events) {
        return switch (request.builder()) {
            case JIB -> new JibBuild(request, events).run();
            case DOCKER, BUILDAH -> new CliBuild(request, events).run();
        };
    }
}
