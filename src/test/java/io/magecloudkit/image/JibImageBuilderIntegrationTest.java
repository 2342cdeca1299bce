package io.magecloudkit.image;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.magecloudkit.EventSink;
import io.magecloudkit.MckException;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Real pushes to Debian's docker-registry with htpasswd auth, checked through the registry API. */
class JibImageBuilderIntegrationTest {
    static final String USER = "ci";
    static final String PASSWORD = "s3cret-Registry-Pw";
    static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    static Path work;
    static DockerRegistryServer registry;
    static Map<String, String> bases = new HashMap<>();

    @BeforeAll
    static void startRegistry() throws Exception {
        DockerRegistryServer.requireInstalled();
        registry = DockerRegistryServer.start(work.resolve("registry"), USER, PASSWORD);
        bases.put("nginx", BaseImageSeeder.seed(registry, USER, PASSWORD, "base/nginx:test", "nginx base", work));
        bases.put("php-fpm", BaseImageSeeder.seed(registry, USER, PASSWORD, "base/php:test", "php base", work));
        bases.put("blackfire", BaseImageSeeder.seed(registry, USER, PASSWORD, "base/blackfire:test", "blackfire base", work));
    }

    @AfterAll
    static void stopRegistry() throws Exception {
        if (registry != null) {
            registry.close();
        }
    }

    static BuildRequest request(Path source, String prefix, String password, Path cache) {
        return new BuildRequest(source, List.of(), "0123456789abcdef0123", Target.Registry.parse(registry.host() + "/" + prefix,
                Target.RegistryType.OCI), bases, BuildRequest.BuilderKind.JIB, cache, MagentoFixture.testLayout(),
                Map.of(RegistryCredentials.USERNAME_ENV, USER, RegistryCredentials.PASSWORD_ENV, password), null);
    }

    static BuildResult.ImageResult image(BuildResult r, String name) {
        return r.images().stream().filter(i -> i.name().equals(name)).findFirst().orElseThrow();
    }

    static JsonNode manifest(String repository, String reference) throws Exception {
        HttpResponse<String> r = registry.get("/v2/" + repository + "/manifests/" + reference, "application/vnd.oci.image.manifest.v1+json");
        assertEquals(200, r.statusCode(), r.body());
        return JSON.readTree(r.body());
    }

    static List<String> layerDigests(JsonNode manifest) {
        List<String> out = new ArrayList<>();
        manifest.get("layers").forEach(l -> out.add(l.get("digest").asText()));
        return out;
    }

