package io.magecloudkit.cli;

import io.magecloudkit.EventSink;
import io.magecloudkit.aws.AwsAccessException;
import io.magecloudkit.aws.AwsSession;
import io.magecloudkit.cfnspec.CfnSpec;
import io.magecloudkit.config.MckConfig;
import io.magecloudkit.provision.Finding;
import io.magecloudkit.provision.ProvisionResult;
import io.magecloudkit.provision.Provisioner;
import io.magecloudkit.provision.RenderedStack;
import io.magecloudkit.provision.StackOutputs;
import io.magecloudkit.provision.StackPlan;
import io.magecloudkit.provision.StackRenderer;
import io.magecloudkit.provision.TemplateChecks;
import java.util.List;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

@Command(name = "plan", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
        description = {"Render the environment's stacks offline and check them; when AWS is reachable, also show each"
                + " stack's change-set diff without executing it (the change sets are deleted). Changes nothing.",
            "Without credentials, or when AWS cannot be reached, it says so and shows the offline part (exit 0); when AWS"
                + " answers but refuses the credentials (invalid, expired, access denied) it exits 3.",
            "Exits 0 (even when changes are pending or would be refused), 2 for bad input, 3 when AWS refuses us."},
        footer = {"", "Example:", "  mck plan --env staging",
            "  acme-shop-staging-cluster-app: update, 1 resource change(s)",
            "  acme-shop-staging-cluster-app:   ~ Modify LaunchTemplate (AWS::EC2::LaunchTemplate) replacement: False, changes LaunchTemplateData"})
final class PlanCommand extends MckSubcommand {
    @Mixin
    AwsOptions aws;

    /** What the JSON result says: offline findings, and the diff when AWS answered. */
    record Plan(String environment, List<String> stacks, List<String> findings, String aws, ProvisionResult diff) {
    }

    @Override
    Object run(EventSink events) {
        MckConfig config = StackCommandSupport.config(this, "plan");
        StackPlan offline = StackRenderer.render(config, common.env, StackOutputs.NONE);
        List<Finding> findings = new TemplateChecks(CfnSpec.bundled()).check(offline);
        findings.forEach(f -> events.warn("check failed: " + f));
        List<String> names = offline.stacks().stream().map(RenderedStack::name).toList();
        events.info(names.size() + " stack(s) rendered" + (findings.isEmpty() ? ", every check passed" : ", " + findings.size() + " check(s) failed"));
        try (AwsSession session = AwsSession.open(aws.settings(project().region()))) {
            session.verify();
            ProvisionResult diff = new Provisioner().provision(
                    StackCommandSupport.request(config, common.env, session, true, List.of(), java.time.Duration.ZERO), events);
            return new Plan(common.env, names, findings.stream().map(Finding::toString).toList(), "reachable", diff);
        } catch (AwsAccessException e) {
            if (answeredByAws(e)) {
                // Credentials that are there but wrong must not pass for "no diff pending" in a pipeline.
                throw e;
            }
            events.warn("offline plan only (AWS not asked): " + e.getMessage());
            return new Plan(common.env, names, findings.stream().map(Finding::toString).toList(), e.getMessage(), null);
        }
    }

    /**
     * True when AWS itself answered with the refusal (invalid or expired credentials, access denied);
     * false when it was never asked: no credentials, no region, an endpoint that cannot be reached.
     */
    static boolean answeredByAws(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof AwsServiceException) {
                return true;
            }
        }
        return false;
    }
}
