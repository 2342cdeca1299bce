package io.magecloudkit.image;

/**
 * A regular file of the Magento tree.
 *
 * @param path       path relative to the tree root, '/'-separated
 * @param executable whether the owner may execute it (bin/magento): becomes 755, else 644
 */
public record SourceFile(String path, boolean executable) implements Comparable<SourceFile> {
    @Override
    public int compareTo(SourceFile o) {
        return path.compareTo(o.path);
    }
}
