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

    /** The registry could not be read: ECR would not pretend the repository is empty, and neither does the sandbox. */
    public static final class Unreachable extends RuntimeException {
        private static final long serialVersionUID = 1L;

        Unreachable(String message, Throwable cause) {
            super(message, cause);
        }
    }

    /**
     * The tagged manifests of a repository; empty when the registry has never seen it.
     *
     * @throws Unreachable when the registry cannot be reached or answers anything but the images or "no such repository"
     */
    public List<TaggedManifest> read(String repository) {
        List<TaggedManifest> out = new ArrayList<>();
        String tagsPath = "v2/" + repository + "/tags/list";
        try {
            HttpResponse<String> tags = get(tagsPath, "application/json");
            if (tags.statusCode() == 404) {
                return out;
            }
            expectOk(tags, tagsPath);
            for (JsonNode tag : JSON.readTree(tags.body()).path("tags")) {
                String manifestPath = "v2/" + repository + "/manifests/" + tag.asText();
                HttpResponse<String> m = get(manifestPath, ACCEPT);
                if (m.statusCode() == 404) {
                    continue; // untagged between the two requests
                }
                expectOk(m, manifestPath);
                String digest = m.headers().firstValue("Docker-Content-Digest").orElse(null);
                String type = m.headers().firstValue("Content-Type").orElse("application/vnd.oci.image.manifest.v1+json");
                out.add(new TaggedManifest(tag.asText(), digest, type.split(";")[0].trim(), m.body()));
            }
        } catch (com.fasterxml.jackson.core.JacksonException e) {
            throw new Unreachable("the registry at " + registry + " answered " + tagsPath + " with something that is not JSON", e);
        } catch (IOException e) {
            throw new Unreachable("cannot reach the registry at " + registry + ": " + reason(e), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new Unreachable("interrupted while reading the registry at " + registry, e);
        }
        return out;
    }

    private void expectOk(HttpResponse<String> response, String path) {
        if (response.statusCode() != 200) {
            throw new Unreachable("the registry at " + registry + " answered HTTP " + response.statusCode() + " to GET /" + path, null);
        }
    }

    /** HttpClient leaves the message of some failures empty (a refused connection among them). */
    private static String reason(IOException e) {
        if (e instanceof java.net.http.HttpTimeoutException) {
            return "no answer within the timeout";
        }
        if (e instanceof java.net.ConnectException) {
            return e.getMessage() != null && !e.getMessage().isBlank() ? e.getMessage() : "connection refused";
        }
        return e.getMessage() != null && !e.getMessage().isBlank() ? e.getMessage() : "I/O error";
    }

    private HttpResponse<String> get(String path, String accept) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(registry.resolve(path)).timeout(Duration.ofSeconds(5))
                .header("Accept", accept).header("Authorization", authorization).GET().build(),
                HttpResponse.BodyHandlers.ofString());
    }
}
