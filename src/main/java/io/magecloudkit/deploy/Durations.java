package io.magecloudkit.deploy;

import java.time.Duration;

/** Durations in the words a log reader expects: 15 min, 90 s. */
final class Durations {
    private Durations() {
    }

    static String words(Duration d) {
        long s = d.toSeconds();
        if (s >= 120 && s % 60 == 0) {
            return s / 60 + " min";
        }
        return s + " s";
    }
}
