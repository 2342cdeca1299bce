package io.magecloudkit.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

@Command(name = "plan", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
        description = {"Render templates, parameters and task definitions offline; diff against AWS when reachable.", "Not implemented yet: exits 1."})
final class PlanCommand extends NotImplementedCommand {
    @Mixin
    AwsOptions aws;
}
