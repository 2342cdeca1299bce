package io.magecloudkit.cli;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;

/** Runs the CLI in this JVM, capturing what it prints. */
final class InProcessMck {
    record Run(int exit, String out, String err) {
    }

    private InProcessMck() {
    }

    static Run execute(List<String> args) {
        var cl = Main.commandLine();
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        cl.setOut(new PrintWriter(out, true));
        cl.setErr(new PrintWriter(err, true));
        return new Run(cl.execute(args.toArray(String[]::new)), out.toString(), err.toString());
    }
}
