package io.magecloudkit.image;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * Splits what goes into one image into layers ordered from least to most often changed, so a
 * change to the app's own code leaves the vendor and static layers (and their digests) alone.
 * Pure: works on a file list, touches no disk.
 */
public final class LayerPlan {
    public static final String VENDOR = "vendor";
    public static final String GENERATED_STATIC = "generated-static";
    public static final String APP_CODE = "app-code";
    public static final String CONFIG = "config";

    private LayerPlan() {
    }

    /**
     * One file in a layer.
     *
     * @param source where it is read from
     * @param target absolute path in the image
     * @param mode   octal permissions
     */
    public record Entry(Path source, String target, String mode) {
    }

    /** One layer: a name and its entries sorted by target path. */
    public record Layer(String name, List<Entry> entries) {
        public Layer {
            entries = List.copyOf(entries);
        }
    }

    /** A configuration file already resolved to a path on disk. */
    public record ConfigFile(Path source, String target, String mode) {
    }

    /**
     * Plans the layers of one image.
     *
     * @param sourceRoot the Magento tree
     * @param files      its regular files (any order; sorted here)
     * @param spec       the image's layout entry
     * @param appRoot    where the tree goes in the image
     * @param config     the image's configuration files, resolved
     * @param exclusions what of the tree never goes into an image
     * @return non-empty layers in order vendor, generated-static, app-code, config
     */
    public static List<Layer> plan(Path sourceRoot, List<SourceFile> files, ImageLayout.ImageSpec spec,
            String appRoot, List<ConfigFile> config, ImageExclusions exclusions) {
        List<Entry> vendor = new ArrayList<>();
        List<Entry> generated = new ArrayList<>();
        List<Entry> code = new ArrayList<>();
        Set<String> selected = new TreeSet<>(spec.app());
        String root = appRoot.endsWith("/") ? appRoot.substring(0, appRoot.length() - 1) : appRoot;
        for (SourceFile f : new TreeSet<>(files)) {
            String p = f.path();
            if (exclusions.excludes(p) || !isSelected(p, selected)) {
                continue;
            }
            Entry e = new Entry(sourceRoot.resolve(p), root + "/" + p, f.executable() ? "755" : "644");
            switch (layerOf(p)) {
                case VENDOR -> vendor.add(e);
                case GENERATED_STATIC -> generated.add(e);
                default -> code.add(e);
            }
        }
        List<Entry> configEntries = new ArrayList<>();
        for (ConfigFile c : config) {
            configEntries.add(new Entry(c.source(), c.target(), c.mode() == null ? "644" : c.mode()));
        }
        configEntries.sort(java.util.Comparator.comparing(Entry::target));
        List<Layer> layers = new ArrayList<>();
        addIfNotEmpty(layers, VENDOR, vendor);
        addIfNotEmpty(layers, GENERATED_STATIC, generated);
        addIfNotEmpty(layers, APP_CODE, code);
        addIfNotEmpty(layers, CONFIG, configEntries);
        return layers;
    }

    /** Which of the three tree layers a path belongs to. */
    static String layerOf(String path) {
        if (path.startsWith("vendor/")) {
            return VENDOR;
        }
        if (path.startsWith("generated/") || path.startsWith("pub/static/")) {
            return GENERATED_STATIC;
        }
        return APP_CODE;
    }

    private static boolean isSelected(String path, Set<String> selected) {
        if (selected.contains("*")) {
            return true;
        }
        int slash = path.indexOf('/');
        String top = slash < 0 ? path : path.substring(0, slash);
        return selected.contains(top);
    }

    private static void addIfNotEmpty(List<Layer> layers, String name, List<Entry> entries) {
        if (!entries.isEmpty()) {
            layers.add(new Layer(name, entries));
        }
    }
}
