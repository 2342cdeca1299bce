package io.magecloudkit.image;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Random;

/**
 * A Magento-shaped built tree generated on disk: vendor/ holds most files, then generated/ and
 * pub/static/, a little app code, plus things that must stay out of images (var/, pub/media/,
 * .git/, app/etc/env.php, logs). Content is PHP-like text from a seeded generator, so the same
 * sizes give the same bytes and gzip compresses it as it would real code.
 */
public final class MagentoFixture {
    public static final String APP_PHP = "app/code/Acme/Catalog/Model/Product.php";

    private MagentoFixture() {
    }

    /** A small tree for tests (about 60 files). */
    public static Path small(Path root) {
        return create(root, 30, 8, 8, 6, 600);
    }

    /**
     * @param averageBytes mean file size; sizes vary from a quarter to twice that
     */
    public static Path create(Path root, int vendorFiles, int generatedFiles, int staticFiles, int appFiles, int averageBytes) {
        Random random = new Random(42);
        try {
            write(root, "vendor/autoload.php", "<?php\nreturn require __DIR__ . '/composer/autoload_real.php';\n");
            for (int i = 0; i < vendorFiles; i++) {
                write(root, String.format("vendor/vendor%02d/package%03d/src/Class%05d.php", i % 40, i % 400, i),
                        php("Vendor" + i, random, averageBytes));
            }
            for (int i = 0; i < generatedFiles; i++) {
                write(root, String.format("generated/code/Magento/Module%03d/Interceptor%05d.php", i % 200, i),
                        php("Interceptor" + i, random, averageBytes));
            }
            for (int i = 0; i < staticFiles; i++) {
                write(root, String.format("pub/static/frontend/Magento/luma/en_US/js/file%05d.js", i),
                        php("Static" + i, random, averageBytes));
            }
            for (int i = 0; i < appFiles; i++) {
                write(root, String.format("app/code/Acme/Module%02d/Model/Thing%04d.php", i % 20, i), php("Thing" + i, random, averageBytes));
            }
            write(root, APP_PHP, php("Product", random, averageBytes));
            write(root, "app/etc/config.php", "<?php\nreturn ['modules' => ['Magento_Store' => 1]];\n");
            write(root, "app/etc/env.php", "<?php\nreturn ['db' => ['password' => 'secret-not-for-images']];\n");
            write(root, "bin/magento", "#!/usr/bin/env php\n<?php\nrequire __DIR__ . '/../app/bootstrap.php';\n");
            Files.setPosixFilePermissions(root.resolve("bin/magento"), PosixFilePermissions.fromString("rwxr-xr-x"));
            write(root, "app/bootstrap.php", "<?php\n// bootstrap\n");
            write(root, "pub/index.php", "<?php\nrequire __DIR__ . '/../app/bootstrap.php';\n");
            write(root, "pub/health_check.php", "<?php\necho 'ok';\n");
            write(root, "pub/media/catalog/product/a.jpg", "not in any image");
            write(root, "var/log/system.log", "runtime state");
            write(root, "var/cache/mage--0/x", "cache");
            write(root, ".git/HEAD", "ref: refs/heads/main\n");
            write(root, "composer.json", "{\"name\": \"acme/shop\"}\n");
            write(root, "debug.log", "log at the root");
            Files.createDirectories(root.resolve("generated/metadata"));
            return root;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The test layout shipped with the tests (src/test/resources/io/magecloudkit/image/layout). */
    public static LayoutSource testLayout() {
        try {
            Path root = Path.of(MagentoFixture.class.getResource("/io/magecloudkit/image/layout/docker/images.yml").toURI())
                    .getParent().getParent();
            return LayoutSource.directory(root, root.resolve("docker/images.yml"));
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    static void write(Path root, String rel, String content) throws IOException {
        Path p = root.resolve(rel);
        Files.createDirectories(p.getParent());
        Files.writeString(p, content, StandardCharsets.UTF_8);
    }

    private static String php(String name, Random random, int averageBytes) {
        int target = averageBytes / 4 + random.nextInt(Math.max(1, averageBytes * 7 / 4));
        StringBuilder sb = new StringBuilder(target + 100);
        sb.append("<?php\ndeclare(strict_types=1);\n\nnamespace Acme\\Generated;\n\nclass ").append(name).append("\n{\n");
        while (sb.length() < target) {
            sb.append("    public function m").append(Integer.toHexString(random.nextInt()))
                    .append("(array $items, int $limit = ").append(random.nextInt(1000)).append("): array\n    {\n")
                    .append("        return array_slice($items, 0, $limit); // ").append(Long.toHexString(random.nextLong())).append("\n    }\n\n");
        }
        return sb.append("}\n").toString();
    }
}
