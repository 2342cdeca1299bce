package io.magecloudkit.sandbox.ecs;

import com.fasterxml.jackson.databind.JsonNode;
import io.magecloudkit.sandbox.Simulation;
import io.magecloudkit.sandbox.ecs.EcsState.Container;
import io.magecloudkit.sandbox.ecs.EcsState.Deployment;
import io.magecloudkit.sandbox.ecs.EcsState.Service;
import io.magecloudkit.sandbox.ecs.EcsState.ServiceEvent;
import io.magecloudkit.sandbox.ecs.EcsState.Target;
import io.magecloudkit.sandbox.ecs.EcsState.Task;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;

/**
 * The ECS service scheduler on the sandbox clock: task lifecycles, container and
 * load-balancer health, rolling updates within minimumHealthyPercent / maximumPercent, the
 * deployment circuit breaker, and the service events AWS writes along the way. Time moves
 * in one-second steps so that a large clock advance plays out exactly like a slow one.
 *
 * @see <a href="https://docs.aws.amazon.com/AmazonECS/latest/developerguide/deployment-type-ecs.html">Rolling update</a>
 * @see <a href="https://docs.aws.amazon.com/AmazonECS/latest/developerguide/deployment-circuit-breaker.html">Deployment circuit breaker</a>
 */
public final class EcsSimulation implements Simulation {
    static final long STEP_MILLIS = 1000;
    static final long PROVISIONING_MILLIS = 1000;
    static final long START_MILLIS = 3000;
    static final long STOP_MILLIS = 2000;
    /** Stopped tasks stay visible to DescribeTasks for about an hour, as on AWS. */
    static final long STOPPED_RETENTION_MILLIS = 3_600_000;
    static final int MAX_EVENTS = 100;

    private final EcsState state;
    private final String region;
    private final String accountId;
    private final TaskFault.Source faults;
    private final TargetGroupSettings.Directory targetGroups;
    private long lastTick = Long.MIN_VALUE;

    public EcsSimulation(EcsState state, String region, String accountId, TaskFault.Source faults,
            TargetGroupSettings.Directory targetGroups) {
        this.state = state;
        this.region = region;
        this.accountId = accountId;
        this.faults = faults;
        this.targetGroups = targetGroups;
    }

    public EcsState state() {
        return state;
    }

    @Override
    public void tick(Instant now) {
        long t = now.toEpochMilli();
        if (lastTick == Long.MIN_VALUE || t - lastTick > 86_400_000L) {
            // First tick, or a jump of more than a day: nothing sensible to replay step by step.
            lastTick = t - STEP_MILLIS;
        }
        while (lastTick + STEP_MILLIS <= t) {
            lastTick += STEP_MILLIS;
            step(lastTick);
        }
    }

    void step(long t) {
        for (Task task : List.copyOf(state.tasks.values())) {
            advanceTask(task, t);
        }
        for (var cluster : state.clusters.values()) {
            for (Service service : cluster.services.values()) {
                schedule(service, t);
            }
        }
        state.tasks.values().removeIf(task -> "STOPPED".equals(task.lastStatus) && task.stoppedAt != null
                && t - task.stoppedAt > STOPPED_RETENTION_MILLIS);
    }

    // ---- identities ----------------------------------------------------------------------------

    String arn(String resource) {
        return "arn:aws:ecs:" + region + ":" + accountId + ":" + resource;
    }

    long next() {
        return state.sequence++;
    }

    String newDeploymentId() {
        return "ecs-svc/" + String.format("%019d", 1_000_000_000_000_000_000L % 9_000_000_000_000_000_000L + next() * 7919L);
    }

    String newTaskId() {
        UUID u = new UUID(0x5a4d_0000_0000_0000L | next(), UUID.randomUUID().getLeastSignificantBits());
        return u.toString().replace("-", "");
    }

    // ---- deployments ---------------------------------------------------------------------------

