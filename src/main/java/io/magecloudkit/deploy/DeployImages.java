package io.magecloudkit.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.magecloudkit.MckException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/** Container name → image pinned by digest: from a build-images result file and/or {@code CONTAINER=REF} pairs. */
public final class DeployImages {
    private static final ObjectMapper JSON = new ObjectMapper();

    private DeployImages() {
    }

    /**
     * Reads the images of a {@code mck build-images --result-file} document (its {@code result.images}),
     * or of a bare build result ({@code images} at the top).
     */
    public static Map<String, ImageRef> fromResultFile(Path file) {
        JsonNode root;
        try {
            root = JSON.readTree(Files.readString(file));
        } catch (NoSuchFileException e) {
            throw new MckException(MckException.Kind.USAGE, "--images: " + file + " not found");
        } catch (IOException e) {
            throw new MckException(MckException.Kind.USAGE, "--images: " + file + " is not JSON: "
                    + io.magecloudkit.Messages.firstLine(e.getMessage()));
        }
        if (root != null && "failed".equals(root.path("status").asText())) {
            throw new MckException(MckException.Kind.USAGE, "--images: " + file + " is the result of a failed build");
        }
        JsonNode images = root == null ? null : root.path("result").path("images");
        if (images == null || !images.isArray()) {
            images = root == null ? null : root.path("images");
        }
        if (images == null || !images.isArray() || images.isEmpty()) {
            throw new MckException(MckException.Kind.USAGE, "--images: " + file
                    + " has no images (expected the --result-file of mck build-images)");
        }
        Map<String, ImageRef> out = new LinkedHashMap<>();
        for (JsonNode image : images) {
            String name = image.path("name").asText("");
            String where = "--images " + file + ": " + (name.isEmpty() ? "an image without a name" : name);
            String reference = image.path("reference").asText(null);
            if (reference == null && image.hasNonNull("repository") && image.hasNonNull("digest")) {
                reference = image.path("repository").asText() + "@" + image.path("digest").asText();
            }
            out.put(name, ImageRef.parse(reference, where));
        }
        return Collections.unmodifiableMap(out);
    }

    /** {@code CONTAINER=REPO@sha256:...} pairs as given with --image. */
    public static Map<String, ImageRef> fromPairs(Map<String, String> pairs) {
        Map<String, ImageRef> out = new LinkedHashMap<>();
        pairs.forEach((container, ref) -> out.put(container, ImageRef.parse(ref, "--image " + container)));
        return Collections.unmodifiableMap(out);
    }
}
