package io.magecloudkit.image;

import io.magecloudkit.MckException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/** A Magento checkout that the pipeline has already built: checks it and lists its files. */
public final class MagentoTree {
    /** What a built tree has, and which build step makes each one. */
    private static final String[][] REQUIRED = {
        {"vendor/autoload.php", "file", "run composer install"},
        {"app/etc/config.php", "file", "run bin/magento setup:install or commit app/etc/config.php"},
        {"bin/magento", "file", "is this a Magento checkout?"},
        {"generated", "dir", "run bin/magento setup:di:compile"},
        {"pub/static", "dir", "run bin/magento setup:static-content:deploy"},
    };

    private MagentoTree() {
    }

    /**
     * @throws MckException (USAGE) naming the first missing part and the step that makes it
     */
    public static void check(Path root) {
        if (!Files.isDirectory(root)) {
            throw new MckException(MckException.Kind.USAGE, root + " is not a directory (--source)");
        }
        for (String[] r : REQUIRED) {
            Path p = root.resolve(r[0]);
            boolean ok = r[1].equals("dir") ? Files.isDirectory(p) : Files.isRegularFile(p);
            if (!ok) {
                throw new MckException(MckException.Kind.USAGE, root + " is not a built Magento tree: "
                        + r[0] + (r[1].equals("dir") ? "/" : "") + " missing (" + r[2] + ")");
            }
        }
    }

    /**
     * The tree's regular files (symbolic links to files are followed; links to directories are
     * not, so a link cycle cannot hang the scan), sorted by path. Excluded top-level directories
     * (var/, pub/media/, .git/) are not walked at all: they can be huge.
     */
    public static List<SourceFile> scan(Path root) {
        List<SourceFile> files = new ArrayList<>();
        try {
            Files.walkFileTree(root, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) {
                    String rel = relative(root, dir);
                    if (!rel.isEmpty() && LayerPlan.excluded(rel + "/")) {
                        return FileVisitResult.SKIP_SUBTREE;
                    }
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) {
                    if (attrs.isRegularFile() || attrs.isSymbolicLink() && Files.isRegularFile(file)) {
                        files.add(new SourceFile(relative(root, file), Files.isExecutable(file)));
                    }
                    return FileVisitResult.CONTINUE;
                }
            });
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + root, e);
        }
        Collections.sort(files);
        return files;
    }

    private static String relative(Path root, Path p) {
        return root.relativize(p).toString().replace('\\', '/');
    }
}
