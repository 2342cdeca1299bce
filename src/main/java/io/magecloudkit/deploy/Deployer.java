package io.magecloudkit.deploy;

import io.magecloudkit.EventSink;
import io.magecloudkit.MckException;
import io.magecloudkit.aws.AwsSession;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * The deploy step's façade: health-gated ECS rolling deploys with automatic rollback, rollbacks
 * through the same gate, and the status of an environment's services.
 */
public final class Deployer {
    private final AwsSession aws;
    private final Map<String, String> environment;

    /** A deployer whose preflight takes registry logins from this process's environment. */
    public Deployer(AwsSession aws) {
        this(aws, System.getenv());
    }

    /**
     * @param environment where the preflight finds registry logins ({@code MCK_REGISTRY_USERNAME} /
     *                    {@code MCK_REGISTRY_PASSWORD}, {@code DOCKER_CONFIG}), as build-images does
     */
    public Deployer(AwsSession aws, Map<String, String> environment) {
        this.aws = aws;
        this.environment = Map.copyOf(environment);
    }

    /**
     * Deploys every app of the request, in parallel, each with its own gate and rollback.
     *
     * @throws MckException (usage) for bad input, before anything changed
     */
    public DeployResult deploy(DeployRequest request, EventSink events) {
        String account = aws.verify().account();
        List<AppPlan> plans = new DeployPlanner(aws).plan(request.config(), request.environment(), request.apps(),
                request.images(), request.stack(), request.gate(), account);
        plans.stream().filter(p -> p.smokeUrl() == null).forEach(p -> events.warn((plans.size() > 1 ? "[" + p.app() + "] " : "")
                + "smoke check skipped (--no-smoke-check): the gate judges ECS and target health only"));
        preflight(request).require(Preflight.needsOf(plans), events);
        return run(plans, null, request, events);
    }

    /**
     * The deploy's preflight alone: images, secret references and log groups, read-only.
     *
     * @throws MckException (usage, or AWS access when a registry could not be asked) naming every problem
     */
    public PreflightCheck.Result verify(DeployRequest request, EventSink events) {
        String account = aws.verify().account();
        List<AppPlan> plans = new DeployPlanner(aws).plan(request.config(), request.environment(), request.apps(),
                request.images(), request.stack(), request.gate(), account);
        return preflight(request).require(Preflight.needsOf(plans), events);
    }

    /**
     * Puts one app back on an earlier revision: {@code toRevision}, else the newest revision that passed the
     * gate other than the one running. The target revision's images, secrets and log groups go through the
     * preflight first: a revision whose image was deleted fails before anything changed.
     */
    public DeployResult rollback(DeployRequest request, Integer toRevision, EventSink events) {
        if (request.apps().size() != 1) {
            throw new MckException(MckException.Kind.USAGE, "rollback takes exactly one --app");
        }
        String account = aws.verify().account();
        List<AppPlan> plans = new DeployPlanner(aws).plan(request.config(), request.environment(), request.apps(), null,
                request.stack(), request.gate(), account);
        AppPlan plan = plans.get(0);
        String family = DeployNames.family(request.config().project(), request.environment(), plan.app());
        String target;
        if (toRevision != null) {
            target = new TaskDefinitions(aws).active(family).stream().filter(a -> a.endsWith(":" + toRevision)
                    && HealthGate.revision(a).equals(family + ":" + toRevision)).findFirst()
                    .orElseThrow(() -> new MckException(MckException.Kind.USAGE, "no ACTIVE revision " + family + ":"
                            + toRevision + " to roll back to"));
        } else {
            String running = new ServiceObserver(aws, plan.cluster(), plan.service(), null).describe().taskDefinition();
            List<DeployHistory.Entry> past = new DeployHistory(aws, plan.parameterPrefix() + "deploy-history").read();
            target = DeployHistory.lastPassed(past, running).orElseThrow(() -> new MckException(MckException.Kind.USAGE,
                    "no earlier revision of " + plan.app() + " passed the gate; name one with --to REVISION"));
        }
        var described = SdkJson.toJson(new TaskDefinitions(aws).describe(target));
        preflight(request).require(List.of(Preflight.needsOf(plan.app(), described)), events);
        events.info("rolling " + plan.app() + " back to " + HealthGate.revision(target));
        return run(plans, target, request, events);
    }

    /** The environment's OCI registry (images.registry of type oci) is the one whose login the environment holds. */
    private Preflight preflight(DeployRequest request) {
        var images = request.config().environment(request.environment()).images();
        var registry = images == null ? null : images.registry();
        String host = registry != null && "oci".equals(registry.type()) ? PreflightRegistry.hostOf(registry.url()) : null;
        return new Preflight(aws, new PreflightRegistry(host, environment));
    }

    /** Each app's service as it is now, and its last deploys. */
    public StatusReport status(DeployRequest request, EventSink events) {
        List<AppPlan> plans = new DeployPlanner(aws).planQuietly(request.config(), request.environment(), request.apps(),
                request.stack());
        return new StatusReader(aws).read(request.environment(), plans);
    }

    private DeployResult run(List<AppPlan> plans, String targetRevision, DeployRequest request, EventSink events) {
        boolean prefixed = plans.size() > 1;
        if (plans.size() == 1) {
            return new DeployResult(request.environment(), List.of(
                    new AppDeployment(aws, plans.get(0), events, false, request.clock(), request.cancelled(), request.actor())
                            .run(targetRevision)));
        }
        ExecutorService pool = Executors.newFixedThreadPool(plans.size(), r -> {
            Thread t = new Thread(r, "mck-deploy");
            t.setDaemon(true);
            return t;
        });
        try {
            List<Future<DeployResult.AppResult>> futures = new ArrayList<>();
            for (AppPlan plan : plans) {
                futures.add(pool.submit(() -> new AppDeployment(aws, plan, events, prefixed, request.clock(),
                        request.cancelled(), request.actor()).run(targetRevision)));
            }
            List<DeployResult.AppResult> results = new ArrayList<>();
            for (int i = 0; i < futures.size(); i++) {
                try {
                    results.add(futures.get(i).get());
                } catch (ExecutionException e) {
                    RuntimeException cause = e.getCause() instanceof RuntimeException re ? re : new IllegalStateException(e.getCause());
                    events.warn("[" + plans.get(i).app() + "] " + io.magecloudkit.Messages.firstLine(cause.getMessage()));
                    results.add(DeployResult.failedBeforeGate(plans.get(i), cause.getMessage()));
                }
            }
            return new DeployResult(request.environment(), results);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new MckException(MckException.Kind.OPERATION_FAILED, "interrupted while the deploys ran");
        } finally {
            pool.shutdownNow();
        }
    }
}