    /** Starts a new PRIMARY deployment of the service's current task definition; the old primary becomes ACTIVE. */
    public Deployment startDeployment(Service service, long t, String reason) {
        for (Deployment d : service.deployments) {
            if ("PRIMARY".equals(d.status)) {
                d.status = "ACTIVE";
                d.updatedAt = t;
            }
        }
        Deployment d = new Deployment();
        d.id = newDeploymentId();
        d.status = "PRIMARY";
        d.taskDefinition = service.taskDefinition;
        d.desiredCount = service.desiredCount;
        d.createdAt = t;
        d.updatedAt = t;
        d.launchType = service.launchType;
        d.rolloutState = "IN_PROGRESS";
        d.rolloutStateReason = reason != null ? reason : "ECS deployment " + d.id + " in progress.";
        service.deployments.add(0, d);
        service.steady = false;
        return d;
    }

    static Deployment primary(Service service) {
        for (Deployment d : service.deployments) {
            if ("PRIMARY".equals(d.status)) {
                return d;
            }
        }
        return null;
    }

    public List<Task> tasksOf(Service service) {
        List<Task> out = new ArrayList<>();
        for (Task task : state.tasks.values()) {
            if (service.name.equals(task.serviceName) && service.clusterArn.equals(task.clusterArn)) {
                out.add(task);
            }
        }
        return out;
    }

    /** The AWS failure threshold: half the desired count, at least 3 and at most 200. */
    public static int circuitBreakerThreshold(int desiredCount) {
        return Math.min(200, Math.max(3, (int) Math.ceil(0.5 * desiredCount)));
    }

    public void event(Service service, long t, String message) {
        ServiceEvent e = new ServiceEvent();
        e.id = UUID.randomUUID().toString();
        e.createdAt = t;
        e.message = "(service " + service.name + ") " + message;
        service.events.add(0, e);
        while (service.events.size() > MAX_EVENTS) {
            service.events.remove(service.events.size() - 1);
        }
    }

    // ---- the scheduler -------------------------------------------------------------------------

