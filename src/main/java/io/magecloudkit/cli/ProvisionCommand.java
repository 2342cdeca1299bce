package io.magecloudkit.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

@Command(name = "provision", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
        description = {"Create or update the environment's CloudFormation stacks through change sets.", "Not implemented yet: exits 1."})
final class ProvisionCommand extends NotImplementedCommand {
    @Mixin
    AwsOptions aws;
}
