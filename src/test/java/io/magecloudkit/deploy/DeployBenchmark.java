package io.magecloudkit.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.magecloudkit.EventSink;
import io.magecloudkit.aws.AwsSession;
import io.magecloudkit.aws.AwsSettings;
import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
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
 * {@code EcsWaiter.waitUntilServicesStable} (its default 15 s delay and 40 attempts, and tuned to 2 s,
 * as long in all, for an answer as prompt as the gate's). The target group has the timers our app-target template provisions (read
 * from it), the app the configuration's defaults. Everything polls at its production cadence in
 * simulated time: the gate's sleeps are divided by SPEED, the waiters' delays too. Delays are in
 * simulated seconds (what a real deploy would see); HTTP round trips, real time, count SPEED times over.
 */
public final class DeployBenchmark {
    private static final Duration WAITER_DELAY = Duration.ofSeconds(15);
    private static final Duration PROMPT_WAITER_DELAY = Duration.ofSeconds(2);
    /** The SDK waiter's default: 40 attempts of 15 s, ten minutes; the prompt one waits as long. */
    private static final Duration WAITER_PATIENCE = Duration.ofMinutes(10);
    private static final String SERVICE = "shop-staging-magento";
    private static final String CLUSTER = "shop-staging-app";
    private static final String APP = "apps:\n  magento:\n    desiredCount: 2\n    deployment:\n      release: false\n";

    private DeployBenchmark() {
    }

    record Side(String verdict, Instant at, int calls, String breakdown) {
    }

    record Outcome(String scenario, Instant updated, Instant settled, String settledAs, List<Row> rows, int stoppedAtSettled,
            int gateDeployCalls) {
    }

    record Row(String watcher, Side side, int stopped) {
    }

    public static void main(String[] args) throws Exception {
        double speed = args.length > 0 ? Double.parseDouble(args[0]) : 4;
        int tasks = args.length > 1 ? Integer.parseInt(args[1]) : 4;
        Map<String, Object> timers = templateTargetTimers();
        System.out.printf("sandbox speed %.0fx (simulated s per real s), %d tasks; target group as app-target.yml provisions it: %s;"
                + " times in simulated seconds%n", speed, tasks, timers);
        List<Outcome> outcomes = new ArrayList<>();
        outcomes.add(run("healthy rolling", false, speed, tasks, timers));
        outcomes.add(run("crashing build", true, speed, tasks, timers));
        System.out.println();
        System.out.println("scenario         sandbox deployment     watcher      verdict      at (s)  vs sandbox (s)  new tasks stopped"
                + "  ECS/ELB calls watching");
        for (Outcome o : outcomes) {
            boolean first = true;
            for (Row r : o.rows()) {
                System.out.printf("%-16s %-22s %-12s %-12s %6.1f  %+13.1f  %17d  %22d%n", first ? o.scenario() : "",
                        first ? o.settledAs() + " at " + secs(o.updated(), o.settled()) + " s" : "", r.watcher(), r.side().verdict(),
                        secs(o.updated(), r.side().at()), secs(o.settled(), r.side().at()), r.stopped(), r.side().calls());
                first = false;
            }
        }
        System.out.println();
        for (Outcome o : outcomes) {
            System.out.println(o.scenario() + ": new tasks stopped when the sandbox settled: " + o.stoppedAtSettled()
                    + "; the gate's ECS/ELB calls for the whole deploy (preflight, registration, update, watching): "
                    + o.gateDeployCalls());
            for (Row r : o.rows()) {
                System.out.println("  " + r.watcher() + " calls watching: " + r.side().breakdown());
            }
        }
        System.out.println("\"at\" counts from the UpdateService of the deploy; \"vs sandbox\" is the verdict minus the moment the"
                + " sandbox recorded the deployment COMPLETED / FAILED (negative: before it); \"calls watching\" are those"
                + " from the UpdateService to the verdict.");
    }

