package io.magecloudkit.sandbox.ecs.sim;

import io.magecloudkit.sandbox.ecs.EcsIds;
import io.magecloudkit.sandbox.ecs.EcsState;
import io.magecloudkit.sandbox.ecs.EcsState.Container;
import io.magecloudkit.sandbox.ecs.EcsState.DesiredStatus;
import io.magecloudkit.sandbox.ecs.EcsState.HealthStatus;
import io.magecloudkit.sandbox.ecs.EcsState.Service;
import io.magecloudkit.sandbox.ecs.EcsState.TargetState;
import io.magecloudkit.sandbox.ecs.EcsState.Task;
import io.magecloudkit.sandbox.ecs.EcsState.TaskStatus;
import io.magecloudkit.sandbox.ecs.LaunchTimings;
import io.magecloudkit.sandbox.ecs.TaskDefinitionDocument;
import io.magecloudkit.sandbox.ecs.TaskDefinitionDocument.ContainerSpec;
import io.magecloudkit.sandbox.ecs.TaskFault;
import java.util.List;

/**
 * One task's way through PROVISIONING → PENDING → RUNNING → (DEACTIVATING →) STOPPING →
 * STOPPED, with container health checks and the faults configured for its image or family.
 */
public final class TaskLifecycle {
    private final EcsState state;
    private final EcsIds ids;
    private final TaskFault.Source faults;
    private final LoadBalancerTargets targets;
    private final Deployments deployments;
    private final OneOffRun oneOff;

    TaskLifecycle(EcsState state, EcsIds ids, TaskFault.Source faults, LoadBalancerTargets targets, Deployments deployments,
            OneOffRun oneOff) {
        this.state = state;
        this.ids = ids;
        this.faults = faults;
        this.targets = targets;
        this.deployments = deployments;
        this.oneOff = oneOff;
    }

    /** Who a new task belongs to: a service's deployment, or RunTask's caller (service and deployment null). */
    public record Origin(String group, String startedBy, String serviceName, String deploymentId, String launchType) {
    }

    /** Creates a task in PROVISIONING; the lifecycle and any configured fault play out on later steps. */
    public Task launch(String clusterArn, String taskDefinitionArn, Origin origin, long t) {
        EcsState.TaskDefinition td = state.taskDefinitions.get(taskDefinitionArn);
        Task task = new Task();
        task.id = ids.taskId();
        String clusterName = clusterArn.substring(clusterArn.indexOf('/') + 1);
        task.arn = ids.arn("task/" + clusterName + "/" + task.id);
        task.clusterArn = clusterArn;
        task.taskDefinitionArn = taskDefinitionArn;
        task.family = td.family;
        task.group = origin.group();
        task.startedBy = origin.startedBy();
        task.serviceName = origin.serviceName();
        task.deploymentId = origin.deploymentId();
        task.launchType = origin.launchType();
        task.createdAt = t;
        task.cpu = TaskDefinitionDocument.text(td.body, "cpu");
        task.memory = TaskDefinitionDocument.text(td.body, "memory");
        long n = ids.peek();
        task.privateIp = "10.0." + (n / 250 % 250) + "." + (n % 250 + 2);
        for (ContainerSpec spec : TaskDefinitionDocument.containers(td.body)) {
            Container c = new Container();
            c.name = spec.name();
            c.image = spec.image();
            c.essential = spec.essential();
            c.hasHealthCheck = spec.healthCheck() != null;
            task.containers.add(c);
        }
        state.tasks.put(task.arn, task);
        return task;
    }

    void advance(Task task, long t) {
        if (task.lastStatus == TaskStatus.STOPPED) {
            return;
        }
        if (!task.active()) {
            advanceStopping(task, t);
            return;
        }
        switch (task.lastStatus) {
            case PROVISIONING -> {
                if (t >= task.createdAt + faults.timings().provisioningMillis() + task.placementDelayMillis) {
                    task.lastStatus = TaskStatus.PENDING;
                    task.pullStartedAt = t;
                }
            }
            case PENDING -> {
                LaunchTimings timings = faults.timings();
                if (task.pullStoppedAt == null && t >= task.pullStartedAt + timings.pullMillis(images(task))) {
                    task.pullStoppedAt = t;
                }
                if (task.pullStoppedAt != null && t >= task.pullStoppedAt + timings.startMillis()) {
                    start(task, t);
                }
            }
            case RUNNING -> checkRunning(task, t);
            default -> { }
        }
    }

    private static List<String> images(Task task) {
        return task.containers.stream().map(c -> c.image).toList();
    }

    private void start(Task task, long t) {
        EcsState.TaskDefinition td = state.taskDefinitions.get(task.taskDefinitionArn);
        TaskFault fault = faults.forStartingTask(task.family, images(task), task.serviceName);
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
        String cannotStart = task.serviceName == null ? oneOff.cannotStart(td, task) : null;
        if (cannotStart != null) {
            task.containers.forEach(c -> c.reason = cannotStart);
            fail(task, t, cannotStart, "TaskFailedToStart", null);
            return;
        }
        task.lastStatus = TaskStatus.RUNNING;
        task.startedAt = t;
        task.version++;
        for (Container c : task.containers) {
            c.lastStatus = TaskStatus.RUNNING;
            c.runtimeId = task.id + "-" + c.name.hashCode();
        }
        // Docker's first health check runs one interval after start; failures count only after the start period.
        TaskDefinitionDocument.HealthCheck check = null;
        for (ContainerSpec spec : TaskDefinitionDocument.containers(td.body)) {
            if (spec.healthCheck() != null && spec.essential()) {
                check = spec.healthCheck();
            }
        }
        if (check != null) {
            long interval = check.intervalSeconds();
            if (fault.failHealthCheck()) {
                task.containerUnhealthyAt = t + (check.startPeriodSeconds() + interval * check.retries()) * 1000;
            } else {
                task.containerHealthyAt = t + interval * 1000L;
                if (fault.unhealthyAfterSeconds() != null) {
                    task.containerUnhealthyAt = t + (fault.unhealthyAfterSeconds() + interval * check.retries()) * 1000;
                }
            }
        }
        task.targetsFail = fault.failHealthCheck();
        if (fault.unhealthyAfterSeconds() != null) {
            task.targetsFailFrom = t + fault.unhealthyAfterSeconds() * 1000L;
        }
        targets.register(state.serviceOf(task), task, t);
        if (task.serviceName == null) {
            oneOff.start(task, td, t);
        }
    }

