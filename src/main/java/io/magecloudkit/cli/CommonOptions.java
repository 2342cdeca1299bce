package io.magecloudkit.cli;

import java.nio.file.Path;
import picocli.CommandLine.Option;

/** Options every command takes. */
public final class CommonOptions {
    @Option(names = "--config", paramLabel = "FILE", defaultValue = "magecloudkit.yml",
            description = "Project configuration file (default: ${DEFAULT-VALUE}).")
    Path config;

    @Option(names = "--env", paramLabel = "NAME",
            description = "Environment from the configuration (staging, production, ...).")
    String env;

    @Option(names = "--result-file", paramLabel = "FILE",
            description = {"Also write the result as JSON to FILE (what the Jenkins steps read): a regular file is replaced atomically, a device or FIFO written in place; a directory or an empty name is refused. See docs/cli.md."})
    Path resultFile;

    @Option(names = "--debug", description = "Show stack traces and debug output.")
    boolean debug;
}
