package io.magecloudkit.cli;

import picocli.CommandLine.Command;


@Command(name = "demo", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
        description = {"Rehearse a whole pipeline (provision, build, deploy, failed deploy, rollback) against the embedded sandbox.", "Not implemented yet: exits 1."})
final class DemoCommand extends NotImplementedCommand {

}
