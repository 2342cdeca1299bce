package io.magecloudkit.image;

import io.magecloudkit.MckException;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;

import java.util.regex.Pattern;

/**
 * Immutable tags: {@code <git commit, 12>-<content digest, 12>}. The content digest covers every
 * layer entry (target path, mode, file bytes), the image settings and the base image reference of
 * every image, so a tag names exactly one build input.
 */
public final class ImageTag {
    private static final Pattern COMMIT = Pattern.compile("[0-9A-Za-z][0-9A-Za-z._-]*");

    private ImageTag() {
    }

    /** The tag for a commit and a content digest (hex). */
    public static String of(String commit, String contentDigestHex) {
        String c = commit.trim();
        if (!COMMIT.matcher(c).matches()) {
            throw new MckException(MckException.Kind.USAGE, "the tag input must be a git commit (letters, digits, . _ -), got '" + commit + "'");
        }
        return shorten(c, 12) + "-" + contentDigestHex.substring(0, 12);
    }

    /** The planned input of one image, as the digest sees it. */
    public record ImageInput(String name, String baseImage, ImageLayout.ImageSpec spec, List<LayerPlan.Layer> layers) {
    }

    /** SHA-256 over the images' inputs, in name order; reads every file once. */
    public static String contentDigest(List<ImageInput> images) {
        MessageDigest md = sha256();
        List<ImageInput> sorted = images.stream().sorted(java.util.Comparator.comparing(ImageInput::name)).toList();
        byte[] buffer = new byte[64 * 1024];
        for (ImageInput image : sorted) {
            line(md, "image " + image.name());
            line(md, "base " + image.baseImage());
            ImageLayout.ImageSpec s = image.spec();
            line(md, "user " + s.user() + " workdir " + s.workdir() + " entrypoint " + s.entrypoint()
                    + " cmd " + s.cmd() + " ports " + s.ports() + " env " + new java.util.TreeMap<>(s.environment()));
            for (LayerPlan.Layer layer : image.layers()) {
                line(md, "layer " + layer.name());
                for (LayerPlan.Entry e : layer.entries()) {
                    line(md, "file " + e.target() + " " + e.mode());
                    try (InputStream in = Files.newInputStream(e.source())) {
                        int n;
                        while ((n = in.read(buffer)) > 0) {
                            md.update(buffer, 0, n);
                        }
                    } catch (IOException ex) {
                        throw new UncheckedIOException("cannot read " + e.source(), ex);
                    }
                }
            }
        }
        return HexFormat.of().formatHex(md.digest());
    }

    /** Short SHA-256 hex of a string (used for names of cache entries, never for secrets). */
    static String sha256Hex(String s) {
        return HexFormat.of().formatHex(sha256().digest(s.getBytes(StandardCharsets.UTF_8)));
    }

    private static void line(MessageDigest md, String s) {
        md.update((s + "\n").getBytes(StandardCharsets.UTF_8));
    }

    private static String shorten(String s, int n) {
        return s.length() <= n ? s : s.substring(0, n);
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

}
