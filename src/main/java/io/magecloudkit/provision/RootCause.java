package io.magecloudkit.provision;

import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * Picks the event that explains a failed stack operation: the first resource that failed on its
 * own. Resources CloudFormation cancelled because another failed, and the stack's own summary
 * event ("The following resource(s) failed ..."), only echo it. Pure.
 */
public final class RootCause {
    private RootCause() {
    }

    public static Optional<StackEventView> of(List<StackEventView> events, String stackType) {
        return events.stream()
                .sorted(Comparator.comparing(StackEventView::time, Comparator.nullsFirst(Comparator.naturalOrder())))
                .filter(StackEventView::failed)
                .filter(e -> !stackType.equals(e.type()))
                .filter(e -> !cancelled(e.reason()))
                .findFirst();
    }

    static boolean cancelled(String reason) {
        return reason != null && (reason.contains("cancelled") || reason.contains("canceled"));
    }
}
