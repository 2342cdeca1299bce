package io.magecloudkit.image;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.magecloudkit.MckException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MagentoTreeTest {
    @TempDir
    Path dir;

    @Test
    void check_acceptsABuiltTree() {
        MagentoTree.check(MagentoFixture.small(dir));
    }

    @Test
    void check_namesTheFirstMissingPart_andTheStepThatMakesIt() throws Exception {
        Path tree = MagentoFixture.small(dir);
        record Case(String path, String expected) { }
        for (Case c : List.of(new Case("vendor/autoload.php", "vendor/autoload.php missing (run composer install)"),
                new Case("generated", "generated/ missing (run bin/magento setup:di:compile)"),
                new Case("pub/static", "pub/static/ missing (run bin/magento setup:static-content:deploy)"))) {
            Path p = tree.resolve(c.path());
            Path moved = dir.resolveSibling(dir.getFileName() + "-moved");
            Files.move(p, moved);
            MckException e = assertThrows(MckException.class, () -> MagentoTree.check(tree));
            assertEquals(MckException.Kind.USAGE, e.kind());
            assertTrue(e.getMessage().endsWith("is not a built Magento tree: " + c.expected()), e.getMessage());
            Files.move(moved, p);
        }
        assertThrows(MckException.class, () -> MagentoTree.check(tree.resolve("nope")));
    }

    @Test
    void scan_listsFilesSorted_skippingExcludedDirectories() {
        Path tree = MagentoFixture.small(dir);
        List<SourceFile> files = MagentoTree.scan(tree);
        List<String> paths = files.stream().map(SourceFile::path).toList();
        assertEquals(paths.stream().sorted().toList(), paths);
        assertTrue(paths.contains("bin/magento") && paths.contains("vendor/autoload.php"));
        assertTrue(paths.stream().noneMatch(p -> p.startsWith("var/") || p.startsWith(".git/") || p.startsWith("pub/media/")));
        assertTrue(files.stream().filter(f -> f.path().equals("bin/magento")).findFirst().orElseThrow().executable());
    }
}