    void schedule(Service service, long t) {
        List<Task> tasks = tasksOf(service);
        if (!"ACTIVE".equals(service.status)) {
            List<Task> stopping = new ArrayList<>();
            for (Task task : tasks) {
                if (task.active()) {
                    requestStop(task, t, "Service " + service.name + " deleted", "ServiceSchedulerInitiated", null);
                    stopping.add(task);
                }
            }
            reportStopped(service, t, stopping);
            if ("DRAINING".equals(service.status) && tasks.stream().allMatch(task -> "STOPPED".equals(task.lastStatus))) {
                service.status = "INACTIVE";
                service.deployments.clear();
            }
            return;
        }
        Deployment primary = primary(service);
        if (primary == null) {
            return;
        }
        int desired = service.desiredCount;
        primary.desiredCount = desired;
        int minHealthy = (int) Math.ceil(desired * service.minimumHealthyPercent / 100.0);
        int maxTotal = (int) Math.floor(desired * service.maximumPercent / 100.0);

        List<Task> active = tasks.stream().filter(Task::active).toList();
        List<Task> primaryActive = active.stream().filter(task -> primary.id.equals(task.deploymentId)).toList();
        int healthyCount = (int) active.stream().filter(this::healthy).count();

        // Stop phase: old tasks (and surplus new ones) go first when unhealthy, and healthy ones only
        // while the service keeps at least minimumHealthyPercent of its desired count healthy.
        List<Task> candidates = new ArrayList<>();
        active.stream().filter(task -> !primary.id.equals(task.deploymentId)).forEach(candidates::add);
        if (primaryActive.size() > desired) {
            List<Task> surplus = new ArrayList<>(primaryActive);
            surplus.sort(Comparator.comparing((Task task) -> healthy(task)).thenComparing(task -> -task.createdAt));
            candidates.addAll(surplus.subList(0, primaryActive.size() - desired));
        }
        candidates.sort(Comparator.comparing(this::healthy));
        List<Task> stopped = new ArrayList<>();
        for (Task task : candidates) {
            boolean isHealthy = healthy(task);
            if (!isHealthy || healthyCount - 1 >= minHealthy) {
                requestStop(task, t, "Scaling activity initiated by (deployment " + primary.id + ")",
                        "ServiceSchedulerInitiated", null);
                stopped.add(task);
                if (isHealthy) {
                    healthyCount--;
                }
            }
        }
        reportStopped(service, t, stopped);

        // Launch phase: up to the desired count of the primary deployment, never above maximumPercent.
        int activeCount = (int) tasks.stream().filter(Task::active).count();
        int primaryCount = (int) tasks.stream().filter(task -> task.active() && primary.id.equals(task.deploymentId)).count();
        boolean launching = !"FAILED".equals(primary.rolloutState);
        int launch = launching ? Math.min(desired - primaryCount, maxTotal - activeCount) : 0;
        if (launch > 0) {
            List<Task> started = new ArrayList<>();
            for (int i = 0; i < launch; i++) {
                started.add(launchTask(service.clusterArn, primary.taskDefinition, "service:" + service.name, primary.id,
                        service.name, primary.id, primary.launchType, t));
            }
            StringBuilder msg = new StringBuilder("has started " + started.size() + " tasks:");
            for (Task task : started) {
                msg.append(" (task ").append(task.id).append(")");
            }
            event(service, t, msg.append(".").toString());
            service.steady = false;
        }

        // Old deployments leave the list once their last task is gone; a failed one stays until the
        // rollback that replaced it completes, so that callers can see why their deployment ended.
        boolean rollingBack = !"COMPLETED".equals(primary.rolloutState);
        service.deployments.removeIf(d -> !"PRIMARY".equals(d.status)
                && !(rollingBack && "FAILED".equals(d.rolloutState))
                && tasks.stream().noneMatch(task -> d.id.equals(task.deploymentId) && !"STOPPED".equals(task.lastStatus)));

        List<Task> primaryNow = tasksOf(service).stream().filter(task -> task.active() && primary.id.equals(task.deploymentId)).toList();
        boolean allHealthy = primaryNow.size() == desired && primaryNow.stream().allMatch(this::healthy);
        boolean alone = service.deployments.stream().allMatch(d -> d == primary || "FAILED".equals(d.rolloutState)
                && tasks.stream().noneMatch(task -> d.id.equals(task.deploymentId) && !"STOPPED".equals(task.lastStatus)));
        if ("IN_PROGRESS".equals(primary.rolloutState) && alone && allHealthy) {
            primary.rolloutState = "COMPLETED";
            primary.rolloutStateReason = "ECS deployment " + primary.id + " completed.";
            primary.updatedAt = t;
            service.lastCompletedTaskDefinition = primary.taskDefinition;
            service.lastCompletedDeploymentId = primary.id;
            event(service, t, "(deployment " + primary.id + ") deployment completed.");
            service.deployments.removeIf(d -> d != primary);
        }
        if (alone && allHealthy && !service.steady) {
            service.steady = true;
            event(service, t, "has reached a steady state.");
        }
    }

    private void reportStopped(Service service, long t, List<Task> stopped) {
        if (stopped.isEmpty()) {
            return;
        }
        StringBuilder msg = new StringBuilder("has stopped " + stopped.size() + " running tasks:");
        for (Task task : stopped) {
            msg.append(" (task ").append(task.id).append(")");
        }
        event(service, t, msg.append(".").toString());
        service.steady = false;
    }

    /** Running, and passing every health check it has (container and load balancer). */
    public boolean healthy(Task task) {
        if (!task.active() || !"RUNNING".equals(task.lastStatus)) {
            return false;
        }
        if (task.containers.stream().anyMatch(c -> c.hasHealthCheck && c.essential) && !"HEALTHY".equals(task.healthStatus)) {
            return false;
        }
        return task.targets.stream().allMatch(target -> "healthy".equals(target.state));
    }

    // ---- tasks ---------------------------------------------------------------------------------

