package io.magecloudkit.testing;

import java.io.PrintWriter;
import java.io.StringWriter;
import picocli.CommandLine;

/** Runs the mck command line in this JVM with captured output. */
public final class CliRun {

    /** Exit code and what was printed. */
    public record Result(int exitCode, String stdout, String stderr) {
    }

    private CliRun() {
    }

    public static Result run(CommandLine commandLine, String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        commandLine.setOut(new PrintWriter(out, true));
        commandLine.setErr(new PrintWriter(err, true));
        int code = commandLine.execute(args);
        return new Result(code, out.toString(), err.toString());
    }
}
