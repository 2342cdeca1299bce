package io.magecloudkit.demo;

import java.io.PrintWriter;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Prints each phase's header and, when it ends, its outcome and duration; keeps the results for
 * the summary table. Colour only when asked (a terminal); never cursor movement, so a Jenkins
 * console shows the same lines a terminal does.
 */
public final class PhaseLog {
    private static final String BOLD = "\u001B[1m";
    private static final String GREEN = "\u001B[32m";
    private static final String RED = "\u001B[31m";
    private static final String RESET = "\u001B[0m";

    private final PrintWriter out;
    private final boolean colour;
    private final int planned;
    private final List<PhaseResult> results = new ArrayList<>();
    private String current;
    private long startedNanos;

    public PhaseLog(PrintWriter out, boolean colour, int planned) {
        this.out = out;
        this.colour = colour;
        this.planned = planned;
    }

    public void begin(String title) {
        current = title;
        startedNanos = System.nanoTime();
        out.println();
        out.println(style(BOLD, "== [" + (results.size() + 1) + "/" + planned + "] " + title));
        out.flush();
    }

    /** A line of the demo's own narration, under the current header. */
    public void say(String line) {
        out.println("  " + line);
        out.flush();
    }

    public PhaseResult end(PhaseResult.Outcome outcome, String note) {
        Duration took = Duration.ofNanos(System.nanoTime() - startedNanos);
        PhaseResult r = new PhaseResult(current, took, outcome, note);
        results.add(r);
        String line = String.format(Locale.ROOT, "-- %s: %s in %.1f s%s", current, outcome.label(), took.toMillis() / 1000.0,
                note == null || note.isEmpty() ? "" : " (" + note + ")");
        out.println(style(outcome == PhaseResult.Outcome.FAILED ? RED : GREEN, line));
        out.flush();
        return r;
    }

    public List<PhaseResult> results() {
        return List.copyOf(results);
    }

    /** The final verdict line, coloured like the outcome. */
    public String verdictLine(boolean passed, String text) {
        return style(passed ? GREEN : RED, text);
    }

    private String style(String code, String text) {
        return colour ? code + text + RESET : text;
    }
}
