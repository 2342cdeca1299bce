package io.magecloudkit.cli;

import picocli.CommandLine.Command;


@Command(name = "sandbox", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
        description = {"Run the local AWS control plane (ECS, CloudFormation, ECR, ELBv2, STS, SSM) on a loopback port.", "Not implemented yet: exits 1."})
final class SandboxCommand extends NotImplementedCommand {

}
