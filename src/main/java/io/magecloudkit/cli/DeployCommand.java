package io.magecloudkit.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

@Command(name = "deploy", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
        description = {"Register the task definition, update the service and gate on health; roll back when the gate fails.", "Not implemented yet: exits 1."})
final class DeployCommand extends NotImplementedCommand {
    @Mixin
    AwsOptions aws;
}
