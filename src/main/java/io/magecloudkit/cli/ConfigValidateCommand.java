package io.magecloudkit.cli;

import io.magecloudkit.EventSink;
import io.magecloudkit.Messages;
import io.magecloudkit.config.ConfigError;
import io.magecloudkit.config.ConfigException;
import io.magecloudkit.config.ConfigLoader;
import io.magecloudkit.config.MckConfig;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

@Command(name = "validate", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
        description = {"Check a magecloudkit.yml: every error with file:line:column, all at once.",
            "Warnings (allowed, but probably not meant) are printed too and do not fail the check.",
            "Exits 0 when valid, 2 when not."})
final class ConfigValidateCommand extends MckSubcommand {
    @Parameters(arity = "0..1", paramLabel = "FILE",
            description = "The file to check (default: the --config file).")
    Path file;

    /**
     * What the JSON result says: for a valid file its environments and apps, for an invalid one
     * every error (so a Jenkins step can annotate each line).
     */
    record Validated(String file, boolean valid, List<String> environments, List<String> apps, List<ConfigError> errors,
            List<ConfigError> warnings) {
    }

    @Override
    Object run(EventSink events) {
        Path target = file != null ? file : common.config;
        MckConfig config;
        try {
            config = ConfigLoader.load(target);
            if (common.env != null) {
                config.environment(common.env); // an unknown --env is a configuration error too
            }
        } catch (ConfigException e) {
            PrintWriter err = spec.commandLine().getErr();
            e.errors().forEach(error -> err.println("mck: error: " + Messages.printable(error.toString())));
            e.warnings().forEach(warning -> err.println("mck: warning: " + Messages.printable(warning.toString())));
            err.println("mck: " + Messages.printable(target.toString()) + ": " + e.errors().size() + " error(s)");
            return new Validated(target.toString(), false, List.of(), List.of(), e.errors(), e.warnings());
        }
        PrintWriter err = spec.commandLine().getErr();
        config.warnings().forEach(warning -> err.println("mck: warning: " + Messages.printable(warning.toString())));
        List<String> envs = List.copyOf(config.environmentNames());
        List<String> apps = List.copyOf(config.appNames());
        events.info(target + ": valid (" + envs.size() + " environment(s): " + String.join(", ", envs)
                + "; " + apps.size() + " app(s): " + String.join(", ", apps) + ")");
        return new Validated(target.toString(), true, envs, apps, List.of(), config.warnings());
    }

    @Override
    int exitCodeFor(Object result) {
        return result instanceof Validated v && !v.valid() ? ExitCode.USAGE : ExitCode.OK;
    }
}
