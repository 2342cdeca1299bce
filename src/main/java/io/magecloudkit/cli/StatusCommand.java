package io.magecloudkit.cli;

import io.magecloudkit.EventSink;
import io.magecloudkit.MckException;
import io.magecloudkit.aws.AwsSession;
import io.magecloudkit.config.MckConfig;
import io.magecloudkit.deploy.DeployRequest;
import io.magecloudkit.deploy.Deployer;
import io.magecloudkit.deploy.GateClock;
import io.magecloudkit.deploy.StackValues;
import io.magecloudkit.deploy.StatusReport;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "status", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
        description = {"Show each app's service: running revision, images, task counts, deployments, target health",
            "and the last deploys (who, when, verdict) from the deploy history kept in AWS;",
            "then its cron and consumer services: running revision, task counts, deployments and the last deploy that moved them.",
            "Cluster, service and target group come from the environment's stacks (mck provision); the options override them."})
final class StatusCommand extends MckSubcommand {
    @Mixin
    AwsOptions aws;

    @Mixin
    StackOptions stack;

    @Option(names = "--app", paramLabel = "APP", description = "Only this app; repeatable (default: every app).")
    List<String> apps = new ArrayList<>();

    @Override
    Object run(EventSink events) {
        if (common.env == null) {
            throw new MckException(MckException.Kind.USAGE, "--env NAME is required");
        }
        MckConfig config = project().config().orElseThrow();
        var names = new LinkedHashSet<>(apps.isEmpty() ? config.environment(common.env).apps().keySet() : apps);
        names.forEach(config::app);
        try (AwsSession session = AwsSession.open(aws.settings(project().region()))) {
            // As deploy and rollback find them: options win, the environment's stack outputs give the rest.
            StackValues values = StackValuesReader.fill(stack.values(names), session, config, common.env, events);
            DeployRequest request = new DeployRequest(config, common.env, List.copyOf(names), Map.of(), values,
                    DeployRequest.GateOptions.DEFAULT, null, GateClock.SYSTEM, () -> false);
            StatusReport report = new Deployer(session).status(request, events);
            print(report, spec.commandLine().getOut());
            return report;
        }
    }

    static void print(StatusReport report, PrintWriter out) {
        for (StatusReport.AppStatus a : report.apps()) {
            out.println(a.app() + " (" + a.cluster() + "/" + a.service() + "): " + a.state());
            if (a.revision() != null) {
                out.println("  revision  " + a.revision() + "  tasks " + a.running() + " running, " + a.pending()
                        + " pending, " + a.desired() + " desired" + (a.targets() == null ? "" : "  targets " + a.targets()));
                a.images().forEach((c, i) -> out.println("  image     " + c + " " + i));
                a.deployments().forEach(d -> out.println("  deploy    " + d));
            }
            for (StatusReport.WorkerStatus w : a.workers()) {
                out.println("  " + (w.role() + "      ").substring(0, 10) + w.service() + ": " + w.state()
                        + (w.revision() == null ? "" : "  revision " + w.revision() + "  tasks " + w.running() + " running, "
                        + w.pending() + " pending, " + w.desired() + " desired"));
                w.deployments().forEach(d -> out.println("    deploy  " + d));
                if (w.lastDeploy() != null) {
                    StatusReport.Deploy d = w.lastDeploy();
                    out.println("    last    " + d.at() + " " + d.kind() + " with " + d.revision() + " " + d.verdict() + " by " + d.by());
                }
            }
            for (StatusReport.Deploy d : a.lastDeploys()) {
                out.println("  history   " + d.at() + " " + d.kind() + " " + d.revision() + " " + d.verdict() + " by " + d.by()
                        + (d.reason() == null ? "" : ": " + d.reason()));
            }
        }
        out.flush();
    }
}
