package io.magecloudkit.image;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.magecloudkit.MckException;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The registry client keeps credentials with the registry: a stand-in registry redirects to a
 * second local server (another origin, as S3 or a CDN would be), which records what it received.
 */
class RegistryApiCredentialsTest {
    static final RegistryLogin LOGIN = new RegistryLogin("ci", "registry-pw-42", "test");
    static final String DIGEST = "sha256:" + "a".repeat(64);

    /** A loopback server answering with a handler; records the Authorization header of every request. */
    static final class StandIn implements AutoCloseable {
        final HttpServer server;
        final List<String> authorizations = new CopyOnWriteArrayList<>();
        final List<String> paths = new CopyOnWriteArrayList<>();

        interface Handler {
            void handle(HttpExchange exchange, String authorization) throws IOException;
        }

        StandIn(Handler handler) throws IOException {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
            server.createContext("/", exchange -> {
                try (exchange) {
                    String auth = exchange.getRequestHeaders().getFirst("Authorization");
                    authorizations.add(String.valueOf(auth));
                    paths.add(exchange.getRequestURI().toString());
                    handler.handle(exchange, auth);
                }
            });
            server.start();
        }

        String hostPort() {
            return "127.0.0.1:" + server.getAddress().getPort();
        }

        @Override
        public void close() {
            server.stop(0);
        }
    }

    final List<StandIn> servers = new CopyOnWriteArrayList<>();

    StandIn server(StandIn.Handler handler) throws IOException {
        StandIn s = new StandIn(handler);
        servers.add(s);
        return s;
    }

    @AfterEach
    void stop() {
        servers.forEach(StandIn::close);
    }

    static void answer(HttpExchange x, int status, Map<String, String> headers, String body) throws IOException {
        headers.forEach((k, v) -> x.getResponseHeaders().add(k, v));
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        boolean head = x.getRequestMethod().equals("HEAD");
        x.sendResponseHeaders(status, head || bytes.length == 0 ? -1 : bytes.length);
        if (!head && bytes.length > 0) {
            x.getResponseBody().write(bytes);
        }
    }

    /** The second origin: answers a manifest HEAD (or a token GET) and records what it got. */
    StandIn elsewhere() throws IOException {
        return server((x, auth) -> answer(x, 200, Map.of("Docker-Content-Digest", DIGEST, "Content-Type", "application/json"),
                "{\"token\":\"anonymous-token\"}"));
    }

    @Test
    void basicAuth_redirectToAnotherOrigin_goesWithoutCredentials() throws Exception {
        StandIn cdn = elsewhere();
        StandIn registry = server((x, auth) -> {
            if (auth == null) {
                answer(x, 401, Map.of("WWW-Authenticate", "Basic realm=\"registry\""), "");
            } else {
                answer(x, 307, Map.of("Location", "http://" + cdn.hostPort() + "/blobs/x"), "");
            }
        });
        assertEquals(DIGEST, new RegistryApi(registry.hostPort(), LOGIN).manifestDigest("shop/nginx", "t1").orElseThrow());
        assertTrue(registry.authorizations.stream().anyMatch(a -> a.startsWith("Basic ")), "the registry itself gets them");
        assertEquals(List.of("null"), cdn.authorizations, "the redirect target got no credentials");
    }

    @Test
    void sameOriginRedirect_keepsCredentials() throws Exception {
        StandIn registry = server((x, auth) -> {
            if (auth == null) {
                answer(x, 401, Map.of("WWW-Authenticate", "Basic realm=\"registry\""), "");
            } else if (x.getRequestURI().getPath().contains("/manifests/t1")) {
                answer(x, 307, Map.of("Location", "/v2/shop/nginx/manifests/t2"), "");
            } else {
                answer(x, 200, Map.of("Docker-Content-Digest", DIGEST), "");
            }
        });
        assertEquals(DIGEST, new RegistryApi(registry.hostPort(), LOGIN).manifestDigest("shop/nginx", "t1").orElseThrow());
        assertTrue(registry.paths.stream().anyMatch(p -> p.endsWith("/t2")), registry.paths.toString());
    }

    @Test
    void tokenRealm_redirectToAnotherOrigin_goesWithoutCredentials() throws Exception {
        StandIn cdn = elsewhere();
        StandIn tokens = server((x, auth) -> answer(x, 302, Map.of("Location", "http://" + cdn.hostPort() + "/token"), ""));
        StandIn registry = server((x, auth) -> {
            if (auth == null || !auth.equals("Bearer anonymous-token")) {
                answer(x, 401, Map.of("WWW-Authenticate", "Bearer realm=\"http://" + tokens.hostPort() + "/token\",service=\"r\""), "");
            } else {
                answer(x, 200, Map.of("Docker-Content-Digest", DIGEST), "");
            }
        });
        assertEquals(DIGEST, new RegistryApi(registry.hostPort(), LOGIN).manifestDigest("shop/nginx", "t1").orElseThrow());
        assertTrue(tokens.authorizations.get(0).startsWith("Basic "), "the realm itself (loopback) gets them");
        assertEquals(List.of("null"), cdn.authorizations, "the realm's redirect target got no credentials");
    }

