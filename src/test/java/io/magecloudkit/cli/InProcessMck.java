package io.magecloudkit.cli;

import io.magecloudkit.demo.RehearsalClock;
import io.magecloudkit.sandbox.Sandbox;
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
        return execute(args, null);
    }

    /**
     * The same with deploy's and rollback's gate waiting in the sandbox's time, as {@code mck demo} has it: a
     * sandbox sped up 20 times is then also watched 20 times faster. On the wall clock the gate would sleep
     * through each phase as long as its poll schedule's longest wait: the timers it reads are the sandbox's,
     * and the sandbox's event times run ahead of the wall clock.
     *
     * @param sandbox null: the wall clock, as mck has it outside mck demo
     */
    static Run execute(List<String> args, Sandbox sandbox) {
        var cl = Main.commandLine();
        if (sandbox != null) {
            SandboxTimeMain.gateOn(cl, new RehearsalClock(() -> sandbox.clock().now(), () -> sandbox.clock().speed()));
        }
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        cl.setOut(new PrintWriter(out, true));
        cl.setErr(new PrintWriter(err, true));
        return new Run(cl.execute(args.toArray(String[]::new)), out.toString(), err.toString());
    }
}
