package io.magecloudkit.image;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.magecloudkit.EventSink;
import io.magecloudkit.MckException;
import io.magecloudkit.aws.AwsSettings;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import io.magecloudkit.TestProperties;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The ECR path through the real SDK EcrClient: a tiny fake ECR (JSON 1.1 on loopback) hands out a
 * token whose password is the htpasswd password of a real docker-registry; repositories missing in
 * the fake are created with scan-on-push, immutable tags and the lifecycle policy.
 */
class EcrLoginIntegrationTest {
    static final String TOKEN_PASSWORD = "ecr-token-pw-" + Long.toHexString(System.nanoTime());
    static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    static Path work;
    static DockerRegistryServer registry;
    static HttpServer ecr;
    static final Set<String> repositories = ConcurrentHashMap.newKeySet();
    static final List<JsonNode> calls = new CopyOnWriteArrayList<>();
    static volatile String tokenPassword = TOKEN_PASSWORD;
    static Map<String, String> bases;

    private static TestProperties credentials;

    @BeforeAll
    static void start() throws Exception {
        DockerRegistryServer.requireInstalled();
        registry = DockerRegistryServer.start(work.resolve("registry"), "AWS", TOKEN_PASSWORD);
        bases = Map.of("nginx", BaseImageSeeder.seed(registry, "AWS", TOKEN_PASSWORD, "base/nginx:test", "n", work),
                "php-fpm", BaseImageSeeder.seed(registry, "AWS", TOKEN_PASSWORD, "base/php:test", "p", work));
        ecr = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        ecr.createContext("/", EcrLoginIntegrationTest::handle);
        ecr.start();
        credentials = TestProperties.set("aws.accessKeyId", "AKIDTEST", "aws.secretAccessKey", "secret-test");
    }

    @AfterAll
    static void stop() throws Exception {
        if (ecr != null) {
            ecr.stop(0);
        }
        if (registry != null) {
            registry.close();
        }
        if (credentials != null) {
            credentials.close();
        }
    }

    static void handle(HttpExchange x) throws IOException {
        String target = x.getRequestHeaders().getFirst("X-Amz-Target");
        String auth = x.getRequestHeaders().getFirst("Authorization");
        JsonNode body = JSON.readTree(x.getRequestBody().readAllBytes());
        calls.add(JSON.createObjectNode().put("target", target).set("body", body));
        String op = target == null ? "" : target.substring(target.indexOf('.') + 1);
        int status = 200;
        String out;
        if (auth == null || !auth.startsWith("AWS4-HMAC-SHA256")) {
            status = 400;
            out = "{\"__type\":\"MissingAuthenticationTokenException\",\"message\":\"unsigned\"}";
        } else {
            switch (op) {
                case "GetAuthorizationToken" -> out = "{\"authorizationData\":[{\"authorizationToken\":\""
                        + Base64.getEncoder().encodeToString(("AWS:" + tokenPassword).getBytes(StandardCharsets.UTF_8))
                        + "\",\"expiresAt\":" + (System.currentTimeMillis() / 1000 + 43200)
                        + ",\"proxyEndpoint\":\"http://" + registry.host() + "\"}]}";
                case "DescribeRepositories" -> {
                    String name = body.get("repositoryNames").get(0).asText();
                    if (repositories.contains(name)) {
                        out = "{\"repositories\":[{\"repositoryName\":\"" + name + "\"}]}";
                    } else {
                        status = 400;
                        out = "{\"__type\":\"RepositoryNotFoundException\",\"message\":\"The repository with name '" + name
                                + "' does not exist\"}";
                    }
                }
                case "CreateRepository" -> {
                    repositories.add(body.get("repositoryName").asText());
                    out = "{\"repository\":{\"repositoryName\":\"" + body.get("repositoryName").asText() + "\"}}";
                }
                case "PutLifecyclePolicy" -> out = "{\"repositoryName\":\"" + body.get("repositoryName").asText() + "\"}";
                default -> {
                    status = 400;
                    out = "{\"__type\":\"InvalidParameterException\",\"message\":\"unsupported " + op + "\"}";
                }
            }
        }
        byte[] bytes = out.getBytes(StandardCharsets.UTF_8);
        x.getResponseHeaders().add("Content-Type", "application/x-amz-json-1.1");
        x.sendResponseHeaders(status, bytes.length);
        x.getResponseBody().write(bytes);
        x.close();
    }

    static BuildRequest request(Path source) {
        AwsSettings aws = AwsSettings.builder().region("us-east-1")
                .endpoint(URI.create("http://127.0.0.1:" + ecr.getAddress().getPort())).environment(Map.of()).build();
        return new BuildRequest(source, List.of("nginx", "php-fpm"), "feedface", new Target.Registry("", "shop", Target.RegistryType.ECR),
                bases, BuildRequest.BuilderKind.JIB, work.resolve("cache"), MagentoFixture.testLayout(), Map.of(), aws);
    }

    @Test
    void ecrTarget_logsInWithTheToken_createsRepositories_andPushes() throws Exception {
        Path source = MagentoFixture.small(work.resolve("shop"));
        List<String> log = new CopyOnWriteArrayList<>();
        BuildResult r = new ImageBuilder().build(request(source), (level, message) -> log.add(message));
        for (BuildResult.ImageResult i : r.images()) {
            assertEquals(registry.host() + "/shop/" + i.name(), i.repository());
            assertEquals(i.digest(), registry.tagDigest("shop/" + i.name(), r.tag()).orElseThrow());
        }
        JsonNode create = calls.stream().filter(c -> c.get("target").asText().endsWith("CreateRepository")).findFirst().orElseThrow();
        assertTrue(create.get("body").get("imageScanningConfiguration").get("scanOnPush").asBoolean());
        assertEquals("IMMUTABLE", create.get("body").get("imageTagMutability").asText());
        JsonNode policy = calls.stream().filter(c -> c.get("target").asText().endsWith("PutLifecyclePolicy")).findFirst().orElseThrow();
        JsonNode rules = JSON.readTree(policy.get("body").get("lifecyclePolicyText").asText()).get("rules");
        assertEquals("untagged", rules.get(0).get("selection").get("tagStatus").asText());
        assertEquals(14, rules.get(0).get("selection").get("countNumber").asInt());
        assertEquals(100, rules.get(1).get("selection").get("countNumber").asInt());
        assertEquals(Set.of("shop/nginx", "shop/php-fpm"), repositories);
        assertTrue(log.stream().noneMatch(l -> l.contains(TOKEN_PASSWORD)), "the token never reaches the log");
    }

    @Test
    void tokenTheRegistryRefuses_isAnAccessError_andNoTag() throws Exception {
        Path source = MagentoFixture.small(work.resolve("shop-refused"));
        Files.writeString(source.resolve("composer.json"), "{\"name\": \"acme/other\"}");
        tokenPassword = "expired-token-value";
        try {
            MckException e = assertThrows(MckException.class, () -> new ImageBuilder().build(request(source), EventSink.NONE));
            assertEquals(MckException.Kind.AWS_ACCESS, e.kind());
            assertTrue(e.getMessage().contains("refused the credentials for user AWS"), e.getMessage());
            assertFalse(e.getMessage().contains("expired-token-value"));
        } finally {
            tokenPassword = TOKEN_PASSWORD;
        }
    }
}
