package io.magecloudkit.deploy;

import io.magecloudkit.MckException;
import io.magecloudkit.aws.AwsSession;
import io.magecloudkit.deploy.Observation.ContainerExit;
import io.magecloudkit.deploy.Observation.DeploymentView;
import io.magecloudkit.deploy.Observation.StoppedTask;
import io.magecloudkit.deploy.Observation.TargetView;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
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
import software.amazon.awssdk.services.ecs.model.TaskDefinition;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.TargetHealthDescription;

/**
 * Reads a service's state for the gate. Every look makes one DescribeServices; it asks more only when
 * that answer says it must: the service's stopped tasks (ListTasks by service name, and
 * DescribeTasks of those not seen stopped before) when its counters say a task failed or left; target
 * health once only new tasks serve, and again only when the new tasks changed or the last answer was
 * not all healthy; ECS's deployment record only when the array no longer shows the deployment as
 * PRIMARY and going on.
 */
final class ServiceObserver {
    /** A full look at least this often, for changes DescribeServices does not show. */
    static final Duration REFRESH = Duration.ofSeconds(60);

    private final AwsSession aws;
    private final String cluster;
    private final String service;
    private final String targetGroupArn;
    private final DeploymentRecords records;
    private final Set<String> seenEvents = new HashSet<>();
    private final Map<String, Seen> stopped = new LinkedHashMap<>();
    /** Tasks ECS is stopping (desired STOPPED, not yet STOPPED): described again on every look until they are. */
    private final Map<String, Seen> stopping = new LinkedHashMap<>();
    private final Map<String, TaskDefinition> taskDefinitions = new LinkedHashMap<>();
    private final RolloutTimerReader timerReader;
    /** Each watched deployment's creation time, kept for finding its record once it left the array. */
    private final Map<String, Instant> createdAt = new LinkedHashMap<>();
    private TargetRead lastTargets;
    /** The task definition of the deployment being watched: only its stopping tasks are followed. */
    private String watched = "";
    private Memory memory;

    ServiceObserver(AwsSession aws, String cluster, String service, String targetGroupArn) {
        this.aws = aws;
        this.cluster = cluster;
        this.service = service;
        this.targetGroupArn = targetGroupArn;
        this.records = new DeploymentRecords(aws, cluster, service);
        this.timerReader = new RolloutTimerReader(aws, cluster, service, targetGroupArn);
    }

    /**
     * One look; {@code newEvents} holds the service events not returned before, oldest first, and
     * {@code newestEventAt} the time of the newest of them (null when none); {@code changed} says whether
     * DescribeServices showed anything new; {@code note}, once, says the endpoint keeps no deployment records.
     */
    record Look(Observation observation, List<String> newEvents, Instant newestEventAt, boolean changed, Service service,
            String note) {
    }

    /** What the previous full look found, to answer unchanged looks from. */
    private record Memory(String deploymentId, String state, String statuses, Observation observation, Instant at) {
    }

    /** Target health as last read, with the watched deployment's counts then. */
    private record TargetRead(TargetView view, String counts, Instant at) {
    }

    DeploymentRecords records() {
        return records;
    }

    /**
     * Marks the events already there as seen, so the log shows only what this deploy causes, and learns
     * from them how the service's last rollouts went ({@link RolloutHistory}).
     */
    void skipExistingEvents() {
        List<ServiceEvent> events = new ArrayList<>(describe().events());
        events.forEach(e -> seenEvents.add(e.id()));
        Collections.reverse(events);
        timerReader.learn(RolloutHistory.read(events.stream().filter(e -> e.createdAt() != null && e.message() != null)
                .map(e -> new RolloutHistory.Event(e.createdAt(), e.message())).toList()));
    }

