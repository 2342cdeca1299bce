package io.magecloudkit.image;

import io.magecloudkit.MckException;
import io.magecloudkit.Messages;
import java.io.IOException;
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
     * What a scan found.
     *
     * @param files        the regular files that may go into images, sorted by path
     * @param leftOut      paths the exclusion list took (a folder once, ending in '/'), sorted
     * @param skippedLinks symbolic links left out because they point outside the tree or nowhere,
     *                     each as "link -> target"
     */
    public record Scan(List<SourceFile> files, List<String> leftOut, List<String> skippedLinks) {
    }

    /** The regular files of the tree under the default exclusions. */
    public static List<SourceFile> scan(Path root) {
        return scan(root, ImageExclusions.defaults()).files();
    }

    /**
     * Lists the tree. Symbolic links to files inside the tree are followed; a link that leads out of
     * the tree (or nowhere) is left out and reported, so a link to ~/.aws/credentials cannot be
     * packaged; links to folders are not followed, so a cycle cannot hang the scan. Excluded
     * folders (var/, pub/media/, .git/, ...) are not walked at all: they can be huge.
     *
     * @throws MckException USAGE naming a path that cannot be read or whose name is not valid UTF-8
     */
    public static Scan scan(Path root, ImageExclusions exclusions) {
        TreeWalker walker = new TreeWalker(root, exclusions);
        try {
            Files.walkFileTree(root, walker);
        } catch (IOException e) {
            throw walker.unreadable(root, e);
        }
        Collections.sort(walker.files);
        Collections.sort(walker.leftOut);
        return new Scan(List.copyOf(walker.files), List.copyOf(walker.leftOut), List.copyOf(walker.skippedLinks));
    }

    /** The walk itself; package-private so a test can hand it a failure that root cannot cause. */
    static final class TreeWalker extends SimpleFileVisitor<Path> {
        private final Path root;
        private final Path realRoot;
        private final ImageExclusions exclusions;
        final List<SourceFile> files = new ArrayList<>();
        final List<String> leftOut = new ArrayList<>();
        final List<String> skippedLinks = new ArrayList<>();

        TreeWalker(Path root, ImageExclusions exclusions) {
            this.root = root;
            this.exclusions = exclusions;
            try {
                this.realRoot = root.toRealPath();
            } catch (IOException e) {
                throw unreadable(root, e);
            }
        }

        @Override
        public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) {
            String rel = relative(root, dir);
            if (rel.isEmpty()) {
                return FileVisitResult.CONTINUE;
            }
            checkName(rel);
            if (exclusions.excludes(rel)) {
                leftOut.add(rel + "/");
                return FileVisitResult.SKIP_SUBTREE;
            }
            return FileVisitResult.CONTINUE;
        }

        @Override
        public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) {
            String rel = relative(root, file);
            if (exclusions.excludes(rel)) {
                leftOut.add(rel);
                return FileVisitResult.CONTINUE;
            }
            checkName(rel);
            if (attrs.isSymbolicLink()) {
                visitLink(file, rel);
            } else if (attrs.isRegularFile()) {
                if (!Files.isReadable(file)) {
                    throw new MckException(MckException.Kind.USAGE, "cannot read " + file + " (in --source): permission denied");
                }
                files.add(new SourceFile(rel, Files.isExecutable(file)));
            }
            return FileVisitResult.CONTINUE;
        }

        private void visitLink(Path link, String rel) {
            Path target;
            try {
                target = link.toRealPath();
            } catch (IOException e) {
                skippedLinks.add(rel + " -> " + linkText(link) + " (points nowhere)");
                return;
            }
            if (!target.startsWith(realRoot)) {
                skippedLinks.add(rel + " -> " + target + " (outside the tree)");
                return;
            }
            if (!Files.isRegularFile(target)) {
                return; // a folder: not followed (see scan)
            }
            String targetRel = realRoot.relativize(target).toString().replace('\\', '/');
            if (exclusions.excludes(targetRel)) {
                leftOut.add(rel + " -> " + targetRel);
                return;
            }
            files.add(new SourceFile(rel, Files.isExecutable(target)));
        }

        @Override
        public FileVisitResult visitFileFailed(Path file, IOException e) {
            String rel = relative(root, file);
            if (!rel.isEmpty() && exclusions.excludes(rel)) {
                leftOut.add(rel);
                return FileVisitResult.CONTINUE;
            }
            throw unreadable(file, e);
        }

        MckException unreadable(Path path, IOException e) {
            String why = e instanceof java.nio.file.AccessDeniedException ? "permission denied"
                    : e instanceof java.nio.file.NoSuchFileException ? "it vanished during the scan"
                    : Messages.firstLine(e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage());
            return new MckException(MckException.Kind.USAGE, "cannot read " + path + " (in --source): " + why);
        }

        /** A name that is not valid UTF-8 decodes with U+FFFD and could not be opened again by its name. */
        private void checkName(String rel) {
            if (rel.indexOf('\uFFFD') >= 0) {
                throw new MckException(MckException.Kind.USAGE, "file name is not valid UTF-8: "
                        + root.resolve(rel.replace('\uFFFD', '?')) + " (in --source); rename it or add it to images.exclude");
            }
        }
    }

    private static String linkText(Path link) {
        try {
            return Files.readSymbolicLink(link).toString();
        } catch (IOException e) {
            return "?";
        }
    }

    private static String relative(Path root, Path p) {
        return root.relativize(p).toString().replace('\\', '/');
    }
}
