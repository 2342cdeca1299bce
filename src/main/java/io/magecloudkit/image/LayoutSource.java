package io.magecloudkit.image;

import io.magecloudkit.MckException;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Where the layout and its configuration files come from: the packaged resources (the default)
 * or a directory (tests, or a project that overrides the configuration).
 */
public interface LayoutSource {
    ImageLayout layout();

    /** A readable file for a layout {@code from} path (relative to the resources root). */
    Path file(String from);

    /** Describes the source in messages. */
    String describe();

    /**
     * The layout packaged in mck.jar at {@value ImageLayoutLoader#CLASSPATH_LAYOUT}. Jib needs files on
     * disk, so referenced resources are copied under {@code extractDir} (outside the workspace).
     */
    static LayoutSource classpath(Path extractDir) {
        return new LayoutSource() {
            private ImageLayout layout;

            @Override
            public synchronized ImageLayout layout() {
                if (layout == null) {
                    try (InputStream in = LayoutSource.class.getResourceAsStream(ImageLayoutLoader.CLASSPATH_LAYOUT)) {
                        if (in == null) {
                            throw new MckException(MckException.Kind.USAGE, "the image layout "
                                    + ImageLayoutLoader.CLASSPATH_LAYOUT + " is missing from mck.jar");
                        }
                        layout = ImageLayoutLoader.parse(in, "classpath:" + ImageLayoutLoader.CLASSPATH_LAYOUT);
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                }
                return layout;
            }

            @Override
            public Path file(String from) {
                String resource = "/io/magecloudkit/" + from;
                try (InputStream in = LayoutSource.class.getResourceAsStream(resource)) {
                    if (in == null) {
                        throw new MckException(MckException.Kind.USAGE, "the image layout names " + from
                                + " but mck.jar has no resource " + resource);
                    }
                    Path target = extractDir.resolve(from).normalize();
                    // Concurrent builds share the cache: never truncate a file another build reads.
                    AtomicFiles.write(target, in.readAllBytes());
                    return target;
                } catch (IOException e) {
                    throw new UncheckedIOException("cannot extract " + resource + " to " + extractDir, e);
                }
            }

            @Override
            public String describe() {
                return "classpath:" + ImageLayoutLoader.CLASSPATH_LAYOUT;
            }
        };
    }

    /** A layout file whose {@code from} paths are relative to {@code root}. */
    static LayoutSource directory(Path root, Path layoutFile) {
        ImageLayout layout;
        try (InputStream in = Files.newInputStream(layoutFile)) {
            layout = ImageLayoutLoader.parse(in, layoutFile.toString());
        } catch (IOException e) {
            throw new MckException(MckException.Kind.USAGE, "cannot read image layout " + layoutFile + ": " + e.getMessage());
        }
        return new LayoutSource() {
            @Override
            public ImageLayout layout() {
                return layout;
            }

            @Override
            public Path file(String from) {
                Path p = root.resolve(from).normalize();
                if (!Files.isRegularFile(p)) {
                    throw new MckException(MckException.Kind.USAGE, layoutFile + " names " + from + " but " + p + " is not a file");
                }
                return p;
            }

            @Override
            public String describe() {
                return layoutFile.toString();
            }
        };
    }
}