    /** The task definition this deploy registered (or reused): what the gate needs of it, without a call. */
    void know(TaskDefinition taskDefinition) {
        if (taskDefinition != null && taskDefinition.taskDefinitionArn() != null) {
            taskDefinitions.put(taskDefinition.taskDefinitionArn(), taskDefinition);
        }
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
        if (!taskDefinition.equals(watched)) {
            watched = taskDefinition;
            stopping.clear();
            lastTargets = null;
        }
        Service s = describe();
        List<DeploymentView> deployments = s.deployments().stream().map(ServiceObserver::view).toList();
        List<String> events = new ArrayList<>();
        Instant newestEventAt = null;
        List<ServiceEvent> all = new ArrayList<>(s.events());
        Collections.reverse(all);
        for (ServiceEvent e : all) {
            if (seenEvents.add(e.id())) {
                events.add(e.message());
                if (e.createdAt() != null && (newestEventAt == null || e.createdAt().isAfter(newestEventAt))) {
                    newestEventAt = e.createdAt();
                }
            }
        }
        DeploymentView ours = deployments.stream().filter(d -> d.id().equals(deploymentId)).findFirst().orElse(null);
        if (ours != null && ours.createdAt() != null) {
            createdAt.put(deploymentId, ours.createdAt());
        }
        String state = state(deployments) + "|" + (s.events().isEmpty() ? "" : s.events().get(0).id());
        String statuses = statuses(deployments);
        Memory before = memory != null && memory.deploymentId().equals(deploymentId) ? memory : null;
        boolean changed = before == null || !before.state().equals(state);
        if (!changed && Duration.between(before.at(), now).compareTo(REFRESH) < 0) {
            List<StoppedTask> stoppedNew = before.observation().stoppedNewTasks();
            if (!stopping.isEmpty()) {
                describeStopped(List.copyOf(stopping.keySet()));
                stoppedNew = stoppedNew(taskDefinition, since(deploymentId, deployments));
            }
            Observation same = new Observation(now, deployments, stoppedNew, targets(ours, deployments, now), smoke,
                    before.observation().record());
            return new Look(same, events, newestEventAt, false, s, records.takeNote());
        }
        DeploymentView oursBefore = before == null ? null : before.observation().deployment(deploymentId);
        Instant since = since(deploymentId, deployments);
        if (before == null ? mayHaveStopped(ours) : taskLeft(oursBefore, ours)) {
            listStopped();
        } else if (!stopping.isEmpty()) {
            describeStopped(List.copyOf(stopping.keySet()));
        }
        List<StoppedTask> stoppedNew = stoppedNew(taskDefinition, since);
        TargetView targets = targets(ours, deployments, now);
        Observation.RecordView record = record(deploymentId, taskDefinition, ours, before, statuses);
        Observation o = new Observation(now, deployments, stoppedNew, targets, smoke, record);
        memory = new Memory(deploymentId, state, statuses, o, now);
        return new Look(o, events, newestEventAt, true, s, records.takeNote());
    }

    /**
     * ECS's record of the watched deployment, read only when the array no longer settles it (the deployment
     * gone, no longer PRIMARY, or FAILED: the record says why, and whether ECS rolled it back), then again
     * whenever a deployment's status changes.
     */
    private Observation.RecordView record(String deploymentId, String taskDefinition, DeploymentView ours, Memory before,
            String statuses) {
        Observation.RecordView known = before == null ? null : before.observation().record();
        boolean unsettled = ours == null || !"PRIMARY".equals(ours.status()) || "FAILED".equals(ours.rolloutState());
        if (!unsettled && known == null) {
            return null;
        }
        if (known != null && before.statuses().equals(statuses)) {
            return known;
        }
        return records.record(deploymentId, taskDefinition, createdAt.get(deploymentId));
    }

    /** ECS's record of a deployment this observer watched (for a rollback through it); null when there is none. */
    String recordArn(String deploymentId, String taskDefinition) {
        if (records.recordArn() == null && records.supported()) {
            records.record(deploymentId, taskDefinition, createdAt.get(deploymentId));
        }
        return records.recordArn();
    }

    /**
     * Target health, read once only new tasks serve (before that it decides nothing: the smoke check and the
     * pass wait for the old tasks to leave), then again only when it can have changed: the new tasks' counts
     * moved, the last answer was not all healthy, or it is older than {@link #REFRESH}.
     */
    private TargetView targets(DeploymentView ours, List<DeploymentView> deployments, Instant now) {
        if (targetGroupArn == null) {
            return null;
        }
        TargetView last = lastTargets == null ? null : lastTargets.view();
        boolean onlyNew = ours != null && ours.running() > 0 && deployments.stream()
                .filter(d -> !d.id().equals(ours.id())).allMatch(d -> d.running() + d.pending() == 0);
        if (!onlyNew) {
            return last;
        }
        String counts = ours.running() + "/" + ours.pending() + "/" + ours.failedTasks();
        boolean current = lastTargets != null && lastTargets.counts().equals(counts) && settled(last, ours)
                && Duration.between(lastTargets.at(), now).compareTo(REFRESH) < 0;
        if (current) {
            return last;
        }
        TargetView read = targets();
        lastTargets = new TargetRead(read, counts, now);
        return read;
    }

    private static boolean settled(TargetView t, DeploymentView ours) {
        return t.healthy() >= ours.running() && t.initial() + t.unhealthy() + t.other() == 0;
    }

    /** At a first look: whether the watched deployment's counters say a task of it failed or left. */
    private static boolean mayHaveStopped(DeploymentView ours) {
        return ours == null || ours.failedTasks() > 0 || ours.running() + ours.pending() < ours.desired();
    }

    /** Whether a task of the watched deployment stopped between two looks. */
    private static boolean taskLeft(DeploymentView before, DeploymentView now) {
        if (before == null || now == null) {
            return true;
        }
        return now.failedTasks() != before.failedTasks() || now.running() + now.pending() < before.running() + before.pending();
    }