    /** The deploy preflight's question: a HEAD by digest with a Bearer token; Docker-Content-Digest is not needed. */
    @Test
    void manifestByDigest_throughTheTokenFlow_acceptsEveryManifestType() throws Exception {
        List<String> asked = new CopyOnWriteArrayList<>();
        StandIn tokens = server((x, auth) -> answer(x, 200, Map.of("Content-Type", "application/json"), "{\"token\":\"t-1\"}"));
        StandIn registry = server((x, auth) -> {
            if (!"Bearer t-1".equals(auth)) {
                answer(x, 401, Map.of("WWW-Authenticate", "Bearer realm=\"http://" + tokens.hostPort() + "/token\",service=\"r\""), "");
                return;
            }
            asked.add(x.getRequestMethod() + " " + x.getRequestURI().getPath() + " " + x.getRequestHeaders().getFirst("Accept"));
            answer(x, x.getRequestURI().getPath().endsWith(DIGEST) ? 200 : 404, Map.of(), "");
        });
        String missing = "sha256:" + "b".repeat(64);
        assertTrue(RegistryManifests.exists(RegistryManifests.parse(registry.hostPort() + "/shop/nginx@" + DIGEST).orElseThrow(), LOGIN));
        assertFalse(RegistryManifests.exists(RegistryManifests.parse(registry.hostPort() + "/shop/nginx@" + missing).orElseThrow(), LOGIN));
        assertEquals("HEAD /v2/shop/nginx/manifests/" + DIGEST + " " + RegistryApi.ACCEPT, asked.get(0));
        for (String type : List.of("application/vnd.oci.image.index.v1+json", "application/vnd.oci.image.manifest.v1+json",
                "application/vnd.docker.distribution.manifest.v2+json", "application/vnd.docker.distribution.manifest.list.v2+json")) {
            assertTrue(RegistryApi.ACCEPT.contains(type), type);
        }
        assertTrue(tokens.paths.get(0).contains("scope=repository%3Ashop%2Fnginx%3Apull"), tokens.paths.toString());
    }

    @ParameterizedTest
    @CsvSource({"nginx@sha256:cccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccc, registry-1.docker.io, library/nginx, sha256:cccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccc",
        "127.0.0.1:5000/shop/php-fpm@sha256:dddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddd, 127.0.0.1:5000, shop/php-fpm, sha256:dddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddd",
        "registry.example/shop/nginx:1.27, registry.example, shop/nginx, "})
    void referencesSplitAsTheRegistryApiNeedsThem(String reference, String registry, String repository, String digest) {
        assertEquals(new RegistryManifests.Reference(registry, repository, digest), RegistryManifests.parse(reference).orElseThrow());
    }

    @Test
    void tokenRealm_overPlainHttpOnAnotherMachine_getsNoCredentials() throws Exception {
        StandIn registry = server((x, auth) -> answer(x, 401,
                Map.of("WWW-Authenticate", "Bearer realm=\"http://tokens.example.invalid/token\""), ""));
        MckException e = assertThrows(MckException.class,
                () -> new RegistryApi(registry.hostPort(), LOGIN).manifestDigest("shop/nginx", "t1"));
        assertEquals(MckException.Kind.AWS_ACCESS, e.kind());
        assertTrue(e.getMessage().contains("only over https"), e.getMessage());
        assertFalse(e.getMessage().contains(LOGIN.password()));
    }

    @Test
    void unreachableRegistry_isARegistryAccessError() throws Exception {
        String closed = io.magecloudkit.testing.FreePort.closedLoopbackEndpoint().getAuthority();
        MckException e = assertThrows(MckException.class, () -> new RegistryApi(closed, LOGIN).manifestDigest("shop/nginx", "t1"));
        assertEquals(MckException.Kind.AWS_ACCESS, e.kind(), "exit 3, as docs/cli.md says");
        assertEquals("cannot reach registry " + closed + ": connection refused", e.getMessage());
    }

    @Test
    void networkFailures_inWords_withoutJavaClassNames() {
        assertEquals("connection refused", RegistryApi.why(new IOException(new java.net.ConnectException())));
        assertEquals("unknown host", RegistryApi.why(new java.net.UnknownHostException("registry.invalid")));
        assertEquals("timed out", RegistryApi.why(new java.net.http.HttpConnectTimeoutException("HTTP connect timed out")));
        assertEquals("no route to host", RegistryApi.why(new IOException(new java.net.NoRouteToHostException("x"))));
        assertEquals("TLS handshake failed (PKIX path building failed)",
                RegistryApi.why(new javax.net.ssl.SSLHandshakeException("PKIX path building failed")));
        assertEquals("the connection failed", RegistryApi.why(new IOException()));
    }

    @ParameterizedTest
    @CsvSource(textBlock = """
            https://registry.example/v2/x,       https://registry.example/blob,      true
            https://registry.example/v2/x,       https://registry.example:443/blob,  true
            https://registry.example/v2/x,       http://registry.example/blob,       false
            https://registry.example/v2/x,       https://s3.example/blob,            false
            https://registry.example:5000/v2/x,  https://registry.example:5001/b,    false
            http://127.0.0.1:5000/v2/x,          http://127.0.0.1:5000/b,            true
            """)
    void sameOrigin(String from, String to, boolean expected) {
        assertEquals(expected, RegistryApi.sameOrigin(URI.create(from), URI.create(to)));
    }

    @ParameterizedTest
    @CsvSource(textBlock = """
            https://auth.example/token,  true
            http://auth.example/token,   false
            http://127.0.0.1:9/token,    true
            http://[::1]:9/token,        true
            http://localhost:9/token,    true
            ftp://auth.example/token,    false
            """)
    void mayCarryCredentials(String uri, boolean expected) {
        assertEquals(expected, RegistryApi.mayCarryCredentials(URI.create(uri)));
    }
}