    private void checkRunning(Task task, long t) {
        if (task.serviceName == null && oneOff.advance(task, t)) {
            requestStop(task, t, "Essential container in task exited", "EssentialContainerExited", 0);
            return;
        }
        Service service = state.serviceOf(task);
        if (task.containerUnhealthyAt != null && t >= task.containerUnhealthyAt) {
            setContainerHealth(task, HealthStatus.UNHEALTHY);
            if (service != null) {
                ServiceEvents.add(service, t, "(task " + task.id + ") failed container health checks.");
            }
            fail(task, t, "Task failed container health checks", "TaskFailedToStart", 137);
            return;
        }
        if (task.containerHealthyAt != null && t >= task.containerHealthyAt && task.healthStatus != HealthStatus.HEALTHY) {
            setContainerHealth(task, HealthStatus.HEALTHY);
        }
        targets.check(task, t);
        int grace = service == null || service.healthCheckGracePeriodSeconds == null ? 0 : service.healthCheckGracePeriodSeconds;
        for (EcsState.Target target : task.targets) {
            if (target.state == TargetState.unhealthy && t >= task.startedAt + grace * 1000L) {
                if (service != null) {
                    ServiceEvents.add(service, t, "(task " + task.id + ") (port " + target.port + ") is unhealthy in (target-group "
                            + target.targetGroupArn + ") due to (reason " + target.description + ").");
                }
                fail(task, t, "Task failed ELB health checks in (target-group " + target.targetGroupArn + ")",
                        "TaskFailedToStart", 143);
                return;
            }
        }
    }

    private static void setContainerHealth(Task task, HealthStatus health) {
        for (Container c : task.containers) {
            if (c.hasHealthCheck) {
                c.healthStatus = health;
            }
        }
        task.healthStatus = health;
    }

    /** A task that failed: it stops, and counts against its deployment. */
    private void fail(Task task, long t, String reason, String stopCode, Integer exitCode) {
        requestStop(task, t, reason, stopCode, exitCode);
        Service service = state.serviceOf(task);
        if (service != null) {
            ServiceEvents.stopped(service, t, List.of(task));
            deployments.taskFailed(service, task.deploymentId, t);
            service.startFailuresInARow++;
            long delay = LaunchThrottle.delayMillis(service.startFailuresInARow);
            if (delay > 0) {
                service.launchNotBefore = t + delay;
                ServiceEvents.addUnlessRepeated(service, t, LaunchThrottle.EVENT);
            }
        }
    }

    /** Running, and passing every health check it has (container and load balancer). */
    static boolean healthy(Task task) {
        if (!task.active() || task.lastStatus != TaskStatus.RUNNING) {
            return false;
        }
        if (task.containers.stream().anyMatch(c -> c.hasHealthCheck && c.essential) && task.healthStatus != HealthStatus.HEALTHY) {
            return false;
        }
        return task.targets.stream().allMatch(target -> target.state == TargetState.healthy);
    }

    /** Asks a task to stop: its targets drain first, then its containers stop. */
    public void requestStop(Task task, long t, String reason, String stopCode, Integer exitCode) {
        if (!task.active()) {
            return;
        }
        task.desiredStatus = DesiredStatus.STOPPED;
        task.stoppedReason = reason;
        task.stopCode = stopCode;
        task.stoppingAt = t;
        task.version++;
        for (Container c : task.containers) {
            if (c.exitCode == null && c.lastStatus == TaskStatus.RUNNING) {
                c.exitCode = exitCode != null ? exitCode : 0;
            }
        }
        if (task.lastStatus != TaskStatus.RUNNING) {
            finishStop(task, t);
            return;
        }
        List<String> drained = targets.drain(task, t);
        Service service = state.serviceOf(task);
        if (service != null) {
            for (String tgArn : drained) {
                ServiceEvents.add(service, t, "deregistered 1 targets in (target-group " + tgArn + ")");
            }
        }
        task.lastStatus = task.targets.isEmpty() ? TaskStatus.STOPPING : TaskStatus.DEACTIVATING;
        task.stoppingSince = t;
    }

    private void advanceStopping(Task task, long t) {
        targets.removeDrained(task, t);
        if (task.lastStatus == TaskStatus.DEACTIVATING && task.targets.isEmpty()) {
            task.lastStatus = TaskStatus.STOPPING;
            task.stoppingSince = t;
        } else if (task.lastStatus == TaskStatus.STOPPING && t >= task.stoppingSince + faults.timings().stopMillis()) {
            finishStop(task, t);
        } else if (task.lastStatus != TaskStatus.DEACTIVATING && task.lastStatus != TaskStatus.STOPPING) {
            finishStop(task, t);
        }
    }

    private static void finishStop(Task task, long t) {
        task.lastStatus = TaskStatus.STOPPED;
        task.stoppedAt = t;
        task.executionStoppedAt = t;
        task.targets.clear();
        task.version++;
        for (Container c : task.containers) {
            c.lastStatus = TaskStatus.STOPPED;
        }
    }
}
