package io.magecloudkit.deploy;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.magecloudkit.EventSink;
import io.magecloudkit.Messages;
import io.magecloudkit.aws.AwsSession;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;
import software.amazon.awssdk.services.ecs.model.DesiredStatus;
import software.amazon.awssdk.services.ecs.model.Service;
import software.amazon.awssdk.services.ssm.model.ParameterNotFoundException;
import software.amazon.awssdk.services.ssm.model.ParameterType;

/**
 * Pauses an app's cron and consumer services while {@code setup:upgrade} runs (a running cron
 * holds table locks that make the upgrade fail with lock-wait timeouts) and resumes them after.
 * Before any service is scaled to 0, the counts to restore are written to an SSM parameter; resume
 * restores them and deletes it, so a run killed in between leaves a record the next deploy restores
 * from ({@link #restoreLeftover}, after any upgrade of the killed run that ECS still runs), never a
 * cron silently left at 0.
 */
final class CronPause {
    static final Duration STOP_TIMEOUT = Duration.ofMinutes(10);
    private static final Duration POLL = Duration.ofSeconds(5);
    private static final ObjectMapper JSON = new ObjectMapper();

    /** One service: the count it had (and gets back), and how many of its tasks had to stop. */
    record PausedService(String service, int desiredCount, int tasksStopped) {
    }

    /**
     * What happened, for the JSON result.
     *
     * @param outcome {@code resumed}, {@code restored} (left paused by an earlier run), or {@code resume failed: ...}
     * @param waitedSeconds how long the pause waited for the tasks to stop
     */
    record Report(String outcome, List<PausedService> services, String pausedAt, String resumedAt, double waitedSeconds) {
        Report {
            services = List.copyOf(services);
        }
    }

    /** The durable record: what to restore, who paused, when. */
    record Record(Map<String, Integer> services, String at, String by) {
    }

    private final AwsSession aws;
    private final String cluster;
    private final List<String> services;
    private final String parameter;
    private final GateClock clock;
    private final BooleanSupplier cancelled;
    private final EventSink events;
    private final String prefix;
    private final String actor;
    private final List<PausedService> paused = new ArrayList<>();
    private Instant pausedAt;
    private double waitedSeconds;
    private Report report;

    /**
     * @param services  the worker services of the app (cron, consumers); those that do not exist are skipped
     * @param parameter the SSM parameter that holds the counts to restore while paused
     */
    CronPause(AwsSession aws, String cluster, List<String> services, String parameter, GateClock clock, BooleanSupplier cancelled,
            EventSink events, String prefix, String actor) {
        this.aws = aws;
        this.cluster = cluster;
        this.services = List.copyOf(services);
        this.parameter = parameter;
        this.clock = clock;
        this.cancelled = cancelled;
        this.events = events;
        this.prefix = prefix;
        this.actor = actor;
    }

    /** The last pause or restore; null when nothing was paused. */
    Report report() {
        return report;
    }

    /**
     * Restores what an earlier run, killed while its workers were paused, left at 0.
     *
     * @return the report, or null when there was nothing to restore
     */
    Report restoreLeftover() {
        Record left = read();
        if (left == null) {
            return null;
        }
        events.warn(prefix + "an earlier deploy (" + left.by() + ", " + left.at() + ") left " + String.join(", ",
                left.services().keySet()) + " paused: restoring");
        left.services().forEach((service, count) -> paused.add(new PausedService(service, count, 0)));
        pausedAt = Instant.parse(left.at());
        report = restore("restored");
        return report;
    }

    /**
     * Records the counts, scales every worker service to 0 and waits until their tasks stopped.
     *
     * @return null when paused; otherwise why not (the caller resumes on every path)
     */
    String pause() {
        Map<String, Service> existing = describe();
        if (existing.isEmpty()) {
            return null;
        }
        pausedAt = clock.now();
        Record earlier = read();
        Map<String, Integer> counts = new LinkedHashMap<>();
        existing.values().forEach(s -> counts.put(s.serviceName(), earlier != null && earlier.services().containsKey(s.serviceName())
                ? earlier.services().get(s.serviceName()) : s.desiredCount()));
        write(new Record(counts, pausedAt.toString(), actor));
        counts.forEach((service, count) -> {
            scale(service, 0);
            paused.add(new PausedService(service, count, 0));
        });
        events.info(prefix + "paused " + describe(paused) + " for setup:upgrade: waiting until their tasks stopped");
        Map<String, Integer> stopped = new LinkedHashMap<>();
        Instant deadline = clock.now().plus(STOP_TIMEOUT);
        while (true) {
            Map<String, Integer> active = new LinkedHashMap<>();
            for (String service : counts.keySet()) {
                int n = activeTasks(service, stopped);
                if (n > 0) {
                    active.put(service, n);
                }
            }
            if (active.isEmpty()) {
                break;
            }
            if (cancelled.getAsBoolean() || clock.now().isAfter(deadline)) {
                String why = cancelled.getAsBoolean() ? "cancelled" : "still running after " + STOP_TIMEOUT.toMinutes() + " min";
                waitedSeconds = seconds();
                return "cron could not be paused: tasks of " + String.join(", ", active.keySet()) + " " + why;
            }
            try {
                clock.sleep(POLL);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return "cron could not be paused: interrupted";
            }
        }
        waitedSeconds = seconds();
        paused.replaceAll(p -> new PausedService(p.service(), p.desiredCount(), stopped.getOrDefault(p.service(), 0)));
        events.info(prefix + "cron paused: every task of " + String.join(", ", counts.keySet()) + " stopped after "
                + Math.round(waitedSeconds) + "s");
        return null;
    }

