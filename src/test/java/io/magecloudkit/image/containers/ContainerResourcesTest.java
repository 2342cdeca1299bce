package io.magecloudkit.image.containers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;

/** Static checks of the container resources: syntax of every script, and the image layout file. */
class ContainerResourcesTest {

    private static final Path RESOURCES = ContainerTools.resources();
    private static final List<String> CONTAINER_DIRS = List.of("docker", "nginx", "php", "blackfire");

    private static List<Path> filesEndingWith(Path root, String suffix) throws IOException {
        try (Stream<Path> files = Files.walk(root)) {
            return files.filter(p -> p.getFileName().toString().endsWith(suffix)).sorted().toList();
        }
    }

    private static List<Path> containerFiles(String suffix) throws IOException {
        List<Path> found = new ArrayList<>();
        for (String dir : CONTAINER_DIRS) {
            found.addAll(filesEndingWith(RESOURCES.resolve(dir), suffix));
        }
        return found;
    }

    @Test
    void everyPhpFile_passesPhpLint() throws Exception {
        List<Path> phpFiles = new ArrayList<>(containerFiles(".php"));
        phpFiles.addAll(filesEndingWith(ContainerTools.fakeMagento(), ".php"));
        assertTrue(phpFiles.stream().anyMatch(p -> p.endsWith("write-env-php.php")), phpFiles.toString());

        for (Path file : phpFiles) {
            ContainerTools.Result lint = ContainerTools.run(
                    List.of(ContainerTools.php().toString(), "-n", "-l", file.toString()), Map.of(), file.getParent());
            assertEquals(0, lint.exitCode(), file + ": " + lint.output());
        }
    }

    @Test
    void everyShellScript_passesShNoExec() throws Exception {
        List<Path> scripts = containerFiles(".sh");
        assertEquals(2, scripts.size(), "the nginx and php-fpm entrypoints: " + scripts);

        for (Path script : scripts) {
            ContainerTools.Result check = ContainerTools.run(List.of("/bin/sh", "-n", script.toString()), Map.of(),
                    script.getParent());
            assertEquals(0, check.exitCode(), script + ": " + check.output());
            assertTrue(Files.readString(script).startsWith("#!/bin/sh\n"), script + " is POSIX sh");
            assertTrue(Files.readString(script).contains("set -eu"), script.toString());
        }
    }

    @Test
    void imageLayout_parses_andEveryFileExistsWithAnOctalMode() throws Exception {
        JsonNode layout = new ObjectMapper(new YAMLFactory()).readTree(RESOURCES.resolve("docker/images.yml").toFile());

        assertEquals("/var/www/magento", layout.get("appRoot").asText());
        JsonNode images = layout.get("images");
        assertEquals(Set.of("nginx", "php-fpm", "blackfire"), fieldNames(images));
        Set<String> shipped = new HashSet<>();
        for (Map.Entry<String, JsonNode> image : iterable(images)) {
            String name = image.getKey();
            JsonNode spec = image.getValue();
            assertFalse(spec.path("base").asText().isBlank(), name + ": base");
            assertTrue(spec.get("app").isArray(), name + ": app");
            Set<String> destinations = new HashSet<>();
            for (JsonNode file : spec.get("files")) {
                Path from = RESOURCES.resolve(file.get("from").asText());
                assertTrue(Files.isRegularFile(from), name + ": missing " + from);
                assertTrue(file.get("to").asText().startsWith("/"), name + ": " + file);
                assertTrue(file.get("mode").isTextual() && file.get("mode").asText().matches("[0-7]{3,4}"), name + ": " + file);
                if (file.get("from").asText().endsWith(".sh")) {
                    assertEquals("755", file.get("mode").asText(), name + ": an entrypoint must be executable");
                }
                destinations.add(file.get("to").asText());
                shipped.add(file.get("from").asText());
            }
            for (JsonNode entrypoint : spec.path("entrypoint")) {
                assertTrue(destinations.contains(entrypoint.asText()), name + ": entrypoint " + entrypoint + " not shipped");
            }
            spec.path("environment").fields().forEachRemaining(e -> assertFalse(
                    e.getKey().matches(".*(PASSWORD|TOKEN|SECRET|CRYPT_KEY|API_KEY).*"),
                    name + ": a secret has no default in the image: " + e.getKey()));
        }
        assertEquals(List.of("pub"), List.of(images.at("/nginx/app/0").asText()));
        assertEquals("*", images.at("/php-fpm/app/0").asText());
        assertEquals(0, images.at("/blackfire/app").size());

        // Every configuration file of ours reaches an image.
        for (String dir : List.of("nginx", "php", "blackfire")) {
            try (Stream<Path> files = Files.list(RESOURCES.resolve(dir))) {
                for (Path file : (Iterable<Path>) files::iterator) {
                    String relative = RESOURCES.relativize(file).toString();
                    assertTrue(shipped.contains(relative), relative + " is in no image of images.yml");
                }
            }
        }
    }

    @Test
    void dockerfiles_copyOnlyFilesThatExist() throws Exception {
        Pattern copy = Pattern.compile("^COPY (?:--\\S+ )*(.+) (\\S+)$", Pattern.MULTILINE);
        for (String name : List.of("nginx.Dockerfile", "php-fpm.Dockerfile", "blackfire.Dockerfile")) {
            String dockerfile = Files.readString(RESOURCES.resolve("docker").resolve(name));
            assertTrue(dockerfile.lines().anyMatch(l -> l.startsWith("FROM ")), name);
            Matcher matcher = copy.matcher(dockerfile);
            int copies = 0;
            while (matcher.find()) {
                for (String source : matcher.group(1).split(" ")) {
                    assertTrue(Files.isRegularFile(RESOURCES.resolve(source)), name + ": COPY " + source);
                    copies++;
                }
            }
            assertTrue(copies > 0, name + " copies our configuration");
        }
    }

    private static Set<String> fieldNames(JsonNode node) {
        Set<String> names = new HashSet<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }

    private static Iterable<Map.Entry<String, JsonNode>> iterable(JsonNode node) {
        return node::fields;
    }
}