    private static String state(List<DeploymentView> deployments) {
        StringBuilder b = new StringBuilder();
        for (DeploymentView d : deployments) {
            b.append(d.id()).append(' ').append(d.status()).append(' ').append(d.taskDefinition()).append(' ')
                    .append(d.rolloutState()).append(' ').append(d.desired()).append('/').append(d.running()).append('/')
                    .append(d.pending()).append('/').append(d.failedTasks()).append(';');
        }
        return b.toString();
    }

    private static String statuses(List<DeploymentView> deployments) {
        StringBuilder b = new StringBuilder();
        deployments.forEach(d -> b.append(d.id()).append(' ').append(d.status()).append(' ').append(d.rolloutState()).append(';'));
        return b.toString();
    }

    /** The rollout's timers, each read once when the schedule first needs it ({@link RolloutTimerReader}). */
    RolloutTimers timers(String taskDefinition, PollSchedule.Need need) {
        return timerReader.timers(taskDefinition(taskDefinition), need);
    }

    /** What the timers are when they cannot be read: the ones learned so far, the rest as nothing known. */
    RolloutTimers unreadable() {
        return timerReader.unreadable();
    }

    /** A stopped (or stopping) task as described, whichever deployment ran it. */
    private record Seen(String taskDefinition, Instant createdAt, Task task) {
    }

    /**
     * Lists the service's stopped and stopping tasks and describes those not yet seen STOPPED (in one call up
     * to 100; {@link #stoppedNew} keeps the watched deployment's). Not by startedBy (a service task's is its
     * deployment's id): ListTasks documents startedBy as a filter that must be used alone, and alone it lists
     * only RUNNING tasks.
     */
    private void listStopped() {
        List<String> arns = aws.call("list stopped tasks of " + service, () -> aws.ecs().listTasks(r -> r.cluster(cluster)
                .serviceName(service).desiredStatus(DesiredStatus.STOPPED))).taskArns();
        describeStopped(arns.stream().filter(a -> !stopped.containsKey(a)).toList());
    }

    /**
     * A task counts from the moment ECS stops it (its stop code and reason are set then, as ECS's own failed
     * count does); it is described again until it is STOPPED, when its exit codes are final.
     */
    private void describeStopped(List<String> arns) {
        for (int i = 0; i < arns.size(); i += 100) {
            List<String> batch = arns.subList(i, Math.min(arns.size(), i + 100));
            for (Task t : aws.call("describe stopped tasks", () -> aws.ecs().describeTasks(r -> r.cluster(cluster).tasks(batch))).tasks()) {
                Seen seen = new Seen(t.taskDefinitionArn(), t.createdAt(), t);
                if ("STOPPED".equals(t.lastStatus())) {
                    stopped.put(t.taskArn(), seen);
                    stopping.remove(t.taskArn());
                } else if (watched.equals(t.taskDefinitionArn())) {
                    stopping.put(t.taskArn(), seen);
                }
            }
        }
    }

    private List<StoppedTask> stoppedNew(String taskDefinition, Instant since) {
        List<Seen> all = new ArrayList<>(stopped.values());
        all.addAll(stopping.values());
        return all.stream().filter(s -> taskDefinition.equals(s.taskDefinition()) && s.createdAt() != null
                && !s.createdAt().isBefore(since)).map(s -> stoppedTask(s.task())).toList();
    }

    private static Instant since(String deploymentId, List<DeploymentView> deployments) {
        return deployments.stream().filter(d -> d.id().equals(deploymentId) && d.createdAt() != null).map(DeploymentView::createdAt)
                .findFirst().orElse(Instant.EPOCH);
    }

    private StoppedTask stoppedTask(Task t) {
        List<ContainerExit> exits = new ArrayList<>();
        for (var c : t.containers()) {
            exits.add(new ContainerExit(c.name(), essential(t.taskDefinitionArn(), c.name()), c.exitCode(), c.reason()));
        }
        String id = t.taskArn().substring(t.taskArn().lastIndexOf('/') + 1);
        return new StoppedTask(id, t.stopCodeAsString(), t.stoppedReason(), exits);
    }

    /** A task definition, described once (or known from its registration). */
    TaskDefinition taskDefinition(String arn) {
        return taskDefinitions.computeIfAbsent(arn, a -> aws.call("describe task definition " + a, () -> aws.ecs()
                .describeTaskDefinition(r -> r.taskDefinition(a))).taskDefinition());
    }

    private boolean essential(String taskDefinitionArn, String container) {
        return taskDefinition(taskDefinitionArn).containerDefinitions().stream().filter(c -> c.name().equals(container))
                .noneMatch(c -> Boolean.FALSE.equals(c.essential()));
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
