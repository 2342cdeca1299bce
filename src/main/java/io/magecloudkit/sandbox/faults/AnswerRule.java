package io.magecloudkit.sandbox.faults;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * What the tasks of an image (or family) answer through a sandbox load balancer: the faults
 * file's {@code answers}. A rule without {@code path} answers every path; {@code status}
 * defaults to 200 and {@code body} to the default answer (naming the task definition and images).
 *
 * <pre>
 * answers:
 *   - image: registry/web:broken    # and/or family: web
 *     path: /health_check.php       # optional
 *     status: 500
 *     body: "maintenance"
 * </pre>
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record AnswerRule(String image, String family, String path, Integer status, String body) {
    public AnswerRule {
        if (image == null && family == null) {
            throw new IllegalArgumentException("answers: each rule needs an image or a family");
        }
        if (status != null && (status < 100 || status > 599)) {
            throw new IllegalArgumentException("answers: status must be an HTTP status between 100 and 599, got " + status);
        }
        if (path != null && !path.startsWith("/")) {
            throw new IllegalArgumentException("answers: path must start with '/', got '" + path + "'");
        }
    }

    boolean matches(String taskFamily, java.util.List<String> images, String requestPath) {
        return (image == null || images.contains(image)) && (family == null || family.equals(taskFamily))
                && (path == null || path.equals(requestPath));
    }
}
