package io.magecloudkit.deploy;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/** Which task definition revisions a successful deploy deregisters. Pure. */
public final class RevisionPruning {
    private RevisionPruning() {
    }

    /**
     * @param activeNewestFirst the family's ACTIVE revision ARNs, newest first
     * @param keep              how many to keep (at least 1)
     * @param protect           never deregistered, wherever they are in the list: the revision in use and
     *                          the rollback target
     * @return the ARNs to deregister, oldest last
     */
    public static List<String> toDeregister(List<String> activeNewestFirst, int keep, Set<String> protect) {
        List<String> out = new ArrayList<>();
        int kept = 0;
        for (String arn : activeNewestFirst) {
            if (protect.contains(arn)) {
                kept++;
                continue;
            }
            if (kept < Math.max(1, keep)) {
                kept++;
            } else {
                out.add(arn);
            }
        }
        return out;
    }
}
