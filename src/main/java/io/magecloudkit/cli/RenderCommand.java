package io.magecloudkit.cli;

import io.magecloudkit.EventSink;
import io.magecloudkit.MckException;
import io.magecloudkit.cfnspec.CfnSpec;
import io.magecloudkit.provision.Finding;
import io.magecloudkit.provision.RenderedFiles;
import io.magecloudkit.provision.StackOutputs;
import io.magecloudkit.provision.StackPlan;
import io.magecloudkit.provision.StackRenderer;
import io.magecloudkit.provision.TemplateChecks;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "render", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
        description = {"Write an environment's CloudFormation templates and parameter files, one pair per stack in"
                + " creation order, to read, diff and lint with your own tools (like `cdk synth`). Offline: a value"
                + " another stack produces shows as <stack.Output>.",
            "Every template is checked against the CloudFormation spec and the house rules; exits 1 when a check fails."},
        footer = {"", "Example:", "  mck render --env staging --out target/cloudformation",
            "  cfn-lint target/cloudformation/*.template.yml"})
final class RenderCommand extends MckSubcommand {
    @Option(names = "--out", paramLabel = "DIR", required = true,
            description = "Directory to write NN-<stack>.template.yml and NN-<stack>.parameters.json into"
                    + " (created when missing; earlier renders' files there are replaced).")
    Path out;

    /** What the JSON result says. */
    record Rendered(String environment, String region, String out, List<RenderedFiles.StackFiles> stacks,
            List<String> findings) {
    }

    @Override
    Object run(EventSink events) throws IOException {
        if (common.env == null) {
            throw new MckException(MckException.Kind.USAGE, "--env is required: which environment to render");
        }
        if (Files.exists(out) && !Files.isDirectory(out)) {
            throw new MckException(MckException.Kind.USAGE, "--out " + out + " is a file, not a directory");
        }
        StackPlan plan = StackRenderer.render(project().config().orElseThrow(), common.env, StackOutputs.NONE);
        List<Finding> findings = new TemplateChecks(CfnSpec.bundled()).check(plan);
        List<RenderedFiles.StackFiles> files = RenderedFiles.write(plan, out);
        for (RenderedFiles.StackFiles f : files) {
            events.info(f.stack() + ": " + f.template() + " (" + f.templateBytes() + " bytes), " + f.parameters());
        }
        findings.forEach(f -> events.warn("check failed: " + f));
        events.info(plan.stacks().size() + " stack(s) of " + plan.project() + "-" + plan.environment() + " written to " + out
                + (findings.isEmpty() ? "; every check passed" : "; " + findings.size() + " check(s) failed"));
        return new Rendered(plan.environment(), plan.region(), out.toString(), files,
                findings.stream().map(Finding::toString).toList());
    }

    @Override
    int exitCodeFor(Object result) {
        return result instanceof Rendered r && !r.findings().isEmpty() ? ExitCode.FAILED : ExitCode.OK;
    }
}
