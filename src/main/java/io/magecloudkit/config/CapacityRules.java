package io.magecloudkit.config;

import java.util.Optional;

/** Whether an app's task fits on one app server of its cluster: ECS never places a task across two. Pure. */
final class CapacityRules {
    private CapacityRules() {
    }

    /**
     * @return why a task of {@code app} can never start on {@code instanceType}, or empty when it can
     *         (or when the type is not in {@link InstanceTypes}' table)
     */
    static Optional<String> taskProblem(String instanceType, AppConfig app) {
        return problem(instanceType, "app '" + app.name() + "'", app.cpu(), app.memory());
    }

    /** The same for the app's cron task (when on) and its consumer services' tasks, which run on the same cluster. */
    static java.util.List<String> workerProblems(String instanceType, AppConfig app) {
        java.util.List<String> out = new java.util.ArrayList<>();
        if (!"magento".equals(app.kind())) {
            return out;
        }
        if (app.cron().enabled()) {
            problem(instanceType, "the cron runner of app '" + app.name() + "' (cron.cpu / cron.memory)", app.cron().cpu(),
                    app.cron().memory()).ifPresent(out::add);
        }
        app.consumers().services().values().forEach(c -> problem(instanceType, "consumer " + c.consumer() + " of app '"
                + app.name() + "' (consumers.services)", c.cpu(), c.memory()).ifPresent(out::add));
        return out;
    }

    private static Optional<String> problem(String instanceType, String what, int taskCpu, int taskMemory) {
        Optional<InstanceTypes.Capacity> known = InstanceTypes.of(instanceType);
        if (known.isEmpty()) {
            return Optional.empty();
        }
        InstanceTypes.Capacity c = known.get();
        boolean cpu = taskCpu > c.cpuUnits();
        boolean memory = taskMemory > c.taskMemoryMib();
        if (!cpu && !memory) {
            return Optional.empty();
        }
        String needs = (cpu ? "cpu " + taskCpu + " (" + c.cpuUnits() + " available)" : "")
                + (cpu && memory ? " and " : "")
                + (memory ? "memory " + taskMemory + " MiB (" + c.taskMemoryMib() + " MiB available after "
                        + InstanceTypes.ECS_RESERVED_MEMORY_MIB + " MiB reserved for ECS and the system)" : "");
        String bigger = InstanceTypes.smallestFitting(instanceType, taskCpu, taskMemory)
                .map(f -> ": use " + f.type() + " or larger, or make the task smaller")
                .orElse(": make the task smaller or choose a larger instance type");
        return Optional.of(instanceType + " cannot run a task of " + what + ", which needs " + needs + bigger);
    }
}
