package io.magecloudkit.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

@Command(name = "status", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
        description = {"Show the environment's stacks, services, deployments and image tags.", "Not implemented yet: exits 1."})
final class StatusCommand extends NotImplementedCommand {
    @Mixin
    AwsOptions aws;
}
