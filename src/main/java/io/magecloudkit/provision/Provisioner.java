package io.magecloudkit.provision;

import io.magecloudkit.EventSink;
import io.magecloudkit.MckException;
import io.magecloudkit.aws.SsmLease;
import io.magecloudkit.config.EnvironmentConfig;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import software.amazon.awssdk.services.cloudformation.model.Stack;

/**
 * The provision step's façade: brings an environment's stacks to what the configuration renders
 * ({@link #provision}), shows what that would change ({@code planOnly}), or deletes them
 * ({@link #destroy}). Stacks go in dependency waves; the stacks of a wave change in parallel.
 */
public final class Provisioner {
    /** At most this many stacks change at once: CloudFormation throttles a busy account. */
    static final int PARALLEL = 4;

    private final Set<String> changing = ConcurrentHashMap.newKeySet();
    private volatile SsmLease lease;

    /** The stacks CloudFormation is changing for this run right now (for an interrupted run's last words). */
    public List<String> changing() {
        return List.copyOf(changing);
    }

    /** Gives the lease back early (the CLI calls it when the process is told to stop). */
    public void releaseLease() {
        SsmLease l = lease;
        if (l != null) {
            l.close();
        }
    }

    public ProvisionResult provision(ProvisionRequest request, EventSink sink) {
        EnvironmentConfig env = request.config().environment(request.environment());
        StackPlan offline = StackRenderer.render(request.config(), request.environment(), StackOutputs.NONE);
        CloudFormationStacks stacks = new CloudFormationStacks(request.aws());
        String runId = UUID.randomUUID().toString().substring(0, 8);
        try (SsmLease held = request.planOnly() ? null : lease(request, offline, sink)) {
            this.lease = held;
            Map<String, Optional<Stack>> described = describeAll(stacks, offline);
            Map<String, Map<String, String>> outputs = new LinkedHashMap<>();
            described.forEach((name, s) -> s.filter(x -> StackCondition.of(x.stackStatusAsString()) == StackCondition.READY)
                    .ifPresent(x -> outputs.put(name, CloudFormationStacks.outputs(x))));
            StackRun run = new StackRun(stacks, request, sink, changing, env.deletionProtection(), runId);
            List<StackResult> results = new ArrayList<>();
            boolean failed = false;
            for (List<RenderedStack> wave : ProvisionWaves.of(offline.stacks())) {
                if (failed) {
                    wave.forEach(s -> results.add(new StackResult(s.name(), s.module(), "not reached", List.of(), null, Map.of())));
                    continue;
                }
                StackPlan plan = StackRenderer.render(request.config(), request.environment(), new StackOutputs(outputs));
                List<RenderedStack> current = wave.stream().map(s -> plan.stack(s.name()).orElseThrow()).toList();
                List<StackResult> done = inParallel(current, s -> s.resolved()
                        ? run.apply(s, described.get(s.name()))
                        : pending(s, request.planOnly(), sink));
                for (StackResult r : done) {
                    results.add(r);
                    failed |= r.failed();
                    if (!r.outputs().isEmpty()) {
                        outputs.put(r.stack(), r.outputs());
                    }
                }
            }
            long unchanged = results.stream().filter(r -> r.action().equals("unchanged") || r.action().equals("no change")).count();
            sink.info(offline.project() + "-" + offline.environment() + ": " + (failed ? "FAILED" : request.planOnly() ? "plan done" : "done")
                    + "; " + results.size() + " stack(s), " + unchanged + " unchanged");
            return new ProvisionResult(request.environment(), offline.region(), request.planOnly(), !failed, results, outputs);
        } finally {
            this.lease = null;
        }
    }

    public DestroyResult destroy(ProvisionRequest request, boolean yes, boolean force, EventSink sink) {
        EnvironmentConfig env = request.config().environment(request.environment());
        StackPlan offline = StackRenderer.render(request.config(), request.environment(), StackOutputs.NONE);
        CloudFormationStacks stacks = new CloudFormationStacks(request.aws());
        Map<String, Optional<Stack>> described = describeAll(stacks, offline);
        List<List<RenderedStack>> waves = ProvisionWaves.reversed(offline.stacks()).stream()
                .map(w -> w.stream().filter(s -> described.get(s.name()).isPresent()).toList())
                .filter(w -> !w.isEmpty()).toList();
        List<String> existing = waves.stream().flatMap(List::stream).map(RenderedStack::name).toList();
        if (!yes) {
            existing.forEach(n -> sink.info("would delete " + n));
            sink.info(existing.size() + " stack(s) would be deleted; run again with --yes to delete them");
            return new DestroyResult(request.environment(), true, existing, List.of());
        }
        boolean protectedStack = described.values().stream().flatMap(Optional::stream)
                .anyMatch(s -> Boolean.TRUE.equals(s.enableTerminationProtection()));
        if ((env.deletionProtection() || protectedStack) && !force) {
            throw new MckException(MckException.Kind.USAGE, "environment " + request.environment()
                    + " is protected (deletionProtection: true, or stacks with termination protection); nothing was deleted;"
                    + " add --force to delete it anyway");
        }
        String runId = UUID.randomUUID().toString().substring(0, 8);
        List<String> deleted = new ArrayList<>();
        try (SsmLease held = lease(request, offline, sink)) {
            this.lease = held;
            for (List<RenderedStack> wave : waves) {
                List<StackResult> done = inParallel(wave, s -> delete(stacks, request, described.get(s.name()).get(), s, runId, sink));
                for (StackResult r : done) {
                    if (r.failed()) {
                        throw new MckException(MckException.Kind.OPERATION_FAILED, r.stack() + " could not be deleted: " + r.problem()
                                + "; deleted so far: " + deleted);
                    }
                    deleted.add(r.stack());
                }
            }
        } finally {
            this.lease = null;
        }
        sink.info(deleted.size() + " stack(s) of " + offline.project() + "-" + offline.environment() + " deleted");
        return new DestroyResult(request.environment(), false, existing, deleted);
    }

