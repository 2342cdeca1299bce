package io.magecloudkit.demo;

/** The readable end of a task definition ARN. */
final class Revisions {
    private Revisions() {
    }

    /** {@code family:revision} of a task definition ARN (or the text as given), "-" for none. */
    static String of(String taskDefinitionArn) {
        if (taskDefinitionArn == null || taskDefinitionArn.isBlank()) {
            return "-";
        }
        int slash = taskDefinitionArn.lastIndexOf('/');
        return slash < 0 ? taskDefinitionArn : taskDefinitionArn.substring(slash + 1);
    }
}
