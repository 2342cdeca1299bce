package io.magecloudkit.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * How a step finds the real engine: an explicit path, mck on PATH, or the engine jar fetched
 * once from a Maven repository (a loopback HTTP server here) and checked against its SHA-256.
 * Each found engine is then really run: a hostile environment name must come back in mck's
 * own error, literally, and run nothing.
 */
class FindEngineTest {
    static final String HOSTILE = "stag'ing $(touch pwned) `touch pwned`";
    static final String JAR_PATH = "/maven/io/magecloudkit/magecloudkit/0.1.0/magecloudkit-0.1.0.jar";

    @TempDir
    Path workspace;
    PipelineHarness jenkins;
    HttpServer repository;
    final Map<String, byte[]> served = new ConcurrentHashMap<>();
    final Map<String, AtomicInteger> requests = new ConcurrentHashMap<>();

    @BeforeEach
    void setUp() throws Exception {
        Files.copy(Path.of("examples/magecloudkit.yml"), workspace.resolve("magecloudkit.yml"));
        jenkins = new PipelineHarness(workspace).env("PATH", "/usr/bin:/bin").env("HOME", workspace.toString())
                .env("AWS_EC2_METADATA_DISABLED", "true").env("GIT_COMMIT", "0123456789abcdef0123456789abcdef01234567");
        repository = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        repository.createContext("/", exchange -> {
            String path = exchange.getRequestURI().getPath();
            requests.computeIfAbsent(path, p -> new AtomicInteger()).incrementAndGet();
            byte[] body = served.get(path);
            exchange.sendResponseHeaders(body == null ? 404 : 200, body == null ? -1 : body.length);
            if (body != null) {
                exchange.getResponseBody().write(body);
            }
            exchange.close();
        });
        repository.start();
    }

    @AfterEach
    void stop() {
        repository.stop(0);
    }

    private String url() {
        return "http://127.0.0.1:" + repository.getAddress().getPort() + "/maven";
    }

    private void serve(byte[] jar, String sha256) {
        served.put(JAR_PATH, jar);
        served.put(JAR_PATH + ".sha256", (sha256 + "  magecloudkit-0.1.0.jar\n").getBytes(StandardCharsets.UTF_8));
    }

    private static String sha256(byte[] bytes) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    }

    private String failure(Map<String, Object> args) {
        Map<String, Object> all = new LinkedHashMap<>(args);
        all.put("env", HOSTILE);
        return assertThrows(PipelineHarness.StepError.class, () -> jenkins.run("mckBuildImages", all)).getMessage();
    }

    /** What the real engine says of an environment the configuration lacks: the found engine really ran. */
    private void assertTheEngineRan(String message) {
        assertTrue(message.startsWith("mckBuildImages failed (exit 2): ") && message.contains("touch pwned"), message);
        assertFalse(Files.exists(workspace.resolve("pwned")), "the environment name ran as a command");
    }

    @Test
    void withNoEngineAnywhere_theStepSaysWhatToDo() {
        assertEquals("mckBuildImages: no mck on this agent: install it on the PATH, give mck: '/path/to/mck', or set mckRepository "
                + "(or env MCK_REPOSITORY) to a Maven repository holding io.magecloudkit:magecloudkit:0.1.0", failure(Map.of()));
    }

    @Test
    void anExplicitPathThatIsNoProgram_isNamed() {
        assertEquals("mckBuildImages: mck '/nonexistent/mck' is not an executable file on this agent: give the launcher's path, "
                + "or leave mck out to use PATH or mckRepository", failure(Map.of("mck", "/nonexistent/mck")));
    }

    @Test
    void anExplicitPath_andMckOnThePath_runTheEngine() throws Exception {
        Path mck = RealEngine.launcher(workspace.resolve("bin"));
        assertTheEngineRan(failure(Map.of("mck", mck.toString())));
        jenkins.env("PATH", workspace.resolve("bin") + ":/usr/bin:/bin");
        assertTheEngineRan(failure(Map.of()));
    }

    @Test
    void theJarIsFetchedOnce_checked_cached_andRun() throws Exception {
        byte[] jar = RealEngine.jar();
        serve(jar, sha256(jar));
        Map<String, Object> args = Map.of("mckRepository", url() + "/", "mckCache", workspace.resolve("cache").toString());
        assertTheEngineRan(failure(args));
        assertTheEngineRan(failure(args));
        assertEquals(1, requests.get(JAR_PATH).get(), "fetched once");
        assertEquals(sha256(jar), Files.readString(workspace.resolve("cache/magecloudkit-0.1.0.jar.sha256")).strip());
        // A cached jar that no longer matches its digest is fetched again, not run.
        Files.write(workspace.resolve("cache/magecloudkit-0.1.0.jar"), new byte[] {1, 2, 3});
        assertTheEngineRan(failure(args));
        assertEquals(2, requests.get(JAR_PATH).get());
    }

    @Test
    void theRepositoryAndVersionMayComeFromTheEnvironment() throws Exception {
        byte[] jar = RealEngine.jar();
        served.put("/maven/io/magecloudkit/magecloudkit/9.9.9/magecloudkit-9.9.9.jar", jar);
        served.put("/maven/io/magecloudkit/magecloudkit/9.9.9/magecloudkit-9.9.9.jar.sha256", sha256(jar).getBytes(StandardCharsets.UTF_8));
        jenkins.env("MCK_REPOSITORY", url()).env("MCK_VERSION", "9.9.9").env("MCK_CACHE", workspace.resolve("c").toString());
        assertTheEngineRan(failure(Map.of()));
        assertTrue(Files.exists(workspace.resolve("c/magecloudkit-9.9.9.jar")));
    }

    @Test
    void aJarThatDoesNotMatchItsDigest_isNeitherRunNorCached() throws Exception {
        byte[] jar = RealEngine.jar();
        serve(jar, "0".repeat(64));
        String message = failure(Map.of("mckRepository", url(), "mckCache", workspace.resolve("cache").toString()));
        assertEquals("mckBuildImages: " + url() + JAR_PATH.substring("/maven".length()) + " has SHA-256 " + sha256(jar) + ", expected "
                + "0".repeat(64) + ": not used (a corrupted or tampered download)", message);
        assertEquals(List.of(), List.of(workspace.resolve("cache").toFile().list()));
        // A pinned digest wins over the repository's own .sha256.
        serve(jar, sha256(jar));
        message = failure(Map.of("mckRepository", url(), "mckCache", workspace.resolve("cache").toString(), "mckSha256", "f".repeat(64)));
        assertTrue(message.endsWith("expected " + "f".repeat(64) + ": not used (a corrupted or tampered download)"), message);
    }

    @Test
    void aMissingJarOrDigest_saysWhichAndWhatToCheck() throws Exception {
        String message = failure(Map.of("mckRepository", url(), "mckCache", workspace.resolve("cache").toString()));
        assertTrue(message.startsWith("mckBuildImages: cannot download the engine from " + url() + "/io/magecloudkit/") && message.endsWith(
                "check mckRepository and mckVersion"), message);
        served.put(JAR_PATH, RealEngine.jar());
        message = failure(Map.of("mckRepository", url(), "mckCache", workspace.resolve("cache").toString()));
        assertTrue(message.endsWith(".jar.sha256 is missing: publish the jar's SHA-256 next to it, or give mckSha256"), message);
    }
}
