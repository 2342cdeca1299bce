package io.magecloudkit.cli;

import io.magecloudkit.EventSink;
import io.magecloudkit.MckException;
import io.magecloudkit.aws.AwsSession;
import io.magecloudkit.config.MckConfig;
import io.magecloudkit.deploy.DeployRequest;
import io.magecloudkit.deploy.GateClock;
import io.magecloudkit.deploy.OneOffCommand;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "run", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
        description = {"Run a one-off command in an app's php-fpm container, as a one-off ECS task of the task definition "
                + "its service runs now (the way the deploy's release phase runs setup:upgrade), streaming its output.",
            "Exit code: the command's (0..255); 1 when ECS could not run it (not placed, or stopped without an exit code); "
                + "2 for bad input; 3 for AWS access errors."},
        footer = {"", "Example:", "  mck run --env staging --app magento -- bin/magento indexer:reindex catalogsearch_fulltext"})
final class RunCommand extends MckSubcommand {
    @Mixin
    AwsOptions aws;

    @Mixin
    StackOptions stack;

    @Option(names = "--app", paramLabel = "APP", required = true, description = "The app whose task definition runs the command.")
    String app;

    @Option(names = "--timeout", paramLabel = "SECONDS", defaultValue = "3600",
            description = "Stop the task when the command has not finished after this long (default: ${DEFAULT-VALUE}).")
    int timeoutSeconds;

    @Parameters(paramLabel = "COMMAND", arity = "1..*", description = "The command and its arguments (after --).")
    List<String> command;

    private Termination termination;

    @Override
    Object run(EventSink events) {
        if (common.env == null) {
            throw new MckException(MckException.Kind.USAGE, "--env NAME is required");
        }
        if (timeoutSeconds < 1) {
            throw new MckException(MckException.Kind.USAGE, "--timeout must be at least 1 second");
        }
        MckConfig config = project().config().orElseThrow();
        config.environment(common.env);
        config.app(app);
        termination = new Termination();
        try (AwsSession session = AwsSession.open(aws.settings(project().region()))) {
            // As deploy and rollback do: what no option gives comes from the environment's stack outputs.
            DeployRequest request = new DeployRequest(config, common.env, List.of(app), Map.of(),
                    StackValuesReader.fill(stack.values(java.util.Set.of(app)), session, config, common.env, events),
                    new DeployRequest.GateOptions(null, true, true, null), null, GateClock.SYSTEM, termination::requested);
            OneOffCommand.Outcome outcome = new OneOffCommand(session).run(request, command,
                    Duration.ofSeconds(timeoutSeconds), events);
            var out = spec.commandLine().getOut();
            var task = outcome.task();
            out.println(task.exitCode() != null
                    ? app + ": " + task.command() + " exited " + task.exitCode()
                    : app + ": " + task.command() + " did not run to completion: " + task.stoppedReason());
            out.flush();
            return outcome;
        }
    }

    @Override
    int exitCodeFor(Object result) {
        Integer exit = ((OneOffCommand.Outcome) result).task().exitCode();
        return exit == null ? ExitCode.FAILED : exit & 0xff;
    }

    @Override
    void finished() {
        if (termination != null) {
            termination.done();
            termination.close();
        }
    }
}
