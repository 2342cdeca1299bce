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

    @Test
    void scan_aFileNameThatIsNotUtf8_isAUsageError_namingThePath() throws Exception {
        Path tree = MagentoFixture.small(dir.resolve("shop"));
        // Java cannot write such a name; the shell can.
        Process p = new ProcessBuilder("sh", "-c", "printf x > \"$1/app/code/$(printf 'caf\\351').php\"", "sh", tree.toString())
                .inheritIO().start();
        assertEquals(0, p.waitFor());
        MckException e = assertThrows(MckException.class, () -> MagentoTree.scan(tree, ImageExclusions.defaults()));
        assertEquals(MckException.Kind.USAGE, e.kind());
        assertTrue(e.getMessage().startsWith("file name is not valid UTF-8: " + tree.resolve("app/code/caf?.php")), e.getMessage());
    }

    @Test
    void scan_anUnreadablePath_isAUsageError_namingThatPath_notTheRoot() throws Exception {
        Path tree = MagentoFixture.small(dir.resolve("shop"));
        Path locked = tree.resolve("app/code/Locked");
        Files.createDirectories(locked);
        // Root (the test user here) reads everything, so the walker is handed the failure a
        // Jenkins agent user gets for a folder it may not open.
        MagentoTree.TreeWalker walker = new MagentoTree.TreeWalker(tree, ImageExclusions.defaults());
        MckException e = assertThrows(MckException.class,
                () -> walker.visitFileFailed(locked, new java.nio.file.AccessDeniedException(locked.toString())));
        assertEquals(MckException.Kind.USAGE, e.kind());
        assertEquals("cannot read " + locked + " (in --source): permission denied", e.getMessage());
        // ... unless the exclusion list leaves it out anyway.
        Path runtime = tree.resolve("var/session");
        walker.visitFileFailed(runtime, new java.nio.file.AccessDeniedException(runtime.toString()));
        assertTrue(walker.leftOut.contains("var/session"));
    }

    @Test
    void scan_linksInsideTheTreeAreFollowed_linksOutOrNowhereAreSkippedAndReported() throws Exception {
        Path tree = MagentoFixture.small(dir.resolve("shop"));
        Path outside = dir.resolve("home/.aws/credentials");
        MagentoFixture.write(dir.resolve("home"), ".aws/credentials", "secret");
        Files.createSymbolicLink(tree.resolve("pub/inside.php"), tree.resolve("pub/index.php"));
        Files.createSymbolicLink(tree.resolve("pub/out.txt"), outside);
        Files.createSymbolicLink(tree.resolve("pub/up.txt"), Path.of("../../home/.aws/credentials"));
        Files.createSymbolicLink(tree.resolve("pub/env.txt"), Path.of("../app/etc/env.php"));
        Files.createSymbolicLink(tree.resolve("pub/dangling.txt"), dir.resolve("gone"));
        Files.createSymbolicLink(tree.resolve("pub/homedir"), dir.resolve("home"));
        MagentoTree.Scan scan = MagentoTree.scan(tree, ImageExclusions.defaults());
        List<String> paths = scan.files().stream().map(SourceFile::path).toList();
        assertTrue(paths.contains("pub/inside.php"), paths.toString());
        for (String never : List.of("pub/out.txt", "pub/up.txt", "pub/env.txt", "pub/dangling.txt")) {
            assertTrue(!paths.contains(never), never);
        }
        assertTrue(paths.stream().noneMatch(x -> x.startsWith("pub/homedir")), paths.toString());
        String real = outside.toRealPath().toString();
        assertEquals(List.of("pub/dangling.txt -> " + dir.resolve("gone") + " (points nowhere)",
                "pub/homedir -> " + dir.resolve("home").toRealPath() + " (outside the tree)",
                "pub/out.txt -> " + real + " (outside the tree)", "pub/up.txt -> " + real + " (outside the tree)"),
                scan.skippedLinks().stream().sorted().toList());
        assertTrue(scan.leftOut().contains("pub/env.txt -> app/etc/env.php"), scan.leftOut().toString());
    }
}
