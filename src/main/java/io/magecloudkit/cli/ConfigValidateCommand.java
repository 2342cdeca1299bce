package io.magecloudkit.cli;

import io.magecloudkit.EventSink;
import io.magecloudkit.config.ConfigLoader;
import io.magecloudkit.config.MckConfig;
import java.nio.file.Path;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

@Command(name = "validate", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
        description = {"Check a magecloudkit.yml: every error with file:line:column, all at once.",
            "Exits 0 when valid, 2 when not."})
final class ConfigValidateCommand extends MckSubcommand {
    @Parameters(arity = "0..1", paramLabel = "FILE",
            description = "The file to check (default: the --config file).")
    Path file;

    /** What the JSON result says about a valid file. */
    record Validated(String file, List<String> environments, List<String> apps) {
    }

    @Override
    Object run(EventSink events) {
        Path target = file != null ? file : common.config;
        MckConfig config = ConfigLoader.load(target);
        List<String> envs = List.copyOf(config.environmentNames());
        List<String> apps = List.copyOf(config.appNames());
        events.info(target + ": valid (" + envs.size() + " environment(s): " + String.join(", ", envs)
                + "; " + apps.size() + " app(s): " + String.join(", ", apps) + ")");
        return new Validated(target.toString(), envs, apps);
    }
}
