package io.magecloudkit.provision;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Set;

/**
 * One stack of an environment, ready for CloudFormation.
 *
 * @param name      the stack name, {@code <project>-<environment>-<module>}
 * @param module    what it holds: {@code network}, {@code cluster-app}, {@code target-magento}, ...
 * @param template  the template's file under {@code resources/io/magecloudkit/cloudformation/}
 * @param body      the template body exactly as sent (TemplateBody)
 * @param dependsOn the stacks whose outputs its parameters take
 */
public record RenderedStack(String name, String module, String template, String body, List<StackParameter> parameters,
        Set<String> dependsOn) {

    /** CloudFormation's limit for a TemplateBody given inline (not through S3). */
    public static final int MAX_TEMPLATE_BODY_BYTES = 51_200;

    public RenderedStack {
        parameters = List.copyOf(parameters);
        dependsOn = Set.copyOf(dependsOn);
    }

    public int bodyBytes() {
        return body.getBytes(StandardCharsets.UTF_8).length;
    }

    /** True when every parameter value is known, so the stack can be created now. */
    public boolean resolved() {
        return parameters.stream().allMatch(StackParameter::resolved);
    }
}