    private StackResult delete(CloudFormationStacks stacks, ProvisionRequest request, Stack stack, RenderedStack s, String runId,
            EventSink sink) {
        if (Boolean.TRUE.equals(stack.enableTerminationProtection())) {
            stacks.terminationProtection(s.name(), false);
        }
        String token = "mck-destroy-" + runId + "-" + s.module().replaceAll("[^a-zA-Z0-9-]", "-");
        changing.add(s.name());
        try {
            sink.info(s.name() + ": deleting");
            stacks.deleteStack(stack.stackId(), token);
            EventStream.Outcome o = new EventStream(stacks, request.backoff(), sink).follow(stack.stackId(), s.name(), token);
            String status = o.stack() == null ? "DELETE_COMPLETE" : o.stack().stackStatusAsString();
            if (status.equals("DELETE_COMPLETE")) {
                return new StackResult(s.name(), s.module(), "deleted", List.of(), null, Map.of());
            }
            String cause = RootCause.of(o.events(), CloudFormationStacks.STACK_TYPE)
                    .map(e -> e.logicalId() + " " + e.status() + ": " + e.reason()).orElse(status);
            return new StackResult(s.name(), s.module(), "failed", List.of(), cause, Map.of());
        } finally {
            changing.remove(s.name());
        }
    }

    /** The parameter name of an environment's lease. */
    public static String leaseName(String project, String environment) {
        return "/magecloudkit/" + project + "/" + environment + "/provision-lease";
    }

    /**
     * One provision (or destroy) of an environment at a time: takes the lease, waiting up to the request's
     * lock wait for another run to finish (saying once who holds it), and renews it while the run lasts.
     *
     * @throws MckException (operation failed) when another run still holds it after the wait
     */
    private static SsmLease lease(ProvisionRequest request, StackPlan plan, EventSink sink) {
        String name = leaseName(plan.project(), plan.environment());
        Instant deadline = Instant.now().plus(request.lockWait());
        boolean told = false;
        for (int attempt = 0; ; attempt++) {
            SsmLease.Attempt a = SsmLease.tryAcquire(request.aws(), name, "provision lease", request.owner(), Instant::now);
            if (a.taken()) {
                a.lease().renewInBackground();
                return a.lease();
            }
            String holder = a.owner() + " (lease until " + a.until() + ")";
            if (Instant.now().isAfter(deadline)) {
                throw new MckException(MckException.Kind.OPERATION_FAILED, "another run is changing this environment: " + holder
                        + "; wait for it to finish (or give --lock-wait DURATION), or, if it died, until its lease expires");
            }
            if (!told) {
                sink.info("waiting: another run is changing this environment: " + holder);
                told = true;
            }
            request.backoff().sleep(attempt);
        }
    }

    /** One DescribeStacks per stack: all a run needs to know when nothing changed. */
    private static Map<String, Optional<Stack>> describeAll(CloudFormationStacks stacks, StackPlan plan) {
        Map<String, Optional<Stack>> out = new ConcurrentHashMap<>();
        inParallel(plan.stacks(), s -> {
            out.put(s.name(), stacks.describe(s.name()));
            return null;
        });
        return out;
    }

    /** A stack whose parameters wait on outputs no stack has yet: expected in a plan, a failure otherwise. */
    private static StackResult pending(RenderedStack s, boolean plan, EventSink sink) {
        List<String> missing = s.parameters().stream().filter(p -> !p.resolved()).map(p -> p.key() + " <" + p.source() + ">").toList();
        if (!plan) {
            String problem = "parameters without a value: " + String.join(", ", missing) + " (the stacks they come from lack those outputs)";
            sink.warn(s.name() + ": " + problem);
            return new StackResult(s.name(), s.module(), "failed", List.of(), problem, Map.of());
        }
        sink.info(s.name() + ": would create once " + String.join(", ", s.dependsOn()) + " exist(s) (parameters from their outputs)");
        return new StackResult(s.name(), s.module(), "pending", List.of(), null, Map.of());
    }

    private static <T> List<T> inParallel(List<RenderedStack> stacks, java.util.function.Function<RenderedStack, T> work) {
        if (stacks.size() == 1) {
            return java.util.Collections.singletonList(work.apply(stacks.get(0)));
        }
        ExecutorService pool = Executors.newFixedThreadPool(Math.min(PARALLEL, stacks.size()));
        try {
            List<Future<T>> futures = stacks.stream().map(s -> pool.submit(() -> work.apply(s))).toList();
            List<T> out = new ArrayList<>();
            for (Future<T> f : futures) {
                out.add(f.get());
            }
            return out;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new MckException(MckException.Kind.OPERATION_FAILED, "interrupted");
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException r) {
                throw r;
            }
            throw new IllegalStateException(e.getCause());
        } finally {
            pool.shutdownNow();
        }
    }
}
