package io.magecloudkit.cli;

import io.magecloudkit.EventSink;
import io.magecloudkit.MckException;
import io.magecloudkit.Messages;
import io.magecloudkit.aws.AwsErrors;
import java.io.IOException;
import java.io.PrintWriter;
import java.time.Instant;
import java.util.concurrent.Callable;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;
import software.amazon.awssdk.core.exception.SdkException;

/**
 * What every command shares: the common options, progress on stderr, one-line errors
 * mapped to exit codes, and the JSON result file written whatever the outcome.
 */
abstract class MckSubcommand implements Callable<Integer> {
    @Mixin
    CommonOptions common;

    @Spec
    CommandSpec spec;

    /**
     * Does the work.
     *
     * @return the result to put in the JSON result file (a record), or null for none
     * @throws MckException for expected failures; they become a one-line message and an exit code
     */
    abstract Object run(EventSink events) throws Exception;

    private ProjectConfig project;
    /** This run's progress sink, set before {@link #run} is called. */
    private EventSink events = EventSink.NONE;

    /** The project configuration of this run (--config, --env), loaded on first use. */
    ProjectConfig project() {
        if (project == null) {
            project = new ProjectConfig(common.config, given("--config"), common.env, events);
        }
        return project;
    }

    /** The exit code for a result that did not throw: commands whose result can be "failed" override it. */
    int exitCodeFor(Object result) {
        return ExitCode.OK;
    }

    @Override
    public final Integer call() {
        PrintWriter err = spec.commandLine().getErr();
        EventSink events = new ConsoleSink(err, common.debug);
        this.events = events;
        Instant started = Instant.now();
        if (common.resultFile != null) {
            try {
                ResultFile.check(common.resultFile);
            } catch (MckException e) {
                // Nothing has run yet, and there is nowhere to write a result: say so and stop.
                report(err, e);
                err.flush();
                return ExitCode.of(e.kind());
            }
        }
        Object result = null;
        int exit;
        String errorKind = null;
        String errorMessage = null;
        try {
            result = run(events);
            exit = exitCodeFor(result);
        } catch (MckException e) {
            exit = ExitCode.of(e.kind());
            errorKind = e.kind().name().toLowerCase(java.util.Locale.ROOT);
            errorMessage = e.getMessage();
            report(err, e);
        } catch (SdkException e) {
            var access = AwsErrors.accessFailure("call AWS", e, null);
            exit = access != null ? ExitCode.AWS_ACCESS : ExitCode.FAILED;
            errorKind = access != null ? "aws_access" : "operation_failed";
            errorMessage = access != null ? access.getMessage() : Messages.firstLine(e.getMessage());
            // The SDK appends request ids and retry notes on further lines: the first says what happened.
            report(err, access != null ? access : new MckException(MckException.Kind.OPERATION_FAILED, errorMessage, e));
        } catch (Exception e) {
            exit = ExitCode.FAILED;
            errorKind = "internal";
            errorMessage = InternalErrors.describe(e);
            err.println("mck: internal error: " + Messages.printable(errorMessage)
                    + (common.debug ? "" : " (run with --debug for the stack trace)"));
            if (common.debug) {
                e.printStackTrace(err);
            }
        }
        if (common.resultFile != null) {
            try {
                ResultFile.write(common.resultFile, ResultFile.document(spec.qualifiedName(" ").replaceFirst("^mck ", ""),
                        exit, started, Instant.now(), result, errorKind,
                        errorMessage == null ? null : Messages.maskCredentials(errorMessage)), events);
            } catch (IOException e) {
                err.println("mck: error: cannot write result file " + Messages.printable(common.resultFile.toString())
                        + ": " + Messages.printable(Messages.ioReason(e)));
                if (exit == ExitCode.OK) {
                    exit = ExitCode.FAILED;
                }
            }
        }
        err.flush();
        finished();
        return exit;
    }

    /** Called once the result file is written; commands that hold resources until then override it. */
    void finished() {
    }

    private void report(PrintWriter err, Exception e) {
        // A config exception carries one error per line; each gets the prefix so logs stay greppable.
        for (String line : String.valueOf(e.getMessage()).split("\n")) {
            err.println("mck: error: " + Messages.printable(line));
        }
        if (common.debug) {
            e.printStackTrace(err);
        }
    }

    /** Whether the user gave this option on the command line (not just its default). */
    boolean given(String option) {
        return spec.commandLine().getParseResult() != null
                && spec.commandLine().getParseResult().hasMatchedOption(option);
    }
}
