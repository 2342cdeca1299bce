package io.magecloudkit.provision;

import java.util.List;

/**
 * One row of a change set's diff, as CloudFormation describes it.
 *
 * @param action      Add, Modify, Remove (or Import, Dynamic)
 * @param replacement True, Conditional or False for a Modify; null otherwise
 * @param causes      the properties whose change may force the replacement (empty when none or unknown)
 * @param changed     every property the change touches
 */
public record ResourceChange(String action, String logicalId, String type, String replacement, List<String> causes,
        List<String> changed) {
    public ResourceChange {
        causes = List.copyOf(causes);
        changed = List.copyOf(changed);
    }

    public boolean replaces() {
        return "True".equals(replacement) || "Conditional".equals(replacement);
    }

    /** One line of the diff: {@code ~ Modify Cluster (AWS::RDS::DBCluster) replacement: True, caused by EngineVersion}. */
    public String line() {
        String sign = switch (action) {
            case "Add" -> "+";
            case "Remove" -> "-";
            default -> "~";
        };
        StringBuilder b = new StringBuilder(sign).append(' ').append(action).append(' ').append(logicalId)
                .append(" (").append(type).append(')');
        if ("Modify".equals(action)) {
            b.append(" replacement: ").append(replacement == null ? "False" : replacement);
            if (replaces() && !causes.isEmpty()) {
                b.append(", caused by ").append(String.join(", ", causes));
            } else if (!changed.isEmpty()) {
                b.append(", changes ").append(String.join(", ", changed));
            }
        }
        return b.toString();
    }
}