    /**
     * Puts every paused service back to its recorded count; runs on every path of the release phase
     * after its first step. When this run paused nothing, restores what a killed run left paused.
     */
    void resume() {
        if (paused.isEmpty()) {
            restoreLeftover();
            return;
        }
        report = restore("resumed");
    }

    private Report restore(String outcome) {
        List<String> failed = new ArrayList<>();
        for (PausedService p : paused) {
            try {
                scale(p.service(), p.desiredCount());
            } catch (RuntimeException e) {
                failed.add(p.service() + " (" + Messages.firstLine(e.getMessage()) + ")");
            }
        }
        String resumedAt = clock.now().toString();
        List<PausedService> done = List.copyOf(paused);
        paused.clear();
        if (!failed.isEmpty()) {
            // The record stays: the next deploy restores from it.
            String why = "resume failed: " + String.join(", ", failed);
            events.warn(prefix + "cron " + why + "; the next mck deploy restores it from " + parameter);
            return new Report(why, done, pausedAt == null ? null : pausedAt.toString(), resumedAt, waitedSeconds);
        }
        try {
            aws.call("delete " + parameter, () -> aws.ssm().deleteParameter(r -> r.name(parameter)));
        } catch (ParameterNotFoundException e) {
            // already gone: nothing to forget
        }
        events.info(prefix + "cron " + outcome + ": " + describe(done));
        return new Report(outcome, done, pausedAt == null ? null : pausedAt.toString(), resumedAt, waitedSeconds);
    }

    private Map<String, Service> describe() {
        Map<String, Service> out = new LinkedHashMap<>();
        if (services.isEmpty()) {
            return out;
        }
        aws.call("describe services " + String.join(", ", services), () -> aws.ecs().describeServices(r -> r.cluster(cluster)
                .services(services))).services().stream().filter(s -> "ACTIVE".equals(s.status()))
                .forEach(s -> out.put(s.serviceName(), s));
        return out;
    }

    private void scale(String service, int count) {
        aws.call("scale " + service + " to " + count, () -> aws.ecs().updateService(r -> r.cluster(cluster).service(service)
                .desiredCount(count)));
    }

    /** Tasks of the service not yet STOPPED (a stopping task may still be inside cron:run); remembers how many stopped. */
    private int activeTasks(String service, Map<String, Integer> stopped) {
        List<String> arns = new ArrayList<>();
        for (DesiredStatus status : List.of(DesiredStatus.RUNNING, DesiredStatus.STOPPED)) {
            arns.addAll(aws.call("list tasks of " + service, () -> aws.ecs().listTasksPaginator(r -> r.cluster(cluster)
                    .serviceName(service).desiredStatus(status)).taskArns().stream().toList()));
        }
        if (arns.isEmpty()) {
            return 0;
        }
        int active = 0;
        int gone = 0;
        for (int i = 0; i < arns.size(); i += 100) {
            List<String> batch = arns.subList(i, Math.min(arns.size(), i + 100));
            for (var t : aws.call("describe tasks of " + service, () -> aws.ecs().describeTasks(r -> r.cluster(cluster).tasks(batch)))
                    .tasks()) {
                if ("STOPPED".equals(t.lastStatus())) {
                    if (t.stoppedAt() != null && pausedAt != null && !t.stoppedAt().isBefore(pausedAt)) {
                        gone++;
                    }
                } else {
                    active++;
                }
            }
        }
        stopped.put(service, gone);
        return active;
    }

    private Record read() {
        try {
            String value = aws.call("read " + parameter, () -> aws.ssm().getParameter(r -> r.name(parameter))).parameter().value();
            return JSON.readValue(value, Record.class);
        } catch (ParameterNotFoundException e) {
            return null;
        } catch (JsonProcessingException e) {
            events.warn(prefix + parameter + " is not a record mck wrote: ignored");
            return null;
        }
    }

    private void write(Record record) {
        String value;
        try {
            value = JSON.writeValueAsString(record);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
        aws.call("write " + parameter, () -> aws.ssm().putParameter(r -> r.name(parameter).type(ParameterType.STRING)
                .overwrite(true).value(value)));
    }

    private double seconds() {
        return Duration.between(pausedAt, clock.now()).toMillis() / 1000.0;
    }

    private static String describe(List<PausedService> services) {
        List<String> parts = new ArrayList<>();
        services.forEach(p -> parts.add(p.service() + " (desired " + p.desiredCount() + ")"));
        return String.join(", ", parts);
    }
}
