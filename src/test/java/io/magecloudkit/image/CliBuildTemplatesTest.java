package io.magecloudkit.image;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

/**
 * The packaged app Dockerfile templates and ignore file against the Jib builder's plan: a small
 * interpreter runs a rendered template over a Magento-shaped tree (COPY, the throwaway stage's
 * rm, the ignore patterns) and the files each COPY layer adds must be, in order, the files of
 * the Jib layers (several COPY layers may make up one Jib layer, never the other way round).
 */
class CliBuildTemplatesTest {
    @TempDir
    Path tmp;

    private static final List<String> EXTRA_PATHS = List.of(
            "app/code/Acme/Debug/trace.LOG", "pub/errors/report.Log", "pub/errors/default/page.phtml",
            "pub/.htaccess", "vendor/acme/var/keep.php", "vendor/acme/logs/keep.php", "app/etc/env.php.dist",
            "pub/mediafile.txt", "lib/internal/.gitignore", "generated/code/x.logger.php",
            "var/session/sess_1", "var/export/x.csv", ".git/objects/ab/cd", "pub/media/wysiwyg/x.png");

    private Path tree() throws IOException {
        Path root = MagentoFixture.small(tmp.resolve("magento"));
        for (String p : EXTRA_PATHS) {
            MagentoFixture.write(root, p, "x");
        }
        return root;
    }

    @ParameterizedTest
    @ValueSource(strings = {"php-fpm", "nginx"})
    void copyLayers_addTheFilesOfTheJibLayers_inTheSameOrder(String image) throws IOException {
        ImageLayout layout = LayoutSource.classpath(tmp.resolve("extract")).layout();
        ImageLayout.ImageSpec spec = layout.images().get(image);
        Path root = tree();
        List<SourceFile> files = MagentoTree.scan(root);
        List<LayerPlan.Layer> jib = LayerPlan.plan(root, files, spec, layout.appRoot(), List.of(), ImageExclusions.defaults());

        String template = CliBuild.resourceOrNull(CliBuild.DOCKERFILES + "app-" + image + ".Dockerfile");
        assertNotNull(template, "app-" + image + ".Dockerfile is packaged");
        String dockerfile = CliBuildPlan.render(template, layout.appRoot(), spec.environment());
        List<String> context = allFiles(root).stream().filter(p -> !ImageExclusions.defaults().excludes(p)).toList();
        List<TreeSet<String>> copyLayers = simulate(dockerfile, context);

        int next = 0;
        for (LayerPlan.Layer layer : jib) {
            TreeSet<String> expected = layer.entries().stream().map(LayerPlan.Entry::target)
                    .collect(Collectors.toCollection(TreeSet::new));
            TreeSet<String> got = new TreeSet<>();
            while (got.size() < expected.size() && next < copyLayers.size()) {
                TreeSet<String> l = copyLayers.get(next++);
                assertTrue(java.util.Collections.disjoint(got, l), image + ": a file is in two COPY layers");
                got.addAll(l);
            }
            assertEquals(expected, got, image + ": COPY layers making up the Jib layer " + layer.name());
        }
        for (int i = next; i < copyLayers.size(); i++) {
            assertTrue(copyLayers.get(i).isEmpty(), image + ": COPY layer " + i + " adds files the Jib plan does not have: "
                    + copyLayers.get(i));
        }
        assertTrue(dockerfile.contains("ENV "), "the layout's environment is set");
        for (String name : spec.environment().keySet()) {
            assertTrue(dockerfile.contains(name + "=\""), name);
        }
    }

    @Test
    void ignoreFile_isTheExclusionListTheJibBuilderUses_withoutReinclusions() {
        String text = CliBuild.resourceOrNull(CliBuild.IGNORE_FILE);
        assertNotNull(text, "app.dockerignore is packaged");
        assertEquals(text, ImageExclusions.defaults().dockerignore());
        assertTrue(text.lines().map(String::strip).noneMatch(l -> l.startsWith("!")), "no re-inclusions");
    }

    /** Every file of the tree, as docker and buildah see the context (the scan skips excluded folders). */
    private static List<String> allFiles(Path root) throws IOException {
        try (var walk = java.nio.file.Files.walk(root)) {
            return new ArrayList<>(walk.filter(java.nio.file.Files::isRegularFile)
                    .map(p -> root.relativize(p).toString().replace('\\', '/')).sorted().toList());
        }
    }

    // --- a Dockerfile interpreter for the instructions the templates use --------------------

    /** The files each COPY of the last stage adds, in order. */
    private static List<TreeSet<String>> simulate(String dockerfile, List<String> context) {
        Map<String, TreeSet<String>> stages = new LinkedHashMap<>();
        List<TreeSet<String>> layers = new ArrayList<>();
        TreeSet<String> current = null;
        String stageName = null;
        for (String line : dockerfile.replace("\\\n", " ").split("\n")) {
            String[] w = line.strip().split("\\s+");
            if (w[0].isEmpty() || w[0].startsWith("#")) {
                continue;
            }
            switch (w[0]) {
                case "ARG", "USER", "ENV" -> { }
                case "FROM" -> {
                    assertEquals("${BASE_IMAGE}", w[1], "every stage starts from the base");
                    stageName = w.length == 4 && w[2].equalsIgnoreCase("AS") ? w[3] : "final-" + stages.size();
                    current = new TreeSet<>();
                    stages.put(stageName, current);
                    layers.clear();
                }
                case "COPY" -> {
                    String from = null;
                    List<String> args = new ArrayList<>();
                    for (int i = 1; i < w.length; i++) {
                        if (w[i].startsWith("--from=")) {
                            from = w[i].substring("--from=".length());
                        } else if (w[i].startsWith("--")) {
                            fail("unexpected COPY flag " + w[i]);
                        } else {
                            args.add(w[i]);
                        }
                    }
                    assertEquals(2, args.size(), line);
                    String src = args.get(0);
                    String dest = args.get(1);
                    assertTrue(dest.endsWith("/"), "COPY of a folder needs a folder destination: " + line);
                    Iterable<String> pool = from == null ? context : stages.get(from);
                    assertNotNull(pool, "no stage " + from);
                    String prefix = from == null ? (src.equals(".") ? "" : src) : src;
                    TreeSet<String> added = new TreeSet<>();
                    for (String f : pool) {
                        if (f.startsWith(prefix)) {
                            added.add(dest + f.substring(prefix.length()));
                        }
                    }
                    current.addAll(added);
                    layers.add(added);
                }
                case "RUN" -> {
                    assertTrue(line.strip().startsWith("RUN rm -rf "), "only 'RUN rm -rf' is understood: " + line);
                    for (int i = 3; i < w.length; i++) {
                        String gone = w[i];
                        current.removeIf(f -> f.equals(gone) || f.startsWith(gone + "/"));
                    }
                }
                default -> fail("unexpected instruction: " + line);
            }
        }
        assertFalse(stageName != null && !stageName.startsWith("final-"), "the last stage is the image, not a named one");
        return layers;
    }
}
