package io.magecloudkit.demo;

import java.util.List;
import java.util.Locale;

/** The table printed at the end: each phase with its duration and outcome, then each expectation. */
public final class SummaryTable {
    private SummaryTable() {
    }

    public static String render(List<PhaseResult> phases, List<Expectation> expectations) {
        int width = Math.max("phase".length(), phases.stream().mapToInt(p -> p.title().length()).max().orElse(0));
        for (Expectation e : expectations) {
            width = Math.max(width, e.name().length());
        }
        StringBuilder out = new StringBuilder();
        String row = "%-" + width + "s  %8s  %-18s  %s%n";
        out.append(String.format(Locale.ROOT, row, "phase", "seconds", "outcome", "note"));
        double total = 0;
        for (PhaseResult p : phases) {
            double s = p.took().toMillis() / 1000.0;
            total += s;
            out.append(String.format(Locale.ROOT, row, p.title(), String.format(Locale.ROOT, "%.1f", s), p.outcome().label(),
                    p.note() == null ? "" : p.note()));
        }
        out.append(String.format(Locale.ROOT, row, "total", String.format(Locale.ROOT, "%.1f", total), "", ""));
        out.append('\n');
        String check = "%-" + width + "s  %-6s  %s%n";
        out.append(String.format(Locale.ROOT, check, "expectation", "held", "evidence"));
        for (Expectation e : expectations) {
            out.append(String.format(Locale.ROOT, check, e.name(), e.held() ? "yes" : "NO", e.evidence()));
        }
        return out.toString();
    }
}
