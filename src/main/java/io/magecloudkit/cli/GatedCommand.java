package io.magecloudkit.cli;

import io.magecloudkit.MckException;
import io.magecloudkit.config.MckConfig;
import io.magecloudkit.deploy.DeployRequest;
import io.magecloudkit.deploy.DeployResult;
import io.magecloudkit.deploy.GateClock;
import io.magecloudkit.deploy.ImageRef;
import java.net.URI;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** What deploy and rollback share: AWS and stack options, the gate's options, SIGTERM handling. */
abstract class GatedCommand extends MckSubcommand {
    @Mixin
    AwsOptions aws;

    @Mixin
    StackOptions stack;

    @Option(names = "--smoke-url", paramLabel = "URL",
            description = "URL the smoke check asks (default: the app's deployment.smokeCheckUrl, else https://<domain><healthCheckPath>).")
    URI smokeUrl;

    @Option(names = "--no-smoke-check", description = "Skip the HTTP smoke check (the gate then judges ECS and target health only).")
    boolean noSmokeCheck;

    @Option(names = "--gate-timeout", paramLabel = "SECONDS",
            description = "How long the gate waits (default: the app's deployment.gateTimeoutSeconds, 900).")
    Integer gateTimeout;

    /** The process environment; tests replace it. */
    Map<String, String> environment = System.getenv();

    /** The gate's time; mck demo gives the sandbox's sped-up clock so the engine waits in simulated time. */
    GateClock clock = GateClock.SYSTEM;

    private Termination termination;

    MckConfig config() {
        if (common.env == null) {
            throw new MckException(MckException.Kind.USAGE, "--env NAME is required");
        }
        MckConfig config = project().config().orElseThrow();
        config.environment(common.env);
        return config;
    }

    /** @param session reads the values no option gives from the environment's stack outputs */
    DeployRequest request(MckConfig config, List<String> apps, Map<String, ImageRef> images, boolean noRollback,
            io.magecloudkit.aws.AwsSession session, io.magecloudkit.EventSink events) {
        if (gateTimeout != null && gateTimeout < 1) {
            throw new MckException(MckException.Kind.USAGE, "--gate-timeout must be at least 1 second");
        }
        Set<String> names = new LinkedHashSet<>(apps.isEmpty() ? config.environment(common.env).apps().keySet() : apps);
        names.forEach(config::app);
        termination = new Termination();
        return new DeployRequest(config, common.env, apps, images,
                StackValuesReader.fill(stack.values(names), session, config, common.env, events),
                new DeployRequest.GateOptions(smokeUrl, noSmokeCheck, noRollback, gateTimeout), actor(), clock,
                termination::requested);
    }

    /** Who deploys, for the history: Jenkins' build tag, else the user. */
    String actor() {
        String tag = environment.get("BUILD_TAG");
        if (tag != null && !tag.isBlank()) {
            return tag;
        }
        String user = environment.getOrDefault("USER", System.getProperty("user.name", "unknown"));
        return user;
    }

    @Override
    int exitCodeFor(Object result) {
        return result instanceof DeployResult r && !r.succeeded() ? ExitCode.FAILED : ExitCode.OK;
    }

    /** One line per app on stdout: what a pipeline log reader looks for first. */
    void summary(DeployResult result) {
        var out = spec.commandLine().getOut();
        for (DeployResult.AppResult app : result.apps()) {
            String line = app.app() + ": " + app.verdict() + " - " + app.reason();
            if (app.rollback() != null) {
                line += "; rollback (" + app.rollback().how() + "): " + app.rollback().verdict();
            }
            out.println(line);
            for (DeployResult.WorkerResult w : app.workers()) {
                out.println("  " + w.role() + " " + w.service() + ": " + w.action() + ", " + w.verdict()
                        + (w.reason() == null ? "" : " - " + w.reason())
                        + (w.rollback() == null ? "" : "; rollback (" + w.rollback().how() + "): " + w.rollback().verdict()));
            }
        }
        out.flush();
    }

    @Override
    void finished() {
        if (termination != null) {
            termination.done();
            termination.close();
        }
    }
}
