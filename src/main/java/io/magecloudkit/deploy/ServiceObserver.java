package io.magecloudkit.deploy;

import io.magecloudkit.MckException;
import io.magecloudkit.aws.AwsSession;
import io.magecloudkit.deploy.Observation.ContainerExit;
import io.magecloudkit.deploy.Observation.DeploymentView;
import io.magecloudkit.deploy.Observation.StoppedTask;
import io.magecloudkit.deploy.Observation.TargetView;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import software.amazon.awssdk.services.ecs.model.Deployment;
import software.amazon.awssdk.services.ecs.model.DesiredStatus;
import software.amazon.awssdk.services.ecs.model.Service;
import software.amazon.awssdk.services.ecs.model.ServiceEvent;
import software.amazon.awssdk.services.ecs.model.Task;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.TargetHealthDescription;

/**
 * Reads a service's state for the gate: one DescribeServices, one ListTasks of stopped tasks (and a
 * DescribeTasks only for stopped tasks not yet seen stopped), one DescribeTargetHealth.
 */
final class ServiceObserver {
    private final AwsSession aws;
    private final String cluster;
    private final String service;
    private final String targetGroupArn;
    private final Set<String> seenEvents = new HashSet<>();
    private final Map<String, Seen> stopped = new LinkedHashMap<>();

    ServiceObserver(AwsSession aws, String cluster, String service, String targetGroupArn) {
        this.aws = aws;
        this.cluster = cluster;
        this.service = service;
        this.targetGroupArn = targetGroupArn;
        this.records = new DeploymentRecords(aws, cluster, service);
    }

    private final DeploymentRecords records;

    /**
     * One look; {@code newEvents} holds the service events not returned before, oldest first;
     * {@code note}, once, says the endpoint keeps no deployment records.
     */
    record Look(Observation observation, List<String> newEvents, Service service, String note) {
    }

    DeploymentRecords records() {
        return records;
    }

    /** Marks the events already there as seen, so the log shows only what this deploy causes. */
    void skipExistingEvents() {
        describe().events().forEach(e -> seenEvents.add(e.id()));
    }

    Service describe() {
        Service s = find();
        if (s == null) {
            throw new MckException(MckException.Kind.USAGE, "service " + service + " not found in cluster " + cluster);
        }
        return s;
    }

    /** The service, or null when it does not exist (or is INACTIVE, deleted). */
    Service find() {
        var answer = aws.call("describe service " + service, () -> aws.ecs().describeServices(r -> r.cluster(cluster).services(service)));
        if (answer.services().isEmpty() || "INACTIVE".equals(answer.services().get(0).status())) {
            return null;
        }
        return answer.services().get(0);
    }

    Look look(String deploymentId, String taskDefinition, Observation.SmokeView smoke, Instant now) {
        Service s = describe();
        List<DeploymentView> deployments = s.deployments().stream().map(ServiceObserver::view).toList();
        List<String> events = new ArrayList<>();
        List<ServiceEvent> all = new ArrayList<>(s.events());
        java.util.Collections.reverse(all);
        for (ServiceEvent e : all) {
            if (seenEvents.add(e.id())) {
                events.add(e.message());
            }
        }
        DeploymentView ours = deployments.stream().filter(d -> d.id().equals(deploymentId)).findFirst().orElse(null);
        Instant since = ours != null && ours.createdAt() != null ? ours.createdAt() : Instant.EPOCH;
        List<StoppedTask> stoppedNew = stoppedTasks(taskDefinition, since);
        TargetView targets = targetGroupArn == null ? null : targets();
        Observation.RecordView record = records.record(deploymentId, taskDefinition, ours == null ? null : ours.createdAt());
        return new Look(new Observation(now, deployments, stoppedNew, targets, smoke, record), events, s, records.takeNote());
    }

