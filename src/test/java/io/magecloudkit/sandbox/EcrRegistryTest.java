package io.magecloudkit.sandbox;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.ecr.model.EcrException;
import software.amazon.awssdk.services.ecr.model.ImageIdentifier;
import software.amazon.awssdk.services.ecs.EcsClient;

/** ECR's image APIs show what was pushed to the OCI registry behind the sandbox, read over the Distribution API. */
class EcrRegistryTest {
    static final String MANIFEST = "{\"schemaVersion\":2,\"mediaType\":\"application/vnd.oci.image.manifest.v1+json\",\"layers\":[]}";
    static final String DIGEST = "sha256:" + "ab".repeat(32);

    /** A registry stand-in holding shop/php:1.0 for user AWS with password pw; {@code beforeTags} runs as a tag list is asked for. */
    private static HttpServer registry(Runnable beforeTags) throws IOException {
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
                beforeTags.run();
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
        registry.setExecutor(java.util.concurrent.Executors.newCachedThreadPool());
        registry.start();
        return registry;
    }

    private static String url(HttpServer server) {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    @Test
    void describeImages_readsTheRegistry() throws IOException {
        HttpServer registry = registry(() -> { });
        String url = url(registry);
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

    @Test
    void aSlowRegistry_doesNotStallOtherRequests() throws Exception {
        CountDownLatch asked = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        HttpServer registry = registry(() -> {
            asked.countDown();
            try {
                release.await(30, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        try (SandboxFixture f = SandboxFixture.builder().sandbox(c -> c.registryEndpoint(url(registry)).registryPassword("pw")).start();
                EcsClient ecs = EcsClient.builder().endpointOverride(f.endpoint()).region(Region.US_EAST_1)
                        .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("test", "test")))
                        .overrideConfiguration(o -> o.apiCallTimeout(Duration.ofSeconds(2))).build()) {
            f.session().ecr().createRepository(r -> r.repositoryName("shop/php"));
            CompletableFuture<Integer> describe = CompletableFuture.supplyAsync(
                    () -> f.session().ecr().describeImages(r -> r.repositoryName("shop/php")).imageDetails().size());
            assertTrue(asked.await(10, TimeUnit.SECONDS), "the sandbox asked the registry");
            // While the registry has not answered, the rest of the sandbox answers at once.
            assertTrue(ecs.listTaskDefinitions().taskDefinitionArns().isEmpty());
            assertEquals("ok", f.admin("GET", "health", null).path("status").asText());
            release.countDown();
            assertEquals(1, describe.get(10, TimeUnit.SECONDS));
        } finally {
            release.countDown();
            registry.stop(0);
        }
    }

    @Test
    void aRegistryThatCannotBeRead_isAServerErrorNotAnEmptyRepository() throws Exception {
        int closedPort;
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closedPort = s.getLocalPort();
        }
        HttpServer registry = registry(() -> { });
        try {
            assertRegistryError("http://127.0.0.1:" + closedPort, "pw",
                    "The sandbox cannot show the images of 'shop/php': cannot reach the registry at http://127.0.0.1:" + closedPort + "/: ");
            assertRegistryError(url(registry), "wrong-password",
                    "The sandbox cannot show the images of 'shop/php': the registry at " + url(registry)
                            + "/ answered HTTP 401 to GET /v2/shop/php/tags/list");
        } finally {
            registry.stop(0);
        }
    }

    private static void assertRegistryError(String registryUrl, String password, String expected) {
        try (SandboxFixture f = SandboxFixture.builder().sandbox(c -> c.registryEndpoint(registryUrl).registryPassword(password))
                .maxAttempts(1).start()) {
            f.session().ecr().createRepository(r -> r.repositoryName("shop/php"));
            for (Runnable call : List.<Runnable>of(() -> f.session().ecr().describeImages(r -> r.repositoryName("shop/php")),
                    () -> f.session().ecr().batchGetImage(r -> r.repositoryName("shop/php")
                            .imageIds(ImageIdentifier.builder().imageTag("1.0").build())))) {
                EcrException e = assertThrows(EcrException.class, call::run);
                assertEquals(500, e.statusCode());
                assertEquals("ServerException", e.awsErrorDetails().errorCode());
                assertTrue(e.awsErrorDetails().errorMessage().startsWith(expected), e.awsErrorDetails().errorMessage());
            }
            var missing = assertThrows(EcrException.class, () -> f.session().ecr().describeImages(r -> r.repositoryName("shop/none")));
            assertEquals("RepositoryNotFoundException", missing.awsErrorDetails().errorCode());
        }
    }
}