    @Test
    void build_pushesImages_rebuildPushesNothing_oneFileChangePushesOneLayer() throws Exception {
        Path source = MagentoFixture.small(work.resolve("shop"));
        List<String> log = new CopyOnWriteArrayList<>();
        EventSink events = (level, message) -> log.add(level + " " + message);
        Path cache = work.resolve("cache1");

        BuildResult first = new ImageBuilder().build(request(source, "shop", PASSWORD, cache), events);
        assertEquals(3, first.images().size());
        assertTrue(first.tag().matches("0123456789ab-[0-9a-f]{12}"), first.tag());
        for (BuildResult.ImageResult i : first.images()) {
            assertEquals("pushed", i.status());
            String repo = "shop/" + i.name();
            assertEquals(registry.host() + "/" + repo, i.repository());
            HttpResponse<String> tags = registry.get("/v2/" + repo + "/tags/list", null);
            assertTrue(tags.body().contains(first.tag()), tags.body());
            assertEquals(i.digest(), registry.tagDigest(repo, first.tag()).orElseThrow());
            JsonNode m = manifest(repo, first.tag());
            assertEquals("application/vnd.oci.image.manifest.v1+json", m.get("mediaType").asText());
            for (String layer : layerDigests(m)) {
                assertEquals(200, registry.head("/v2/" + repo + "/blobs/" + layer), layer);
            }
            assertEquals(200, registry.head("/v2/" + repo + "/blobs/" + m.get("config").get("digest").asText()));
        }
        // Base layer + vendor, generated-static, app-code, config for php-fpm; base + generated-static, app-code, config for nginx.
        assertEquals(5, layerDigests(manifest("shop/php-fpm", first.tag())).size());
        assertEquals(4, layerDigests(manifest("shop/nginx", first.tag())).size());
        assertEquals(1, layerDigests(manifest("shop/blackfire", first.tag())).size());
        // The four planned layers are new; the base layer lives in base/php of the same registry and is
        // mounted into shop/php-fpm, which Jib's events cannot tell from an upload: it counts too.
        assertEquals(5, image(first, "php-fpm").pushedLayers());
        assertTrue(image(first, "php-fpm").bytesPushed() > 0);
        // The Docker v2 manifest of the same tag is what an older client gets; the registry converts nothing for OCI, so ask plainly.
        JsonNode config = JSON.readTree(registry.get("/v2/shop/php-fpm/blobs/"
                + manifest("shop/php-fpm", first.tag()).get("config").get("digest").asText(), null).body());
        assertEquals("82", config.get("config").get("User").asText());
        assertEquals("1970-01-01T00:00:00Z", config.get("created").asText());
        assertTrue(log.stream().noneMatch(l -> l.contains(PASSWORD)), "the password never reaches the log");

        // Same source, a cold cache: same digests, nothing pushed.
        BuildResult second = new ImageBuilder().build(request(source, "shop", PASSWORD, work.resolve("cache2")), events);
        assertEquals(first.tag(), second.tag());
        for (BuildResult.ImageResult i : second.images()) {
            assertEquals(image(first, i.name()).digest(), i.digest());
            assertEquals("unchanged", i.status());
            assertEquals(0, i.bytesPushed());
            assertEquals(0, i.pushedLayers());
        }

        // One PHP file of the app code: one new layer in php-fpm, nginx identical.
        Files.writeString(source.resolve(MagentoFixture.APP_PHP), "\n// changed\n", java.nio.file.StandardOpenOption.APPEND);
        log.clear();
        BuildResult third = new ImageBuilder().build(request(source, "shop", PASSWORD, cache), events);
        log.stream().filter(l -> l.contains("php-fpm: pushed") || l.contains("nginx: pushed")).forEach(System.out::println);
        assertNotEquals(first.tag(), third.tag());
        assertEquals(1, image(third, "php-fpm").pushedLayers());
        assertNotEquals(image(first, "php-fpm").digest(), image(third, "php-fpm").digest());
        assertEquals(image(first, "nginx").digest(), image(third, "nginx").digest());
        assertEquals(0, image(third, "nginx").pushedLayers());
        assertEquals(image(first, "blackfire").digest(), image(third, "blackfire").digest());
        List<String> before = layerDigests(manifest("shop/php-fpm", first.tag()));
        List<String> after = layerDigests(manifest("shop/php-fpm", third.tag()));
        List<String> changed = new ArrayList<>(after);
        changed.removeAll(before);
        assertEquals(1, changed.size());
        assertEquals(after.get(3), changed.get(0), "the app-code layer (4th) is the one that changed");
        assertTrue(log.stream().noneMatch(l -> l.contains(PASSWORD)));
    }

    @Test
    void tagThatExistsWithOtherContent_isAnError_andTheTagStays() throws Exception {
        Path source = MagentoFixture.small(work.resolve("conflict-shop"));
        Map<String, String> movedBases = new HashMap<>(bases);
        movedBases.put("nginx", BaseImageSeeder.seed(registry, USER, PASSWORD, "base/moving:test", "v1", work));
        BuildRequest req = request(source, "conflict", PASSWORD, work.resolve("cache-conflict"));
        req = new BuildRequest(req.source(), List.of("nginx", "php-fpm"), req.commit(), req.target(), movedBases, req.builder(),
                req.cacheDir(), req.layout(), req.environment(), null);
        BuildResult first = new ImageBuilder().build(req, EventSink.NONE);
        // The base tag moves upstream: same inputs as far as the tag can see, other content.
        BaseImageSeeder.seed(registry, USER, PASSWORD, "base/moving:test", "v2", work);
        BuildRequest again = req;
        MckException e = assertThrows(MckException.class, () -> new ImageBuilder().build(again, EventSink.NONE));
        assertEquals(MckException.Kind.OPERATION_FAILED, e.kind());
        assertTrue(e.getMessage().contains("already exists"), e.getMessage());
        assertEquals(image(first, "nginx").digest(), registry.tagDigest("conflict/nginx", first.tag()).orElseThrow());
        assertEquals(image(first, "php-fpm").digest(), registry.tagDigest("conflict/php-fpm", first.tag()).orElseThrow());
    }