    /** Stopped tasks described once they are STOPPED (their exit codes are final then), whichever deployment ran them. */
    private record Seen(String taskDefinition, Instant createdAt, StoppedTask task) {
    }

    private List<StoppedTask> stoppedTasks(String taskDefinition, Instant since) {
        List<String> arns = aws.call("list stopped tasks of " + service, () -> aws.ecs().listTasks(r -> r.cluster(cluster)
                .serviceName(service).desiredStatus(DesiredStatus.STOPPED))).taskArns();
        List<String> unknown = arns.stream().filter(a -> !stopped.containsKey(a)).toList();
        for (int i = 0; i < unknown.size(); i += 100) {
            List<String> batch = unknown.subList(i, Math.min(unknown.size(), i + 100));
            for (Task t : aws.call("describe stopped tasks", () -> aws.ecs().describeTasks(r -> r.cluster(cluster).tasks(batch))).tasks()) {
                if ("STOPPED".equals(t.lastStatus())) {
                    stopped.put(t.taskArn(), new Seen(t.taskDefinitionArn(), t.createdAt(), stoppedTask(t)));
                }
            }
        }
        return stopped.values().stream().filter(s -> taskDefinition.equals(s.taskDefinition()) && s.createdAt() != null
                && !s.createdAt().isBefore(since)).map(Seen::task).toList();
    }

    private StoppedTask stoppedTask(Task t) {
        List<ContainerExit> exits = new ArrayList<>();
        for (var c : t.containers()) {
            exits.add(new ContainerExit(c.name(), essential(t.taskDefinitionArn(), c.name()), c.exitCode(), c.reason()));
        }
        String id = t.taskArn().substring(t.taskArn().lastIndexOf('/') + 1);
        return new StoppedTask(id, t.stopCodeAsString(), t.stoppedReason(), exits);
    }

    private final Map<String, Set<String>> nonEssential = new LinkedHashMap<>();

    private boolean essential(String taskDefinitionArn, String container) {
        Set<String> optional = nonEssential.computeIfAbsent(taskDefinitionArn, arn -> {
            Set<String> names = new HashSet<>();
            aws.call("describe task definition " + arn, () -> aws.ecs().describeTaskDefinition(r -> r.taskDefinition(arn)))
                    .taskDefinition().containerDefinitions().stream()
                    .filter(c -> Boolean.FALSE.equals(c.essential())).forEach(c -> names.add(c.name()));
            return names;
        });
        return !optional.contains(container);
    }

    private TargetView targets() {
        List<TargetHealthDescription> all = aws.call("describe target health", () -> aws.elbv2()
                .describeTargetHealth(r -> r.targetGroupArn(targetGroupArn))).targetHealthDescriptions();
        int healthy = 0;
        int initial = 0;
        int unhealthy = 0;
        int draining = 0;
        int other = 0;
        List<String> problems = new ArrayList<>();
        for (TargetHealthDescription t : all) {
            String state = t.targetHealth().stateAsString();
            switch (state) {
                case "healthy" -> healthy++;
                case "initial" -> initial++;
                case "draining" -> draining++;
                case "unhealthy" -> {
                    unhealthy++;
                    problems.add("target " + t.target().id() + ":" + t.target().port() + " unhealthy: "
                            + t.targetHealth().reasonAsString() + " " + t.targetHealth().description());
                }
                default -> other++;
            }
        }
        return new TargetView(healthy, initial, unhealthy, draining, other, problems);
    }

    private static DeploymentView view(Deployment d) {
        return new DeploymentView(d.id(), d.status(), d.taskDefinition(), d.rolloutStateAsString(), d.rolloutStateReason(),
                nz(d.desiredCount()), nz(d.runningCount()), nz(d.pendingCount()), nz(d.failedTasks()), d.createdAt());
    }

    private static int nz(Integer i) {
        return i == null ? 0 : i;
    }

    String cluster() {
        return cluster;
    }

    String service() {
        return service;
    }
}
