package io.magecloudkit.image;

import io.magecloudkit.EventSink;
import io.magecloudkit.MckException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The part of a build that needs no registry: the tree checked and listed, each image's base
 * and layers planned, the shared tag computed.
 */
record PreparedBuild(String tag, ImageLayout layout, List<PlannedImage> images) {

    /** One image ready to build. */
    record PlannedImage(String name, String baseImage, ImageLayout.ImageSpec spec, List<LayerPlan.Layer> layers) {
        long fileCount() {
            return layers.stream().mapToLong(l -> l.entries().size()).sum();
        }
    }

    static PreparedBuild prepare(BuildRequest request, EventSink events) {
        MagentoTree.check(request.source());
        ImageLayout layout = request.layout().layout();
        List<String> names = request.images().isEmpty() ? new ArrayList<>(layout.images().keySet()) : request.images();
        for (String n : names) {
            if (!layout.images().containsKey(n)) {
                throw new MckException(MckException.Kind.USAGE, "unknown image '" + n + "': "
                        + request.layout().describe() + " defines " + layout.images().keySet());
            }
        }
        for (String n : request.baseImages().keySet()) {
            if (!layout.images().containsKey(n)) {
                throw new MckException(MckException.Kind.USAGE, "--base-image names unknown image '" + n + "'");
            }
        }
        long started = System.nanoTime();
        ImageExclusions exclusions = ImageExclusions.withExtra(request.exclude());
        MagentoTree.Scan scan = MagentoTree.scan(request.source(), exclusions);
        reportLeftOut(scan, events);
        List<SourceFile> files = scan.files();
        Map<String, PlannedImage> planned = new TreeMap<>();
        for (String n : names) {
            ImageLayout.ImageSpec spec = layout.images().get(n);
            List<LayerPlan.ConfigFile> config = new ArrayList<>();
            for (ImageLayout.FileCopy f : spec.files()) {
                config.add(new LayerPlan.ConfigFile(request.layout().file(f.from()), f.to(), f.mode()));
            }
            String base = BaseImages.of(n, spec.base(), request.baseImages());
            planned.put(n, new PlannedImage(n, base, spec,
                    LayerPlan.plan(request.source(), files, spec, layout.appRoot(), config, exclusions)));
        }
        List<ImageTag.ImageInput> inputs = planned.values().stream()
                .map(p -> new ImageTag.ImageInput(p.name(), p.baseImage(), p.spec(), p.layers())).toList();
        String tag = ImageTag.of(request.commit(), ImageTag.contentDigest(inputs));
        events.info(String.format("planned %s from %d files of %s in %.1f s: tag %s", planned.keySet(), files.size(),
                request.source(), (System.nanoTime() - started) / 1e9, tag));
        for (PlannedImage p : planned.values()) {
            events.debug(p.name() + ": base " + p.baseImage() + ", layers " + p.layers().stream()
                    .map(l -> l.name() + "(" + l.entries().size() + " files)").toList());
        }
        return new PreparedBuild(tag, layout, List.copyOf(planned.values()));
    }

    /** How many left-out paths the log names; the rest are counted (a tree can hold thousands of logs). */
    static final int NAMED_IN_LOG = 20;

    /** Says what the exclusion list kept out of the images, and warns about each link that leaves the tree. */
    static void reportLeftOut(MagentoTree.Scan scan, EventSink events) {
        for (String link : scan.skippedLinks()) {
            events.warn("left out symbolic link " + link + ": only files inside the tree go into images");
        }
        List<String> out = scan.leftOut();
        if (!out.isEmpty()) {
            String named = String.join(", ", out.subList(0, Math.min(out.size(), NAMED_IN_LOG)));
            events.info("left out of the images (exclusion list, see docs/images.md): " + named
                    + (out.size() > NAMED_IN_LOG ? " and " + (out.size() - NAMED_IN_LOG) + " more" : ""));
        }
    }
}
