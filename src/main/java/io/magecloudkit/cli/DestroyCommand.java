package io.magecloudkit.cli;

import io.magecloudkit.EventSink;
import io.magecloudkit.aws.AwsSession;
import io.magecloudkit.config.MckConfig;
import io.magecloudkit.provision.Provisioner;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "destroy", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
        description = {"Delete the environment's stacks in reverse dependency order, following each deletion's events.",
            "Without --yes it only lists what would be deleted. An environment with deletionProtection (or stacks with"
                + " termination protection) is refused unless --force is given."},
        footer = {"", "Example:", "  mck destroy --env staging          # lists the stacks", "  mck destroy --env staging --yes"})
final class DestroyCommand extends MckSubcommand {
    @Mixin
    AwsOptions aws;

    @Option(names = "--yes", description = "Really delete (without it: list only).")
    boolean yes;

    @Option(names = "--force", description = "Delete a protected environment too (turns termination protection off).")
    boolean force;

    @Override
    Object run(EventSink events) {
        MckConfig config = StackCommandSupport.config(this, "destroy");
        try (AwsSession session = AwsSession.open(aws.settings(project().region()))) {
            session.verify();
            return new Provisioner().destroy(
                    StackCommandSupport.request(config, common.env, session, false, List.of(), java.time.Duration.ZERO), yes, force, events);
        }
    }
}
