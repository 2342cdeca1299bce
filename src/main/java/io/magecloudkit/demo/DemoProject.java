package io.magecloudkit.demo;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.FileSystem;
import java.nio.file.FileSystemAlreadyExistsException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * The bundled demo project (examples/demo in the repository, packaged into mck.jar by the pom):
 * copied into the demo's work directory, where the rehearsal may change it (the v2 build).
 */
public final class DemoProject {
    /** Where the pom puts examples/demo on the class path. */
    static final String ROOT = "io/magecloudkit/demo/project/";
    /** Files the copy makes executable (resources lose their mode in a jar). */
    private static final List<String> EXECUTABLE = List.of("app/bin/magento");

    private DemoProject() {
    }

    /** Copies the project into {@code dir} (created when missing) and returns {@code dir}. */
    public static Path copyTo(Path dir) {
        URL marker = DemoProject.class.getClassLoader().getResource(ROOT + "magecloudkit.yml");
        if (marker == null) {
            throw new IllegalStateException("the demo project is not on the class path (" + ROOT + "); rebuild mck.jar");
        }
        try {
            URI uri = marker.toURI();
            if ("jar".equals(uri.getScheme())) {
                try (FileSystem jar = open(uri)) {
                    copyTree(jar.getPath("/" + ROOT), dir);
                }
            } else {
                copyTree(Path.of(uri).getParent(), dir);
            }
            for (String name : EXECUTABLE) {
                dir.resolve(name).toFile().setExecutable(true, false);
            }
            return dir;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot copy the demo project to " + dir + ": " + e.getMessage(), e);
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A text file of the bundled project, e.g. {@code faults/v2-crash.yml}. */
    public static String text(String name) {
        try (InputStream in = DemoProject.class.getClassLoader().getResourceAsStream(ROOT + name)) {
            if (in == null) {
                throw new IllegalStateException("the demo project has no " + name + "; rebuild mck.jar");
            }
            return new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static FileSystem open(URI uri) throws IOException {
        try {
            return FileSystems.newFileSystem(uri, Map.of());
        } catch (FileSystemAlreadyExistsException e) {
            // Someone else holds it open; copy through a fresh one over the jar file itself.
            String jar = uri.getSchemeSpecificPart();
            return FileSystems.newFileSystem(Path.of(URI.create(jar.substring(0, jar.indexOf("!/")))), Map.of());
        }
    }

    private static void copyTree(Path from, Path to) throws IOException {
        try (Stream<Path> all = Files.walk(from)) {
            for (Path p : (Iterable<Path>) all.sorted()::iterator) {
                Path target = to.resolve(from.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(p, target, StandardCopyOption.REPLACE_EXISTING);
                }
            }
        }
    }
}
