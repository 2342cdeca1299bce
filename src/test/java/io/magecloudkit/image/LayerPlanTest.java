package io.magecloudkit.image;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class LayerPlanTest {
    static final Path ROOT = Path.of("/src");
    static final List<SourceFile> TREE = List.of(
            new SourceFile("vendor/autoload.php", false),
            new SourceFile("vendor/a/b/src/X.php", false),
            new SourceFile("generated/code/Foo/Interceptor.php", false),
            new SourceFile("pub/static/frontend/app.js", false),
            new SourceFile("pub/index.php", false),
            new SourceFile("pub/media/catalog/a.jpg", false),
            new SourceFile("app/code/Acme/Model/Product.php", false),
            new SourceFile("app/etc/config.php", false),
            new SourceFile("app/etc/env.php", false),
            new SourceFile("bin/magento", true),
            new SourceFile("var/log/system.log", false),
            new SourceFile(".git/HEAD", false),
            new SourceFile("composer.json", false),
            new SourceFile("debug.log", false),
            new SourceFile("lib/internal/Lib.php", false));

    static ImageLayout.ImageSpec spec(List<String> app, List<ImageLayout.FileCopy> files) {
        return new ImageLayout.ImageSpec("base:1", files, app, null, null, null, null, null, Map.of());
    }

    static List<String> targets(LayerPlan.Layer layer) {
        return layer.entries().stream().map(LayerPlan.Entry::target).toList();
    }

    @Test
    void plan_wholeTree_ordersLayersByHowOftenTheyChange_andExcludesRuntimeState() {
        List<LayerPlan.Layer> layers = LayerPlan.plan(ROOT, TREE, spec(List.of("*"), List.of()), "/var/www/magento",
                List.of(new LayerPlan.ConfigFile(Path.of("/cfg/php.ini"), "/usr/local/etc/php.ini", null)), ImageExclusions.defaults());
        assertEquals(List.of("vendor", "generated-static", "app-code", "config"), layers.stream().map(LayerPlan.Layer::name).toList());
        assertEquals(List.of("/var/www/magento/vendor/a/b/src/X.php", "/var/www/magento/vendor/autoload.php"), targets(layers.get(0)));
        assertEquals(List.of("/var/www/magento/generated/code/Foo/Interceptor.php", "/var/www/magento/pub/static/frontend/app.js"),
                targets(layers.get(1)));
        assertEquals(List.of("/var/www/magento/app/code/Acme/Model/Product.php", "/var/www/magento/app/etc/config.php",
                "/var/www/magento/bin/magento", "/var/www/magento/composer.json", "/var/www/magento/lib/internal/Lib.php",
                "/var/www/magento/pub/index.php"), targets(layers.get(2)));
        assertEquals(List.of("/usr/local/etc/php.ini"), targets(layers.get(3)));
        assertEquals("644", layers.get(3).entries().get(0).mode());
        List<String> all = layers.stream().flatMap(l -> targets(l).stream()).toList();
        for (String never : List.of("env.php", "/var/log", "/pub/media/", "/.git/", ".log")) {
            assertTrue(all.stream().noneMatch(t -> t.contains(never)), never + " must stay out: " + all);
        }
    }

    @Test
    void plan_keepsTheExecutableBit_only() {
        List<LayerPlan.Layer> layers = LayerPlan.plan(ROOT, TREE, spec(List.of("*"), List.of()), "/app", List.of(), ImageExclusions.defaults());
        for (LayerPlan.Entry e : layers.get(2).entries()) {
            assertEquals(e.target().equals("/app/bin/magento") ? "755" : "644", e.mode(), e.target());
        }
    }

    @Test
    void plan_isTheSameWhateverTheInputOrder() {
        List<SourceFile> shuffled = new ArrayList<>(TREE);
        Collections.shuffle(shuffled, new java.util.Random(7));
        assertEquals(LayerPlan.plan(ROOT, TREE, spec(List.of("*"), List.of()), "/app", List.of(), ImageExclusions.defaults()),
                LayerPlan.plan(ROOT, shuffled, spec(List.of("*"), List.of()), "/app", List.of(), ImageExclusions.defaults()));
    }

    @Test
    void plan_narrowSelection_takesOnlyThoseEntries_andSkipsEmptyLayers() {
        List<LayerPlan.Layer> nginx = LayerPlan.plan(ROOT, TREE, spec(List.of("pub"), List.of()), "/app", List.of(), ImageExclusions.defaults());
        assertEquals(List.of("generated-static", "app-code"), nginx.stream().map(LayerPlan.Layer::name).toList());
        assertEquals(List.of("/app/pub/static/frontend/app.js"), targets(nginx.get(0)));
        assertEquals(List.of("/app/pub/index.php"), targets(nginx.get(1)));
        assertTrue(LayerPlan.plan(ROOT, TREE, spec(List.of(), List.of()), "/app", List.of(), ImageExclusions.defaults()).isEmpty());
    }

    @Test
    void onePhpFileChange_inAppCode_changesOneLayerOfPhpFpm_andNoneOfNginx() {
        List<SourceFile> changedTree = new ArrayList<>(TREE);
        changedTree.add(new SourceFile("app/code/Acme/Model/New.php", false));
        for (List<String> app : List.of(List.of("*"), List.of("pub"))) {
            List<LayerPlan.Layer> before = LayerPlan.plan(ROOT, TREE, spec(app, List.of()), "/app", List.of(), ImageExclusions.defaults());
            List<LayerPlan.Layer> after = LayerPlan.plan(ROOT, changedTree, spec(app, List.of()), "/app", List.of(), ImageExclusions.defaults());
            long changed = 0;
            for (int i = 0; i < before.size(); i++) {
                if (!before.get(i).equals(after.get(i))) {
                    changed++;
                    assertEquals("app-code", after.get(i).name());
                }
            }
            assertEquals(app.contains("*") ? 1 : 0, changed, "app " + app);
        }
    }

    @Test
    void excluded_coversWhatNeverBelongsInAnImage() {
        assertTrue(ImageExclusions.defaults().excludes("var/cache/x"));
        assertTrue(ImageExclusions.defaults().excludes("pub/media/a.jpg"));
        assertTrue(ImageExclusions.defaults().excludes(".git/config"));
        assertTrue(ImageExclusions.defaults().excludes("app/etc/env.php"));
        assertTrue(ImageExclusions.defaults().excludes("vendor/x/CHANGES.LOG"));
        assertFalse(ImageExclusions.defaults().excludes("app/etc/config.php"));
        assertFalse(ImageExclusions.defaults().excludes("pub/static/media/x.png"));
        assertFalse(ImageExclusions.defaults().excludes("variables.php"));
    }
}