    /** The health-check and deregistration settings of the target group our app-target template creates. */
    static Map<String, Object> templateTargetTimers() throws IOException {
        JsonNode template;
        try (InputStream in = DeployBenchmark.class.getResourceAsStream("/io/magecloudkit/cloudformation/app-target.yml")) {
            template = new ObjectMapper(new YAMLFactory()).readTree(in);
        }
        JsonNode p = template.path("Resources").path("TargetGroup").path("Properties");
        Map<String, Object> out = new LinkedHashMap<>();
        for (String key : List.of("HealthCheckIntervalSeconds", "HealthCheckTimeoutSeconds", "HealthyThresholdCount",
                "UnhealthyThresholdCount")) {
            out.put(key, p.path(key).asInt());
        }
        String delay = template.path("Parameters").path("DeregistrationDelaySeconds").path("Default").asText();
        out.put("TargetGroupAttributes", List.of(Map.of("Key", "deregistration_delay.timeout_seconds", "Value", delay)));
        return out;
    }

    static double secs(Instant from, Instant to) {
        return from == null || to == null ? Double.NaN : Duration.between(from, to).toMillis() / 1000.0;
    }

    static Outcome run(String scenario, boolean crash, double speed, int tasks, Map<String, Object> timers) throws Exception {
        try (DeployScenario s = new DeployScenario(DeployScenario.yaml(APP, ""), speed)) {
            s.service("magento", "app", "nginx", 8080, timers);
            var setup = s.f.session().ecs();
            setup.updateService(r -> r.cluster(CLUSTER).service(SERVICE).desiredCount(tasks));
            s.f.advanceUntil(Duration.ofMinutes(10), () -> s.service("magento", "app").runningCount() == tasks
                    && s.service("magento", "app").deployments().size() == 1);
            char build = crash ? 'b' : 'a';
            if (crash) {
                s.crashing(build, 3);
            }
            CallCounter gateCalls = new CallCounter();
            CallCounter waiterCalls = new CallCounter();
            CallCounter promptCalls = new CallCounter();
            try (AwsSession gate = session(s, gateCalls); AwsSession waiter = session(s, waiterCalls);
                    AwsSession prompt = session(s, promptCalls)) {
                return measure(scenario, s, speed, build, crash, gate, gateCalls, List.of(
                        new Waiter("waiter 15 s", WAITER_DELAY, waiter, waiterCalls),
                        new Waiter("waiter 2 s", PROMPT_WAITER_DELAY, prompt, promptCalls)));
            }
        }
    }

    record Waiter(String name, Duration delay, AwsSession session, CallCounter calls) {
    }

    static AwsSession session(DeployScenario s, CallCounter counter) {
        return AwsSession.open(AwsSettings.builder().region("us-east-1").endpoint(s.f.endpoint())
                .interceptors(List.of(counter)).build());
    }