    @Test
    void wrongPassword_isAnAccessError_withoutThePassword_andNoTag() throws Exception {
        Path source = MagentoFixture.small(work.resolve("badpw-shop"));
        MckException e = assertThrows(MckException.class, () -> new ImageBuilder()
                .build(request(source, "badpw", "wrong-password-123", work.resolve("cache-badpw")), EventSink.NONE));
        assertEquals(MckException.Kind.AWS_ACCESS, e.kind());
        assertTrue(e.getMessage().contains("refused the credentials for user " + USER), e.getMessage());
        assertFalse(e.getMessage().contains("wrong-password-123"));
        assertEquals(404, registry.get("/v2/badpw/nginx/tags/list", null).statusCode());
    }

    @Test
    void missingBaseImage_isAUsageError_naming_it() throws Exception {
        Path source = MagentoFixture.small(work.resolve("nobase-shop"));
        Map<String, String> missing = new HashMap<>(bases);
        missing.put("php-fpm", registry.host() + "/base/nope:1");
        BuildRequest r = request(source, "nobase", PASSWORD, work.resolve("cache-nobase"));
        BuildRequest req = new BuildRequest(r.source(), r.images(), r.commit(), r.target(), missing, r.builder(), r.cacheDir(),
                r.layout(), r.environment(), null);
        MckException e = assertThrows(MckException.class, () -> new ImageBuilder().build(req, EventSink.NONE));
        assertEquals(MckException.Kind.USAGE, e.kind());
        assertTrue(e.getMessage().contains("base/nope:1"), e.getMessage());
        assertEquals(404, registry.get("/v2/nobase/nginx/tags/list", null).statusCode(), "nothing pushed for the other images either");
    }

    @Test
    void notABuiltMagentoTree_isAUsageError() throws Exception {
        Path source = MagentoFixture.small(work.resolve("unbuilt-shop"));
        Files.delete(source.resolve("vendor/autoload.php"));
        MckException e = assertThrows(MckException.class, () -> new ImageBuilder()
                .build(request(source, "unbuilt", PASSWORD, work.resolve("cache-unbuilt")), EventSink.NONE));
        assertEquals(MckException.Kind.USAGE, e.kind());
        assertTrue(e.getMessage().contains("vendor/autoload.php missing"), e.getMessage());
    }

    @Test
    void tarTarget_writesAnOciArchive_andRewritingItIsUnchanged() throws Exception {
        Path source = MagentoFixture.small(work.resolve("tar-shop"));
        Path out = work.resolve("images");
        BuildRequest req = new BuildRequest(source, List.of("nginx"), "abc1234", new Target.TarDirectory(out),
                bases, BuildRequest.BuilderKind.JIB, work.resolve("cache-tar"), MagentoFixture.testLayout(),
                Map.of(RegistryCredentials.USERNAME_ENV, USER, RegistryCredentials.PASSWORD_ENV, PASSWORD), null);
        BuildResult r = new ImageBuilder().build(req, EventSink.NONE);
        BuildResult.ImageResult nginx = image(r, "nginx");
        assertEquals("written", nginx.status());
        Path tar = Path.of(nginx.repository());
        Map<String, byte[]> entries = TarReader.read(tar);
        assertTrue(entries.containsKey("index.json") && entries.containsKey("oci-layout"), entries.keySet().toString());
        JsonNode index = JSON.readTree(entries.get("index.json"));
        String manifestDigest = index.get("manifests").get(0).get("digest").asText();
        assertEquals(nginx.digest(), manifestDigest);
        JsonNode manifest = JSON.readTree(entries.get("blobs/sha256/" + manifestDigest.substring(7)));
        for (String layer : layerDigests(manifest)) {
            assertTrue(entries.containsKey("blobs/sha256/" + layer.substring(7)), layer);
        }
        assertEquals(4, manifest.get("layers").size());
        assertEquals("unchanged", image(new ImageBuilder().build(req, EventSink.NONE), "nginx").status());
    }

