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
        Optional<InstanceTypes.Capacity> known = InstanceTypes.of(instanceType);
        if (known.isEmpty()) {
            return Optional.empty();
        }
        InstanceTypes.Capacity c = known.get();
        boolean cpu = app.cpu() > c.cpuUnits();
        boolean memory = app.memory() > c.taskMemoryMib();
        if (!cpu && !memory) {
            return Optional.empty();
        }
        String needs = (cpu ? "cpu " + app.cpu() + " (" + c.cpuUnits() + " available)" : "")
                + (cpu && memory ? " and " : "")
                + (memory ? "memory " + app.memory() + " MiB (" + c.taskMemoryMib() + " MiB available after "
                        + InstanceTypes.ECS_RESERVED_MEMORY_MIB + " MiB reserved for ECS and the system)" : "");
        String bigger = InstanceTypes.smallestFitting(instanceType, app.cpu(), app.memory())
                .map(f -> ": use " + f.type() + " or larger, or make the task smaller")
                .orElse(": make the task smaller or choose a larger instance type");
        return Optional.of(instanceType + " cannot run a task of app '" + app.name() + "', which needs " + needs + bigger);
    }
}