    static Outcome measure(String scenario, DeployScenario s, double speed, char build, boolean crash, AwsSession gate,
            CallCounter gateCalls, List<Waiter> waiters) throws Exception {
        AtomicReference<Instant> updated = new AtomicReference<>();
        AtomicReference<Instant> verdictAt = new AtomicReference<>();
        AtomicReference<Map<String, Integer>> atUpdate = new AtomicReference<>();
        AtomicReference<Map<String, Integer>> atVerdict = new AtomicReference<>();
        List<AtomicReference<Side>> waited = new ArrayList<>();
        List<Thread> threads = new ArrayList<>();
        for (Waiter w : waiters) {
            AtomicReference<Side> side = new AtomicReference<>();
            waited.add(side);
            threads.add(new Thread(() -> side.set(waitUntilStable(s, w, speed)), w.name()));
        }
        EventSink sink = (level, message) -> {
            Instant now = s.f.sandbox().clock().now();
            s.log.add(String.format("%7.1f ", updated.get() == null ? 0.0 : secs(updated.get(), now)) + level + " " + message);
            if (message.startsWith("updated " + SERVICE + " to") && updated.compareAndSet(null, now)) {
                atUpdate.set(gateCalls.snapshot());
                threads.forEach(Thread::start);
            }
            if ((message.startsWith("passed: ") || message.startsWith("failed: ")) && verdictAt.get() == null) {
                verdictAt.set(now);
                atVerdict.set(gateCalls.snapshot());
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
        if (updated.get() == null || atVerdict.get() == null) {
            throw new IllegalStateException("the deploy never updated the service or gave no verdict:\n" + String.join("\n", s.log));
        }
        Map<String, Integer> watching = CallCounter.between(atUpdate.get(), atVerdict.get());
        Side ours = new Side(app.verdict(), verdictAt.get(), CallCounter.ecsAndElb(watching), watching.toString());
        List<Side> theirs = new ArrayList<>();
        for (int i = 0; i < waiters.size(); i++) {
            threads.get(i).join((long) (WAITER_PATIENCE.plus(waiters.get(i).delay().multipliedBy(2)).toMillis() / speed) + 60_000);
            theirs.add(waited.get(i).get() != null ? waited.get(i).get()
                    : new Side("(waiting)", null, waiters.get(i).calls().ecsAndElb(), ""));
        }
        String marker = "(deployment " + app.deploymentId() + ") deployment " + (crash ? "failed" : "completed");
        if (System.getenv("BENCH_LOG") != null) {
            s.log.forEach(System.out::println);
        }
        List<ServiceEvent> events = s.service("magento", "app").events();
        if (System.getenv("BENCH_LOG") != null) {
            System.out.println("  the sandbox's service events (simulated s since the update):");
            List<ServiceEvent> oldestFirst = new ArrayList<>(events);
            java.util.Collections.reverse(oldestFirst);
            oldestFirst.stream().filter(e -> !e.createdAt().isBefore(updated.get())).forEach(e -> System.out.printf(
                    "  %7.1f %s%n", secs(updated.get(), e.createdAt()), e.message()));
        }
        Instant settled = events.stream().filter(e -> e.message().contains(marker)).map(ServiceEvent::createdAt)
                .findFirst().orElse(null);
        List<Task> stopped = stoppedTasks(s, app.taskDefinition());
        List<Row> rows = new ArrayList<>();
        rows.add(new Row("gate", ours, stoppedBy(stopped, ours.at())));
        for (int i = 0; i < waiters.size(); i++) {
            rows.add(new Row(waiters.get(i).name(), theirs.get(i), stoppedBy(stopped, theirs.get(i).at())));
        }
        return new Outcome(scenario, updated.get(), settled, settled == null ? "never " + (crash ? "FAILED" : "COMPLETED")
                : crash ? "FAILED" : "COMPLETED", rows, stoppedBy(stopped, settled), CallCounter.ecsAndElb(atVerdict.get()));
    }

    static Side waitUntilStable(DeployScenario s, Waiter w, double speed) {
        Duration delay = Duration.ofNanos((long) (w.delay().toNanos() / speed));
        String verdict;
        try (EcsWaiter waiter = EcsWaiter.builder().client(w.session().ecs()).overrideConfiguration(WaiterOverrideConfiguration
                .builder().backoffStrategy(FixedDelayBackoffStrategy.create(delay))
                .maxAttempts((int) WAITER_PATIENCE.dividedBy(w.delay())).build()).build()) {
            var response = waiter.waitUntilServicesStable(r -> r.cluster(CLUSTER).services(SERVICE));
            verdict = response.matched().response().isPresent() ? "stable" : "failed";
        } catch (RuntimeException e) {
            verdict = "error: " + io.magecloudkit.Messages.firstLine(e.getMessage());
        }
        return new Side(verdict, s.f.sandbox().clock().now(), w.calls().ecsAndElb(), w.calls().breakdown()
                + String.format(" (mean round trip %.0f ms real)", w.calls().meanRoundTripMillis()));
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
