package io.magecloudkit.sandbox.ecr;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

/**
 * Reads what was pushed to the real OCI registry behind the sandbox's ECR (Distribution API
 * v2: tag list, then each tag's manifest), so that DescribeImages and BatchGetImage see the
 * images a build pushed, as they would on ECR.
 */
public final class RegistryReader {
    private static final ObjectMapper JSON = new ObjectMapper();
    static final String ACCEPT = String.join(", ", "application/vnd.oci.image.index.v1+json",
            "application/vnd.oci.image.manifest.v1+json", "application/vnd.docker.distribution.manifest.list.v2+json",
            "application/vnd.docker.distribution.manifest.v2+json");

    /** One tag as the registry serves it. */
    public record TaggedManifest(String tag, String digest, String mediaType, String manifest) {
    }

    private final URI registry;
    private final String authorization;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(3)).build();

    public RegistryReader(String registryUrl, String user, String password) {
        this.registry = URI.create(registryUrl.endsWith("/") ? registryUrl : registryUrl + "/");
        this.authorization = "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
    }

    /** The tagged manifests of a repository; empty when the registry has none or cannot be reached. */
    public List<TaggedManifest> read(String repository) {
        List<TaggedManifest> out = new ArrayList<>();
        try {
            HttpResponse<String> tags = get("v2/" + repository + "/tags/list", "application/json");
            if (tags.statusCode() != 200) {
                return out;
            }
            for (JsonNode tag : JSON.readTree(tags.body()).path("tags")) {
                HttpResponse<String> m = get("v2/" + repository + "/manifests/" + tag.asText(), ACCEPT);
                if (m.statusCode() == 200) {
                    String digest = m.headers().firstValue("Docker-Content-Digest").orElse(null);
                    String type = m.headers().firstValue("Content-Type").orElse("application/vnd.oci.image.manifest.v1+json");
                    out.add(new TaggedManifest(tag.asText(), digest, type.split(";")[0].trim(), m.body()));
                }
            }
        } catch (IOException e) {
            // An unreachable registry shows no images, as an empty ECR repository would.
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return out;
    }

    private HttpResponse<String> get(String path, String accept) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(registry.resolve(path)).timeout(Duration.ofSeconds(5))
                .header("Accept", accept).header("Authorization", authorization).GET().build(),
                HttpResponse.BodyHandlers.ofString());
    }
}
