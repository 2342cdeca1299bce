package io.magecloudkit.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

@Command(name = "destroy", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
        description = {"Delete the environment's stacks in reverse dependency order.", "Not implemented yet: exits 1."})
final class DestroyCommand extends NotImplementedCommand {
    @Mixin
    AwsOptions aws;
}
