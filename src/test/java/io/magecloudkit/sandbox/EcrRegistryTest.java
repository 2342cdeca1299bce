package io.magecloudkit.sandbox;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.ecr.model.ImageIdentifier;

/** ECR's image APIs show what was pushed to the OCI registry behind the sandbox, read over the Distribution API. */
class EcrRegistryTest {
    static final String MANIFEST = "{\"schemaVersion\":2,\"mediaType\":\"application/vnd.oci.image.manifest.v1+json\",\"layers\":[]}";
    static final String DIGEST = "sha256:" + "ab".repeat(32);

    @Test
    void describeImages_readsTheRegistry() throws IOException {
        HttpServer registry = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        String expectedAuth = "Basic " + Base64.getEncoder().encodeToString("AWS:pw".getBytes(StandardCharsets.UTF_8));
        registry.createContext("/v2/", exchange -> {
            String path = exchange.getRequestURI().getPath();
            byte[] body;
            int status = 200;
            if (!expectedAuth.equals(exchange.getRequestHeaders().getFirst("Authorization"))) {
                status = 401;
                body = new byte[0];
            } else if (path.equals("/v2/shop/php/tags/list")) {
                body = "{\"name\":\"shop/php\",\"tags\":[\"1.0\"]}".getBytes(StandardCharsets.UTF_8);
            } else if (path.equals("/v2/shop/php/manifests/1.0")) {
                exchange.getResponseHeaders().set("Docker-Content-Digest", DIGEST);
                exchange.getResponseHeaders().set("Content-Type", "application/vnd.oci.image.manifest.v1+json");
                body = MANIFEST.getBytes(StandardCharsets.UTF_8);
            } else {
                status = 404;
                body = new byte[0];
            }
            exchange.sendResponseHeaders(status, body.length == 0 ? -1 : body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        registry.start();
        String url = "http://127.0.0.1:" + registry.getAddress().getPort();
        try (SandboxFixture f = SandboxFixture.builder().sandbox(c -> c.registryEndpoint(url).registryPassword("pw")).start()) {
            var ecr = f.session().ecr();
            ecr.createRepository(r -> r.repositoryName("shop/php"));
            var details = ecr.describeImages(r -> r.repositoryName("shop/php")).imageDetails();
            assertEquals(1, details.size());
            assertEquals(DIGEST, details.get(0).imageDigest());
            assertEquals(List.of("1.0"), details.get(0).imageTags());
            var image = ecr.batchGetImage(r -> r.repositoryName("shop/php").imageIds(ImageIdentifier.builder().imageTag("1.0").build()))
                    .images().get(0);
            assertEquals(MANIFEST, image.imageManifest());
            assertEquals(DIGEST, image.imageId().imageDigest());
            ecr.createRepository(r -> r.repositoryName("shop/empty"));
            assertTrue(ecr.describeImages(r -> r.repositoryName("shop/empty")).imageDetails().isEmpty());
        } finally {
            registry.stop(0);
        }
    }
}
