package io.magecloudkit.cli;

import io.magecloudkit.Messages;
import picocli.CommandLine;

/** Entry point of mck.jar. */
public final class Main {
    private Main() {
    }

    public static void main(String[] args) {
        System.exit(commandLine().execute(args));
    }

    /** The configured command line; tests call {@code execute} on it with captured streams. */
    public static CommandLine commandLine() {
        CommandLine cl = new CommandLine(new MckCommand());
        cl.setCaseInsensitiveEnumValuesAllowed(true);
        // Usage errors: one line plus a pointer to help, exit 2.
        cl.setParameterExceptionHandler((ex, args) -> {
            CommandLine cmd = ex.getCommandLine();
            for (String line : String.valueOf(ex.getMessage()).split("\n")) {
                cmd.getErr().println("mck: error: " + Messages.printable(line));
            }
            cmd.getErr().println("Try '" + cmd.getCommandSpec().qualifiedName() + " --help' for usage.");
            cmd.getErr().flush();
            return ExitCode.USAGE;
        });
        return cl;
    }
}