    /** Each kind of agent secret a build tree can hold, and where it sits. */
    static final List<String> SECRETS = List.of("auth.json", ".env", ".env.local", ".npmrc", ".git/config", ".ssh/id_rsa",
            ".aws/credentials", ".docker/config.json", ".config/gcloud/credentials.db", ".netrc", ".git-credentials",
            "app/etc/env.php", "vendor/acme/lib/.git/config", "vendor/acme/lib/auth.json", "id_ed25519", "deploy/terraform.tfstate",
            "project-secret.txt");

    @Test
    void secretsOfTheAgent_stayOutOfThePushedLayers_andTheLogSaysWhat() throws Exception {
        Path source = MagentoFixture.small(work.resolve("secret-shop"));
        for (String s : SECRETS) {
            MagentoFixture.write(source, s, "TOPSECRET-" + s);
        }
        Path outside = work.resolve("agent-home/.aws/credentials");
        MagentoFixture.write(outside.getParent().getParent(), ".aws/credentials", "TOPSECRET-linked-credentials");
        Files.createSymbolicLink(source.resolve("pub/credentials.txt"), outside);
        Files.createSymbolicLink(source.resolve("pub/env-link.php"), source.resolve("app/etc/env.php"));
        Files.createSymbolicLink(source.resolve("pub/nowhere.txt"), work.resolve("missing-file"));
        List<String> log = new CopyOnWriteArrayList<>();
        BuildRequest r = request(source, "secrets", PASSWORD, work.resolve("cache-secrets"));
        BuildRequest req = new BuildRequest(r.source(), List.of("php-fpm", "nginx"), r.commit(), r.target(), r.baseImages(), r.builder(),
                r.cacheDir(), r.layout(), r.environment(), null, List.of("project-secret.txt"));

        BuildResult result = new ImageBuilder().build(req, (level, message) -> log.add(level + " " + message));

        for (BuildResult.ImageResult image : result.images()) {
            String repo = "secrets/" + image.name();
            JsonNode m = manifest(repo, result.tag());
            List<String> names = new ArrayList<>();
            for (String layer : layerDigests(m)) {
                HttpResponse<byte[]> blob = registry.getBytes("/v2/" + repo + "/blobs/" + layer);
                assertEquals(200, blob.statusCode());
                byte[] tar = new java.util.zip.GZIPInputStream(new java.io.ByteArrayInputStream(blob.body())).readAllBytes();
                assertFalse(new String(tar, java.nio.charset.StandardCharsets.ISO_8859_1).contains("TOPSECRET"),
                        image.name() + ": a secret's content is in layer " + layer);
                names.addAll(TarReader.read(new java.io.ByteArrayInputStream(tar)).keySet());
            }
            for (String s : SECRETS) {
                assertTrue(names.stream().noneMatch(n -> n.endsWith("/" + s)), image.name() + " holds " + s + ": " + names);
            }
            assertTrue(names.stream().noneMatch(n -> n.endsWith("credentials.txt") || n.endsWith("env-link.php")), names.toString());
            assertTrue(names.stream().anyMatch(n -> n.endsWith("pub/index.php")), "the tree itself is there: " + names);
        }
        String info = log.stream().filter(l -> l.contains("left out of the images")).findFirst().orElseThrow();
        for (String s : List.of("auth.json", ".env", ".npmrc", ".git/", ".ssh/", ".aws/", "app/etc/env.php", "project-secret.txt",
                "pub/env-link.php -> app/etc/env.php")) {
            assertTrue(info.contains(s), s + " not named in: " + info);
        }
        Path realOutside = outside.toRealPath();
        assertTrue(log.stream().anyMatch(l -> l.startsWith("WARN") && l.contains("pub/credentials.txt -> " + realOutside)
                && l.contains("outside the tree")), log.toString());
        assertTrue(log.stream().anyMatch(l -> l.startsWith("WARN") && l.contains("pub/nowhere.txt")), log.toString());
    }
}
