package io.magecloudkit.cli;

import io.magecloudkit.EventSink;
import io.magecloudkit.aws.AwsSession;
import io.magecloudkit.config.MckConfig;
import io.magecloudkit.deploy.DeployResult;
import io.magecloudkit.deploy.Deployer;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "rollback", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
        description = {"Put an app's service back on an earlier task definition revision, through the same health gate.",
            "Default: the newest revision that passed the gate other than the one running (from the deploy history).",
            "The target revision goes through the deploy's preflight first (its images, secrets and log groups exist).",
            "Once the web service passed, the app's cron and consumer services go back to the revisions the deploy history",
            "recorded with the target revision, each through the gate (left as they are when none were recorded).",
            "Exit 0 when the rollback passed the gate (web service and workers), 1 when it did not, 2 for bad input or a failed preflight."})
final class RollbackCommand extends GatedCommand {
    @Option(names = "--app", paramLabel = "APP", required = true, description = "The app to roll back.")
    String app;

    @Option(names = "--to", paramLabel = "REVISION", description = "The revision number to return to.")
    Integer to;

    @Override
    Object run(EventSink events) {
        MckConfig config = config();
        try (AwsSession session = AwsSession.open(aws.settings(project().region()))) {
            var request = request(config, List.of(app), Map.of(), true, session, events);
            DeployResult result = new Deployer(session, environment).rollback(request, to, events);
            summary(result);
            return result;
        }
    }
}
