package io.magecloudkit.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

@Command(name = "rollback", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
        description = {"Return a service to the previous (or a named) task definition revision through the health gate.", "Not implemented yet: exits 1."})
final class RollbackCommand extends NotImplementedCommand {
    @Mixin
    AwsOptions aws;
}
