package io.magecloudkit.image;

import com.google.cloud.tools.jib.api.LogEvent;
import com.google.cloud.tools.jib.event.events.ProgressEvent;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Counts what Jib uploads, from its own events: each blob Jib considers gets a progress allocation
 * "pushing blob sha256:..." sized in bytes; a blob the registry already has is then logged as
 * "Skipping push; BLOB already exists". Uploaded = considered minus skipped. A blob Jib mounts
 * from another repository of the same registry counts as uploaded (its bytes did not travel).
 */
final class PushCounter {
    private static final String PUSHING = "pushing blob ";
    private static final String SKIPPING = "Skipping push; BLOB already exists on target registry : ";

    private static final java.util.regex.Pattern DIGEST = java.util.regex.Pattern.compile("sha256:[0-9a-f]{64}");

    private final Map<String, Long> considered = new ConcurrentHashMap<>();
    private final Set<String> skipped = ConcurrentHashMap.newKeySet();

    void onProgress(ProgressEvent e) {
        String d = e.getAllocation().getDescription();
        if (d.startsWith(PUSHING)) {
            considered.putIfAbsent(d.substring(PUSHING.length()).trim(), e.getAllocation().getAllocationUnits());
        }
    }

    void onLog(LogEvent e) {
        String m = e.getMessage();
        if (m != null && m.startsWith(SKIPPING)) {
            // "...registry : digest: sha256:<hex>, size: <n>" (a BlobDescriptor's toString)
            java.util.regex.Matcher d = DIGEST.matcher(m);
            if (d.find()) {
                skipped.add(d.group());
            }
        }
    }

    /** Layers (blobs other than the image config) uploaded. */
    int pushedLayers(String configDigest) {
        return (int) considered.keySet().stream().filter(d -> !skipped.contains(d) && !d.equals(configDigest)).count();
    }

    int skippedLayers(String configDigest) {
        return (int) skipped.stream().filter(d -> !d.equals(configDigest)).count();
    }

    long bytesPushed() {
        return considered.entrySet().stream().filter(e -> !skipped.contains(e.getKey())).mapToLong(Map.Entry::getValue).sum();
    }
}
