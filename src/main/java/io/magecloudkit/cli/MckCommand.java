package io.magecloudkit.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

@Command(name = "mck", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
        description = "MageCloudKit: run Magento on AWS from Jenkins.",
        subcommands = {
            ConfigCommand.class,
            ProvisionCommand.class,
            BuildImagesCommand.class,
            DeployCommand.class,
            RollbackCommand.class,
            RunCommand.class,
            StatusCommand.class,
            PlanCommand.class,
            RenderCommand.class,
            DestroyCommand.class,
            SandboxCommand.class,
            DemoCommand.class,
            WhoamiCommand.class,
        },
        footer = {"", "Exit codes: 0 success, 1 operation failed, 2 usage or configuration error, 3 AWS access error."})
final class MckCommand implements Runnable {
    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        throw new ParameterException(spec.commandLine(), "missing command");
    }
}