    /** Creates a task in PROVISIONING; the lifecycle and any configured fault play out on later steps. */
    public Task launchTask(String clusterArn, String taskDefinitionArn, String group, String startedBy, String serviceName,
            String deploymentId, String launchType, long t) {
        EcsState.TaskDefinition td = state.taskDefinitions.get(taskDefinitionArn);
        Task task = new Task();
        task.id = newTaskId();
        String clusterName = clusterArn.substring(clusterArn.indexOf('/') + 1);
        task.arn = arn("task/" + clusterName + "/" + task.id);
        task.clusterArn = clusterArn;
        task.taskDefinitionArn = taskDefinitionArn;
        task.family = td.family;
        task.group = group;
        task.startedBy = startedBy;
        task.serviceName = serviceName;
        task.deploymentId = deploymentId;
        task.launchType = launchType;
        task.createdAt = t;
        task.cpu = text(td.body, "cpu");
        task.memory = text(td.body, "memory");
        long n = state.sequence;
        task.privateIp = "10.0." + (n / 250 % 250) + "." + (n % 250 + 2);
        List<String> images = new ArrayList<>();
        for (JsonNode def : td.body.path("containerDefinitions")) {
            Container c = new Container();
            c.name = def.path("name").asText();
            c.image = def.path("image").asText();
            c.essential = !def.has("essential") || def.path("essential").asBoolean(true);
            c.hasHealthCheck = def.has("healthCheck");
            images.add(c.image);
            task.containers.add(c);
        }
        state.tasks.put(task.arn, task);
        return task;
    }

    void advanceTask(Task task, long t) {
        if ("STOPPED".equals(task.lastStatus)) {
            return;
        }
        if (!task.active()) {
            advanceStopping(task, t);
            return;
        }
        switch (task.lastStatus) {
            case "PROVISIONING" -> {
                if (t >= task.createdAt + PROVISIONING_MILLIS) {
                    task.lastStatus = "PENDING";
                    task.pullStartedAt = t;
                }
            }
            case "PENDING" -> {
                if (t >= task.createdAt + START_MILLIS) {
                    start(task, t);
                }
            }
            case "RUNNING" -> checkRunning(task, t);
            default -> { }
        }
    }

    private void start(Task task, long t) {
        task.pullStoppedAt = t;
        EcsState.TaskDefinition td = state.taskDefinitions.get(task.taskDefinitionArn);
        List<String> images = task.containers.stream().map(c -> c.image).toList();
        TaskFault fault = faults.forTask(task.family, images);
        if (fault.crashOnStart()) {
            // The essential container exits as it starts: the task never reaches RUNNING, which is
            // what the circuit breaker counts as a task that failed to start.
            for (Container c : task.containers) {
                c.runtimeId = task.id + "-" + c.name.hashCode();
                c.exitCode = c.essential ? fault.exitCode() : 0;
            }
            fail(task, t, "Essential container in task exited", "EssentialContainerExited", null);
            return;
        }
        task.lastStatus = "RUNNING";
        task.startedAt = t;
        task.version++;
        for (Container c : task.containers) {
            c.lastStatus = "RUNNING";
            c.runtimeId = task.id + "-" + c.name.hashCode();
        }
        // Docker's first health check runs one interval after start; failures count only after the start period.
        JsonNode check = null;
        for (JsonNode def : td.body.path("containerDefinitions")) {
            if (def.has("healthCheck") && (!def.has("essential") || def.path("essential").asBoolean(true))) {
                check = def.path("healthCheck");
            }
        }
        if (check != null) {
            int interval = check.path("interval").asInt(30);
            int retries = check.path("retries").asInt(3);
            int startPeriod = check.path("startPeriod").asInt(0);
            if (fault.failHealthCheck()) {
                task.containerUnhealthyAt = t + (startPeriod + (long) interval * retries) * 1000;
            } else {
                task.containerHealthyAt = t + interval * 1000L;
                if (fault.unhealthyAfterSeconds() != null) {
                    task.containerUnhealthyAt = t + (fault.unhealthyAfterSeconds() + (long) interval * retries) * 1000;
                }
            }
        }
        task.targetsFail = fault.failHealthCheck();
        if (fault.unhealthyAfterSeconds() != null) {
            task.targetsFailFrom = t + fault.unhealthyAfterSeconds() * 1000L;
        }
        Service service = serviceOf(task);
        if (service != null && service.loadBalancers != null) {
            List<String> registeredIn = new ArrayList<>();
            for (JsonNode lb : service.loadBalancers) {
                String tgArn = lb.path("targetGroupArn").asText(null);
                if (tgArn == null) {
                    continue;
                }
                TargetGroupSettings tg = settings(tgArn);
                Target target = new Target();
                target.targetGroupArn = tgArn;
                boolean ip = "ip".equals(tg.targetType());
                target.id = ip ? task.privateIp : "i-0" + task.id.substring(0, 16);
                target.port = ip ? lb.path("containerPort").asInt(80) : 32768 + (int) (next() % 28000);
                target.registeredAt = t;
                target.healthyAt = t + (long) tg.intervalSeconds() * tg.healthyThreshold() * 1000;
                task.targets.add(target);
                if (!registeredIn.contains(tgArn)) {
                    registeredIn.add(tgArn);
                }
            }
            for (String tgArn : registeredIn) {
                event(service, t, "registered 1 targets in (target-group " + tgArn + ")");
            }
        }
    }

