package io.magecloudkit.image;

import com.google.cloud.tools.jib.api.ImageReference;
import com.google.cloud.tools.jib.api.InvalidImageReferenceException;
import io.magecloudkit.MckException;
import java.util.Optional;

/**
 * Whether an image exists in an OCI registry, asked by digest through the registry's HTTP API
 * ({@code HEAD /v2/<repository>/manifests/<digest>}, accepting OCI index and manifest and Docker v2
 * manifest and list): the deploy preflight's question for images outside ECR. The same client,
 * auth flows (Basic, Bearer token from the WWW-Authenticate realm) and credential rules as
 * build-images ({@link RegistryApi}).
 */
public final class RegistryManifests {
    private RegistryManifests() {
    }

    /**
     * An image reference split as the registry API needs it (Docker Hub's short names resolved).
     *
     * @param digest null when the reference is pinned by tag only
     */
    public record Reference(String registry, String repository, String digest) {
        @Override
        public String toString() {
            return registry + "/" + repository + (digest == null ? "" : "@" + digest);
        }
    }

    /** The parts of a reference; empty when it is not a valid image reference. */
    public static Optional<Reference> parse(String reference) {
        try {
            ImageReference r = ImageReference.parse(reference);
            return Optional.of(new Reference(r.getRegistry(), r.getRepository(), r.getDigest().orElse(null)));
        } catch (InvalidImageReferenceException e) {
            return Optional.empty();
        }
    }

    /**
     * Whether the registry has a manifest (image or index) with this digest.
     *
     * @param login null for anonymous access
     * @throws RegistryAccessException when the registry cannot be reached or refuses the login (exit 3)
     * @throws MckException            (operation failed) for any other answer than found / not found
     */
    public static boolean exists(Reference image, RegistryLogin login) {
        if (image.digest() == null) {
            throw new IllegalArgumentException("not pinned by digest: " + image);
        }
        return new RegistryApi(image.registry(), login).manifestExists(image.repository(), image.digest());
    }
}
