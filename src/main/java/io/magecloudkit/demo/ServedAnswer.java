package io.magecloudkit.demo;

/**
 * What the load balancer answered one request with: the HTTP status and the task definition of
 * the task that served it (the sandbox names it in a header), or the reason there was no answer.
 */
public record ServedAnswer(int status, String taskDefinition, String problem) {
    public static ServedAnswer unreachable(String problem) {
        return new ServedAnswer(-1, null, problem);
    }

    @Override
    public String toString() {
        if (status < 0) {
            return "no answer (" + problem + ")";
        }
        return status + (taskDefinition == null ? " from no known task" : " from " + Revisions.of(taskDefinition));
    }
}