    private void checkRunning(Task task, long t) {
        if (task.containerUnhealthyAt != null && t >= task.containerUnhealthyAt) {
            setContainerHealth(task, "UNHEALTHY");
            Service service = serviceOf(task);
            if (service != null) {
                event(service, t, "(task " + task.id + ") failed container health checks.");
            }
            fail(task, t, "Task failed container health checks", "TaskFailedToStart", 137);
            return;
        }
        if (task.containerHealthyAt != null && t >= task.containerHealthyAt && !"HEALTHY".equals(task.healthStatus)) {
            setContainerHealth(task, "HEALTHY");
        }
        for (Target target : task.targets) {
            TargetGroupSettings tg = settings(target.targetGroupArn);
            boolean failing = task.targetsFail || task.targetsFailFrom != null && t >= task.targetsFailFrom;
            if (failing && !"unhealthy".equals(target.state)) {
                if (target.unhealthyAt == null) {
                    long from = Math.max(target.registeredAt, task.targetsFailFrom == null ? target.registeredAt : task.targetsFailFrom);
                    target.unhealthyAt = from + (long) tg.intervalSeconds() * tg.unhealthyThreshold() * 1000;
                }
                if (t >= target.unhealthyAt) {
                    target.state = "unhealthy";
                    target.reason = "Target.ResponseCodeMismatch";
                    target.description = "Health checks failed with these codes: [502]";
                }
            } else if (!failing && "initial".equals(target.state) && t >= target.healthyAt) {
                target.state = "healthy";
                target.reason = null;
                target.description = null;
            }
        }
        Service service = serviceOf(task);
        int grace = service == null || service.healthCheckGracePeriodSeconds == null ? 0 : service.healthCheckGracePeriodSeconds;
        for (Target target : task.targets) {
            if ("unhealthy".equals(target.state) && t >= task.startedAt + grace * 1000L) {
                if (service != null) {
                    event(service, t, "(task " + task.id + ") (port " + target.port + ") is unhealthy in (target-group "
                            + target.targetGroupArn + ") due to (reason " + target.description + ").");
                }
                fail(task, t, "Task failed ELB health checks in (target-group " + target.targetGroupArn + ")",
                        "TaskFailedToStart", 143);
                return;
            }
        }
    }

    private static void setContainerHealth(Task task, String health) {
        for (Container c : task.containers) {
            if (c.hasHealthCheck) {
                c.healthStatus = health;
            }
        }
        task.healthStatus = health;
    }

    /** A task that failed: it stops, counts against its deployment, and may trip the circuit breaker. */
    private void fail(Task task, long t, String reason, String stopCode, Integer exitCode) {
        requestStop(task, t, reason, stopCode, exitCode);
        Service service = serviceOf(task);
        if (service == null) {
            return;
        }
        reportStopped(service, t, List.of(task));
        Deployment primary = primary(service);
        if (primary == null || !primary.id.equals(task.deploymentId)) {
            return;
        }
        primary.failedTasks++;
        primary.updatedAt = t;
        if (service.circuitBreakerEnable && "IN_PROGRESS".equals(primary.rolloutState)
                && primary.failedTasks >= circuitBreakerThreshold(service.desiredCount)) {
            tripCircuitBreaker(service, primary, t);
        }
    }

