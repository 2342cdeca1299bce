package io.magecloudkit.deploy;

import io.magecloudkit.EventSink;
import io.magecloudkit.aws.AwsSession;
import io.magecloudkit.aws.AwsSettings;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import software.amazon.awssdk.core.retry.backoff.FixedDelayBackoffStrategy;
import software.amazon.awssdk.core.waiters.WaiterOverrideConfiguration;
import software.amazon.awssdk.services.ecs.model.DesiredStatus;
import software.amazon.awssdk.services.ecs.model.ServiceEvent;
import software.amazon.awssdk.services.ecs.model.Task;
import software.amazon.awssdk.services.ecs.waiters.EcsWaiter;

/**
 * Not a test (surefire runs *Test only): run by bench/deploy.sh. One deploy on a sandbox whose clock
 * runs SPEED times faster than real time, watched at once by our health gate and by the SDK's
 * {@code EcsWaiter.waitUntilServicesStable}. Both poll at their production cadence in simulated
 * time: the gate's sleeps are divided by SPEED, the waiter's 15 s delay becomes 15 s / SPEED of
 * real time. Delays are in simulated seconds (what a real deploy would see); the HTTP round trips,
 * which are real time, count SPEED times over on both sides.
 */
public final class DeployBenchmark {
    private static final Duration WAITER_DELAY = Duration.ofSeconds(15);
    private static final int WAITER_ATTEMPTS = 40;
    private static final String SERVICE = "shop-staging-magento";
    private static final String CLUSTER = "shop-staging-app";

    private DeployBenchmark() {
    }

    record Side(String verdict, Instant at, int calls, String breakdown) {
    }

    record Outcome(String scenario, Instant updated, Instant settled, String settledAs, Side gate, Side waiter,
            int stoppedAtGate, int stoppedAtWaiter, int stoppedAtSettled) {
    }

    public static void main(String[] args) throws Exception {
        double speed = args.length > 0 ? Double.parseDouble(args[0]) : 4;
        int tasks = args.length > 1 ? Integer.parseInt(args[1]) : 4;
        System.out.printf("sandbox speed %.0fx (simulated s per real s), %d tasks; gate and waiter poll at production cadence"
                + " in simulated time (waiter: fixed %d s, %d attempts); times in simulated seconds%n",
                speed, tasks, WAITER_DELAY.toSeconds(), WAITER_ATTEMPTS);
        List<Outcome> rows = new ArrayList<>();
        rows.add(run("healthy rolling", false, speed, tasks));
        rows.add(run("crashing build", true, speed, tasks));
        System.out.println();
        System.out.println("scenario         sandbox deployment         watcher  verdict                      at (s)  vs sandbox (s)  new tasks stopped  ECS/ELB calls");
        for (Outcome o : rows) {
            System.out.printf("%-16s %-26s %-8s %-28s %6.1f  %+13.1f  %17d  %13d%n", o.scenario(),
                    o.settledAs() + " at " + secs(o.updated(), o.settled()) + " s", "gate", o.gate().verdict(),
                    secs(o.updated(), o.gate().at()), secs(o.settled(), o.gate().at()), o.stoppedAtGate(), o.gate().calls());
            System.out.printf("%-16s %-26s %-8s %-28s %6.1f  %+13.1f  %17d  %13d%n", "", "", "waiter", o.waiter().verdict(),
                    secs(o.updated(), o.waiter().at()), secs(o.settled(), o.waiter().at()), o.stoppedAtWaiter(), o.waiter().calls());
        }
        System.out.println();
        for (Outcome o : rows) {
            System.out.println(o.scenario() + ": new tasks stopped when the sandbox settled: " + o.stoppedAtSettled()
                    + "; gate calls " + o.gate().breakdown() + "; waiter calls " + o.waiter().breakdown());
        }
        System.out.println("\"at\" counts from the UpdateService of the deploy; \"vs sandbox\" is the verdict minus the moment the"
                + " sandbox recorded the deployment COMPLETED / FAILED (negative: before it).");
    }

    static double secs(Instant from, Instant to) {
        return from == null || to == null ? Double.NaN : Duration.between(from, to).toMillis() / 1000.0;
    }

    static Outcome run(String scenario, boolean crash, double speed, int tasks) throws Exception {
        try (DeployScenario s = new DeployScenario(DeployScenario.yaml(DeployScenario.ONE_APP, ""), speed)) {
            s.service("magento", "app", "nginx", 8080);
            var setup = s.f.session().ecs();
            setup.updateService(r -> r.cluster(CLUSTER).service(SERVICE).desiredCount(tasks));
            s.f.advanceUntil(Duration.ofMinutes(5), () -> s.service("magento", "app").runningCount() == tasks);
            char build = crash ? 'b' : 'a';
            if (crash) {
                s.crashing(build, 3);
            }
            CallCounter gateCalls = new CallCounter();
            CallCounter waiterCalls = new CallCounter();
            try (AwsSession gate = session(s, gateCalls); AwsSession waiter = session(s, waiterCalls)) {
                return measure(scenario, s, speed, build, crash, gate, gateCalls, waiter, waiterCalls);
            }
        }
    }

    static AwsSession session(DeployScenario s, CallCounter counter) {
        return AwsSession.open(AwsSettings.builder().region("us-east-1").endpoint(s.f.endpoint())
                .interceptors(List.of(counter)).build());
    }

