package io.magecloudkit.cli;

import io.magecloudkit.EventSink;
import io.magecloudkit.aws.AwsSession;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import software.amazon.awssdk.services.sts.model.GetCallerIdentityResponse;

@Command(name = "whoami", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
        description = {"Show the AWS account and identity mck would act as, and where it sends calls.",
            "The quickest check that a Jenkins agent's credentials, role and region work: exits 3 when they do not."})
final class WhoamiCommand extends MckSubcommand {
    @Mixin
    AwsOptions aws;

    /** What the JSON result holds. */
    record Identity(String account, String arn, String userId, String region, String endpoint) {
    }

    @Override
    Object run(EventSink events) {
        try (AwsSession session = AwsSession.open(aws.settings(project().region()))) {
            GetCallerIdentityResponse id = session.verify();
            Identity identity = new Identity(id.account(), id.arn(), id.userId(), session.region().id(),
                    session.endpoint() == null ? null : session.endpoint().toString());
            spec.commandLine().getOut().println(identity.arn());
            spec.commandLine().getOut().flush();
            events.info("account " + identity.account() + " in " + identity.region()
                    + (identity.endpoint() == null ? "" : " via " + identity.endpoint()));
            return identity;
        }
    }
}
