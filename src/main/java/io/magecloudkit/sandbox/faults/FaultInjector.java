package io.magecloudkit.sandbox.faults;

import io.magecloudkit.sandbox.ecs.CommandRule;
import io.magecloudkit.sandbox.ecs.LaunchTimings;
import io.magecloudkit.sandbox.ecs.TaskFault;
import io.magecloudkit.sandbox.elbv2.sim.ImageAnswer;
import java.util.List;
import java.util.Random;

/**
 * Decides, per request, whether a fault strikes. The random source is seeded (from the
 * configuration, else 0) so a test that sets a rate gets the same sequence every run.
 */
public final class FaultInjector implements TaskFault.Source, CommandRule.Source, ImageAnswer.Source {
    /** What to do to one request: delay it, then drop it or answer with an error, or let it through. */
    public enum Kind { NONE, THROTTLE, ERROR, UNAVAILABLE, DROP }

    public record Decision(Kind kind, long latencyMs) {
    }

    private volatile FaultConfig config = FaultConfig.NONE;
    private Random random = new Random(0);

    public synchronized void configure(FaultConfig config) {
        this.config = config;
        this.random = new Random(config.seed() == null ? 0 : config.seed());
    }

    public FaultConfig config() {
        return config;
    }

    public synchronized Decision decide(String service, String operation) {
        long latency = 0;
        for (FaultConfig.RequestFault f : config.requests()) {
            if (!f.matches(service, operation)) {
                continue;
            }
            latency = Math.max(latency, f.latencyMs());
            if (hit(f.dropRate())) {
                return new Decision(Kind.DROP, latency);
            }
            if (hit(f.throttleRate())) {
                return new Decision(Kind.THROTTLE, latency);
            }
            if (hit(f.errorRate())) {
                return new Decision(Kind.ERROR, latency);
            }
            if (hit(f.unavailableRate())) {
                return new Decision(Kind.UNAVAILABLE, latency);
            }
        }
        return new Decision(Kind.NONE, latency);
    }

    private boolean hit(double rate) {
        return rate > 0 && random.nextDouble() < rate;
    }

    @Override
    public LaunchTimings timings() {
        return config.launch() == null ? LaunchTimings.DEFAULT : config.launch();
    }

    @Override
    public TaskFault forStartingTask(String family, List<String> images, String service) {
        for (FaultConfig.TaskFaultRule rule : config.tasks()) {
            boolean imageOk = rule.image() == null || images.contains(rule.image());
            boolean familyOk = rule.family() == null || rule.family().equals(family);
            boolean serviceOk = rule.service() == null || rule.service().equals(service);
            if (imageOk && familyOk && serviceOk) {
                return new TaskFault(rule.crashOnStart(), rule.exitCode() == null ? 1 : rule.exitCode(), rule.failHealthCheck(),
                        rule.unhealthyAfterSeconds());
            }
        }
        return TaskFault.NONE;
    }

    @Override
    public List<CommandRule> commandRules() {
        return config.commands();
    }

    @Override
    public ImageAnswer forTask(String family, List<String> images, String path) {
        for (AnswerRule rule : config.answers()) {
            if (rule.matches(family, images, path)) {
                return new ImageAnswer(rule.status() == null ? 200 : rule.status(), rule.body());
            }
        }
        return null;
    }
}