    static Outcome measure(String scenario, DeployScenario s, double speed, char build, boolean crash, AwsSession gate,
            CallCounter gateCalls, AwsSession waiterSession, CallCounter waiterCalls) throws Exception {
        AtomicReference<Instant> updated = new AtomicReference<>();
        AtomicReference<Instant> verdictAt = new AtomicReference<>();
        AtomicReference<Side> waited = new AtomicReference<>();
        Thread waiter = new Thread(() -> waited.set(waitUntilStable(s, waiterSession, waiterCalls, speed)), "waiter");
        EventSink sink = (level, message) -> {
            Instant now = s.f.sandbox().clock().now();
            s.log.add(level + " " + message);
            if (message.startsWith("updated " + SERVICE + " to") && updated.compareAndSet(null, now)) {
                waiter.start();
            }
            if ((message.startsWith("passed: ") || message.startsWith("failed: ")) && verdictAt.get() == null) {
                verdictAt.set(now);
            }
        };
        GateClock clock = new GateClock() {
            @Override
            public Instant now() {
                return s.f.sandbox().clock().now();
            }

            @Override
            public void sleep(Duration d) throws InterruptedException {
                long nanos = (long) (d.toNanos() / speed);
                Thread.sleep(nanos / 1_000_000, (int) (nanos % 1_000_000));
            }
        };
        // --no-rollback on the crashing build, so the sandbox's circuit breaker, not our rollback, ends the deployment.
        DeployRequest request = new DeployRequest(s.config, DeployScenario.ENV, List.of(), DeployScenario.build(build), s.stack(),
                new DeployRequest.GateOptions(s.smokeUrl(), false, crash, null), "bench", clock, () -> false);
        DeployResult.AppResult app = new Deployer(gate).deploy(request, sink).apps().get(0);
        Side ours = new Side(app.verdict(), verdictAt.get(), gateCalls.ecsAndElb(), breakdown(gateCalls));
        if (updated.get() == null) {
            throw new IllegalStateException("the deploy never updated the service:\n" + String.join("\n", s.log));
        }
        waiter.join((long) (WAITER_DELAY.toMillis() * (WAITER_ATTEMPTS + 2) / speed) + 60_000);
        Side theirs = waited.get() != null ? waited.get() : new Side("(still waiting)", null, waiterCalls.ecsAndElb(), "");
        String marker = "(deployment " + app.deploymentId() + ") deployment " + (crash ? "failed" : "completed");
        if (System.getenv("BENCH_LOG") != null) {
            s.log.forEach(System.out::println);
        }
        List<ServiceEvent> events = s.service("magento", "app").events();
        Instant settled = events.stream().filter(e -> e.message().contains(marker)).map(ServiceEvent::createdAt)
                .findFirst().orElse(null);
        List<Task> stopped = stoppedTasks(s, app.taskDefinition());
        return new Outcome(scenario, updated.get(), settled, settled == null ? "never " + (crash ? "FAILED" : "COMPLETED")
                : crash ? "FAILED" : "COMPLETED", ours, theirs, stoppedBy(stopped, ours.at()), stoppedBy(stopped, theirs.at()),
                stoppedBy(stopped, settled));
    }

    static Side waitUntilStable(DeployScenario s, AwsSession session, CallCounter calls, double speed) {
        Duration delay = Duration.ofNanos((long) (WAITER_DELAY.toNanos() / speed));
        String verdict;
        try (EcsWaiter waiter = EcsWaiter.builder().client(session.ecs()).overrideConfiguration(WaiterOverrideConfiguration
                .builder().backoffStrategy(FixedDelayBackoffStrategy.create(delay)).maxAttempts(WAITER_ATTEMPTS).build()).build()) {
            var response = waiter.waitUntilServicesStable(r -> r.cluster(CLUSTER).services(SERVICE));
            verdict = response.matched().response().isPresent() ? "stable" : "failed";
        } catch (RuntimeException e) {
            verdict = "error: " + io.magecloudkit.Messages.firstLine(e.getMessage());
        }
        return new Side(verdict, s.f.sandbox().clock().now(), calls.ecsAndElb(), breakdown(calls));
    }

    static String breakdown(CallCounter calls) {
        return calls.breakdown() + String.format(" (mean round trip %.0f ms real)", calls.meanRoundTripMillis());
    }

    static List<Task> stoppedTasks(DeployScenario s, String taskDefinition) {
        var ecs = s.f.session().ecs();
        List<String> arns = ecs.listTasks(r -> r.cluster(CLUSTER).serviceName(SERVICE).desiredStatus(DesiredStatus.STOPPED))
                .taskArns();
        List<Task> out = new ArrayList<>();
        for (int i = 0; i < arns.size(); i += 100) {
            List<String> batch = arns.subList(i, Math.min(arns.size(), i + 100));
            ecs.describeTasks(r -> r.cluster(CLUSTER).tasks(batch)).tasks().stream()
                    .filter(t -> taskDefinition.equals(t.taskDefinitionArn())).forEach(out::add);
        }
        return out;
    }

    static int stoppedBy(List<Task> stopped, Instant at) {
        return at == null ? -1 : (int) stopped.stream().filter(t -> t.stoppedAt() != null && !t.stoppedAt().isAfter(at)).count();
    }
}
