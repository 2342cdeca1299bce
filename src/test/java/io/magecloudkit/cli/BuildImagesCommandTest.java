package io.magecloudkit.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.magecloudkit.image.BaseImageSeeder;
import io.magecloudkit.image.DockerRegistryServer;
import io.magecloudkit.image.MagentoFixture;
import io.magecloudkit.image.Target;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class BuildImagesCommandTest {
    static final String PASSWORD = "cli-registry-pw";

    @TempDir
    static Path work;
    static DockerRegistryServer registry;
    static List<String> baseFlags = new ArrayList<>();

    @BeforeAll
    static void start() throws Exception {
        DockerRegistryServer.requireInstalled();
        registry = DockerRegistryServer.start(work.resolve("registry"), "jenkins", PASSWORD);
        baseFlags.addAll(List.of(
                "--base-image", "nginx=" + BaseImageSeeder.seed(registry, "jenkins", PASSWORD, "base/nginx:1", "n", work),
                "--base-image", "php-fpm=" + BaseImageSeeder.seed(registry, "jenkins", PASSWORD, "base/php:1", "p", work),
                "--base-image", "blackfire=" + BaseImageSeeder.seed(registry, "jenkins", PASSWORD, "base/bf:1", "b", work)));
    }

    @AfterAll
    static void stop() throws Exception {
        if (registry != null) {
            registry.close();
        }
    }

    record Run(int exit, String err) {
    }

    static Run run(String password, String... args) {
        CommandLine cl = Main.commandLine();
        BuildImagesCommand cmd = (BuildImagesCommand) cl.getSubcommands().get("build-images").getCommand();
        cmd.layoutSource = MagentoFixture.testLayout();
        cmd.environment = Map.of("MCK_REGISTRY_USERNAME", "jenkins", "MCK_REGISTRY_PASSWORD", password);
        StringWriter err = new StringWriter();
        cl.setErr(new PrintWriter(err));
        cl.setOut(new PrintWriter(new StringWriter()));
        List<String> all = new ArrayList<>(List.of("build-images"));
        all.addAll(List.of(args));
        all.addAll(List.of("--cache-dir", work.resolve("cache").toString()));
        return new Run(cl.execute(all.toArray(String[]::new)), err.toString());
    }

    @Test
    void registry_push_writesTheResultForTheDeployStep() throws Exception {
        Path source = MagentoFixture.small(work.resolve("shop"));
        Path result = work.resolve("result.json");
        List<String> args = new ArrayList<>(List.of("--source", source.toString(), "--tag", "cafebabe1234567",
                "--registry", registry.host() + "/acme", "--result-file", result.toString()));
        args.addAll(baseFlags);
        Run r = run(PASSWORD, args.toArray(String[]::new));
        assertEquals(0, r.exit(), r.err());
        JsonNode doc = new ObjectMapper().readTree(result.toFile());
        JsonNode images = doc.get("result").get("images");
        assertEquals(3, images.size());
        for (JsonNode i : images) {
            String repo = "acme/" + i.get("name").asText();
            assertEquals(registry.host() + "/" + repo, i.get("repository").asText());
            assertTrue(i.get("tag").asText().startsWith("cafebabe1234-"));
            assertEquals(registry.tagDigest(repo, i.get("tag").asText()).orElseThrow(), i.get("digest").asText());
            assertEquals(i.get("repository").asText() + "@" + i.get("digest").asText(), i.get("reference").asText());
            for (String field : List.of("pushedLayers", "skippedLayers", "bytesPushed")) {
                assertTrue(i.has(field), field);
            }
        }
        assertFalse(r.err().contains(PASSWORD));
        assertFalse(Files.readString(result).contains(PASSWORD));
    }

    @Test
    void exitCodes_forBadInput() throws Exception {
        Path source = MagentoFixture.small(work.resolve("shop2"));
        List<String> ok = new ArrayList<>(List.of("--source", source.toString(), "--tag", "c0ffee", "--registry", registry.host() + "/exit"));
        ok.addAll(baseFlags);
        Run refused = run("not-the-password", ok.toArray(String[]::new));
        assertEquals(3, refused.exit(), refused.err());
        assertTrue(refused.err().contains("refused the credentials for user jenkins"), refused.err());
        assertFalse(refused.err().contains("not-the-password"));
        assertEquals(404, registry.get("/v2/exit/nginx/tags/list", null).statusCode());

        Run notBuilt = run(PASSWORD, "--source", work.toString(), "--tag", "c0ffee", "--registry", registry.host());
        assertEquals(2, notBuilt.exit());
        assertTrue(notBuilt.err().contains("is not a built Magento tree"), notBuilt.err());

        assertEquals(2, run(PASSWORD, "--source", source.toString(), "--tag", "c0ffee", "--registry-type", "oci").exit());
        assertEquals(2, run(PASSWORD, "--source", source.toString(), "--tag", "c0ffee", "--base-image", "varnish=x:1").exit());
        assertEquals(2, run(PASSWORD, "--source", source.toString(), "--tag", "c0ffee", "--image", "varnish").exit());
        assertEquals(2, run(PASSWORD, "--source", source.toString(), "--registry", "bad host").exit());
    }

    @Test
    void unreachableBaseRegistry_exit3_inOneLine() throws Exception {
        Path source = MagentoFixture.small(work.resolve("shop3"));
        String closed = io.magecloudkit.testing.FreePort.closedLoopbackEndpoint().getAuthority();
        Run r = run(PASSWORD, "--source", source.toString(), "--tag", "c0ffee", "--output", work.resolve("tars").toString(),
                "--image", "nginx", "--base-image", "nginx=" + closed + "/base/nginx:1");
        assertEquals(3, r.exit(), r.err());
        String error = r.err().lines().filter(l -> l.startsWith("mck: error: ")).findFirst().orElseThrow();
        assertTrue(error.contains("cannot reach the registry while building nginx on " + closed + "/base/nginx:1"), error);
        assertFalse(r.err().contains("\u001B"), "no terminal colour codes in a Jenkins log");
    }

    @Test
    void unreachablePushRegistry_exit3_badPort_exit2_eachInOneLine() throws Exception {
        Path source = MagentoFixture.small(work.resolve("shop4"));
        String closed = io.magecloudkit.testing.FreePort.closedLoopbackEndpoint().getAuthority();
        List<String> args = new ArrayList<>(List.of("--source", source.toString(), "--tag", "c0ffee", "--registry", closed + "/shop"));
        args.addAll(baseFlags);
        Run unreachable = run(PASSWORD, args.toArray(String[]::new));
        assertEquals(3, unreachable.exit(), unreachable.err());
        List<String> errors = unreachable.err().lines().filter(l -> l.startsWith("mck: error: ")).toList();
        assertEquals(1, errors.size(), unreachable.err());
        assertTrue(errors.get(0).contains(closed), errors.get(0));

        Run badPort = run(PASSWORD, "--source", source.toString(), "--tag", "c0ffee", "--registry", "127.0.0.1:99999/shop");
        assertEquals(2, badPort.exit(), badPort.err());
        assertTrue(badPort.err().contains("port 99999 is not between 1 and 65535"), badPort.err());
        assertFalse(badPort.err().contains("Exception"), badPort.err());
    }

    @Test
    void anUnreadableFileName_exit2_namingThePath() throws Exception {
        Path source = MagentoFixture.small(work.resolve("shop5"));
        Process p = new ProcessBuilder("sh", "-c", "printf x > \"$1/pub/$(printf 'bad\\377')\"", "sh", source.toString()).start();
        assertEquals(0, p.waitFor());
        Run r = run(PASSWORD, "--source", source.toString(), "--tag", "c0ffee", "--output", work.resolve("tars5").toString());
        assertEquals(2, r.exit(), r.err());
        assertTrue(r.err().contains("file name is not valid UTF-8: " + source.resolve("pub/bad?")), r.err());
    }
}
