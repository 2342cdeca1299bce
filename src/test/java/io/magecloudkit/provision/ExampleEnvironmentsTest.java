package io.magecloudkit.provision;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.magecloudkit.cfnspec.CfnSpec;
import io.magecloudkit.config.ConfigLoader;
import io.magecloudkit.config.MckConfig;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Both example environments render and every rendered template passes every check. */
class ExampleEnvironmentsTest {
    static final MckConfig EXAMPLE = ConfigLoader.load(Path.of("examples/magecloudkit.yml"));

    @ParameterizedTest
    @ValueSource(strings = {"staging", "production"})
    void rendersAndPassesEveryCheck(String environment) {
        StackPlan plan = StackRenderer.render(EXAMPLE, environment, StackOutputs.NONE);
        List<Finding> findings = new TemplateChecks(CfnSpec.bundled()).check(plan);
        assertEquals(List.of(), findings.stream().map(Finding::toString).toList());
        for (RenderedStack stack : plan.stacks()) {
            assertTrue(stack.bodyBytes() < RenderedStack.MAX_TEMPLATE_BODY_BYTES, stack.name());
            assertTrue(stack.name().startsWith("acme-shop-" + environment + "-"), stack.name());
        }
    }
}