    private void tripCircuitBreaker(Service service, Deployment failed, long t) {
        failed.rolloutState = "FAILED";
        failed.rolloutStateReason = "ECS deployment circuit breaker: tasks failed to start.";
        failed.updatedAt = t;
        event(service, t, "(deployment " + failed.id + ") deployment failed: tasks failed to start.");
        if (service.circuitBreakerRollback && service.lastCompletedTaskDefinition != null) {
            String target = service.lastCompletedDeploymentId;
            service.taskDefinition = service.lastCompletedTaskDefinition;
            startDeployment(service, t, "ECS deployment circuit breaker: rolling back to deploymentId " + target + ".");
            event(service, t, "rolling back to deployment " + target + ".");
        }
    }

    /** Asks a task to stop: its targets drain first, then its containers stop. */
    public void requestStop(Task task, long t, String reason, String stopCode, Integer exitCode) {
        if (!task.active()) {
            return;
        }
        task.desiredStatus = "STOPPED";
        task.stoppedReason = reason;
        task.stopCode = stopCode;
        task.stoppingAt = t;
        task.version++;
        for (Container c : task.containers) {
            if (c.exitCode == null && "RUNNING".equals(c.lastStatus)) {
                c.exitCode = exitCode != null ? exitCode : 0;
            }
        }
        if (!"RUNNING".equals(task.lastStatus)) {
            finishStop(task, t);
            return;
        }
        Service service = serviceOf(task);
        List<String> drained = new ArrayList<>();
        for (Target target : task.targets) {
            target.state = "draining";
            target.reason = "Target.DeregistrationInProgress";
            target.description = "Target deregistration is in progress";
            target.deregisteredAt = t;
            if (!drained.contains(target.targetGroupArn)) {
                drained.add(target.targetGroupArn);
            }
        }
        if (service != null) {
            for (String tgArn : drained) {
                event(service, t, "deregistered 1 targets in (target-group " + tgArn + ")");
            }
        }
        task.lastStatus = task.targets.isEmpty() ? "STOPPING" : "DEACTIVATING";
        task.stoppingSince = t;
    }

    private void advanceStopping(Task task, long t) {
        task.targets.removeIf(target -> target.deregisteredAt != null
                && t >= target.deregisteredAt + settings(target.targetGroupArn).deregistrationDelaySeconds() * 1000L);
        if ("DEACTIVATING".equals(task.lastStatus) && task.targets.isEmpty()) {
            task.lastStatus = "STOPPING";
            task.stoppingSince = t;
        } else if ("STOPPING".equals(task.lastStatus) && t >= task.stoppingSince + STOP_MILLIS) {
            finishStop(task, t);
        } else if (!"DEACTIVATING".equals(task.lastStatus) && !"STOPPING".equals(task.lastStatus)) {
            finishStop(task, t);
        }
    }

    private void finishStop(Task task, long t) {
        task.lastStatus = "STOPPED";
        task.stoppedAt = t;
        task.executionStoppedAt = t;
        task.targets.clear();
        task.version++;
        for (Container c : task.containers) {
            c.lastStatus = "STOPPED";
        }
    }

    private TargetGroupSettings settings(String tgArn) {
        TargetGroupSettings s = targetGroups.lookup(tgArn);
        return s != null ? s : TargetGroupSettings.DEFAULTS;
    }

    Service serviceOf(Task task) {
        if (task.serviceName == null) {
            return null;
        }
        for (var cluster : state.clusters.values()) {
            if (cluster.arn.equals(task.clusterArn)) {
                return cluster.services.get(task.serviceName);
            }
        }
        return null;
    }

    private static String text(JsonNode node, String field) {
        JsonNode v = node.get(field);
        return v == null || v.isNull() ? null : v.asText();
    }
}
