package io.magecloudkit.image;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * Debian's docker-registry (distribution v2.8) on a free loopback port with htpasswd auth,
 * plus the registry API calls tests check results with. One user per call of {@link #start}.
 */
public final class DockerRegistryServer implements AutoCloseable {
    public static final String BINARY = "/usr/bin/docker-registry";

    private final Process process;
    private final int port;
    private final Path dir;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final String authorization;

    private DockerRegistryServer(Process process, int port, Path dir, String user, String password) {
        this.process = process;
        this.port = port;
        this.dir = dir;
        this.authorization = "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
    }

    public static boolean available() {
        return Files.isExecutable(Path.of(BINARY)) && Files.isExecutable(Path.of("/usr/bin/htpasswd"));
    }

    /** Fails (never skips) when the registry is missing: a skipped integration test hides a broken set-up. */
    public static void requireInstalled() {
        if (!available()) {
            throw new AssertionError(BINARY + " or /usr/bin/htpasswd is missing: run ./test, which installs "
                    + "the Debian packages docker-registry and apache2-utils");
        }
    }

    /**
     * Starts the registry; {@code users} are user/password pairs written to the htpasswd file
     * (bcrypt, as docker-registry requires); the first pair is the one {@link #get} uses.
     */
    public static DockerRegistryServer start(Path dir, String... users) throws IOException, InterruptedException {
        Files.createDirectories(dir.resolve("storage"));
        StringBuilder htpasswd = new StringBuilder();
        for (int i = 0; i < users.length; i += 2) {
            Process h = new ProcessBuilder("htpasswd", "-Bbn", users[i], users[i + 1]).redirectErrorStream(false).start();
            String line = new String(h.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
            if (h.waitFor() != 0 || line.isEmpty()) {
                throw new IOException("htpasswd failed");
            }
            htpasswd.append(line).append('\n');
        }
        Files.writeString(dir.resolve("htpasswd"), htpasswd);
        int port;
        try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            port = s.getLocalPort();
        }
        String config = String.join("\n",
                "version: 0.1",
                "log:",
                "  level: warn",
                "  accesslog:",
                "    disabled: true",
                "storage:",
                "  filesystem:",
                "    rootdirectory: " + dir.resolve("storage"),
                "  delete:",
                "    enabled: false",
                "http:",
                "  addr: 127.0.0.1:" + port,
                "auth:",
                "  htpasswd:",
                "    realm: magecloudkit-test",
                "    path: " + dir.resolve("htpasswd"),
                "");
        Files.writeString(dir.resolve("config.yml"), config);
        Process p = new ProcessBuilder(BINARY, "serve", dir.resolve("config.yml").toString())
                .redirectErrorStream(true)
                .redirectOutput(dir.resolve("registry.log").toFile())
                .start();
        DockerRegistryServer server = new DockerRegistryServer(p, port, dir, users[0], users[1]);
        server.awaitReady();
        return server;
    }

    private void awaitReady() throws IOException, InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IOException("docker-registry exited: " + Files.readString(dir.resolve("registry.log")));
            }
            try {
                HttpResponse<Void> r = http.send(HttpRequest.newBuilder(URI.create(base() + "/v2/")).build(),
                        HttpResponse.BodyHandlers.discarding());
                if (r.statusCode() == 401) {
                    return;
                }
            } catch (IOException notYet) {
                // Not listening yet.
            }
            Thread.sleep(50);
        }
        throw new IOException("docker-registry did not answer on port " + port);
    }

    public String host() {
        return "127.0.0.1:" + port;
    }

    public String base() {
        return "http://127.0.0.1:" + port;
    }

    /** GET with the first user's credentials; returns status and body. */
    public HttpResponse<String> get(String path, String accept) throws IOException, InterruptedException {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base() + path)).header("Authorization", authorization);
        if (accept != null) {
            b.header("Accept", accept);
        }
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    /** GET with the first user's credentials, the body as bytes (a blob). */
    public HttpResponse<byte[]> getBytes(String path) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(URI.create(base() + path)).header("Authorization", authorization).build(),
                HttpResponse.BodyHandlers.ofByteArray());
    }

    public int head(String path) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(URI.create(base() + path)).method("HEAD", HttpRequest.BodyPublishers.noBody())
                .header("Authorization", authorization).build(), HttpResponse.BodyHandlers.discarding()).statusCode();
    }

    /** The digest a tag points at, or empty. */
    public Optional<String> tagDigest(String repository, String tag) throws IOException, InterruptedException {
        HttpResponse<String> r = get("/v2/" + repository + "/manifests/" + tag, RegistryApi.ACCEPT);
        return r.statusCode() == 200 ? r.headers().firstValue("Docker-Content-Digest") : Optional.empty();
    }

    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(10, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }
    }
}
