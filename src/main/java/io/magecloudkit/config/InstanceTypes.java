package io.magecloudkit.config;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The EC2 instance types app servers commonly run on (the c6i, m6i, t3 and t4g families), and
 * how much of each a task can have. ECS offers a task 1024 CPU units per vCPU, and the memory
 * the agent registers: the installed memory less what the kernel and platform take (about
 * 2.5 %: the ECS guide's m4.large registers 7985 of 8192 MiB) less {@link #ECS_RESERVED_MEMORY_MIB}
 * kept for the agent and system processes. Types not in the table are not judged. Pure data.
 */
final class InstanceTypes {
    /** Set as ECS_RESERVED_MEMORY on the app servers so the OS is never starved by tasks. */
    static final int ECS_RESERVED_MEMORY_MIB = 256;

    /** What one instance offers to tasks. */
    record Capacity(String type, int vcpu, int installedMib) {
        int cpuUnits() {
            return vcpu * 1024;
        }

        int taskMemoryMib() {
            int kernel = (int) Math.ceil(installedMib * 0.025);
            return installedMib - kernel - ECS_RESERVED_MEMORY_MIB;
        }
    }

    private static final Map<String, Capacity> TABLE = table();

    private InstanceTypes() {
    }

    private static Map<String, Capacity> table() {
        Map<String, Capacity> t = new LinkedHashMap<>();
        // size → {vCPU, GiB} for the compute- (c6i, 2 GiB/vCPU) and general-purpose (m6i, 4 GiB/vCPU) families.
        String[] sizes = {"large", "xlarge", "2xlarge", "4xlarge", "8xlarge", "12xlarge", "16xlarge", "24xlarge", "32xlarge"};
        int[] vcpus = {2, 4, 8, 16, 32, 48, 64, 96, 128};
        for (int i = 0; i < sizes.length; i++) {
            add(t, "c6i." + sizes[i], vcpus[i], vcpus[i] * 2 * 1024);
            add(t, "m6i." + sizes[i], vcpus[i], vcpus[i] * 4 * 1024);
        }
        // Burstable: same shape for t3 (Intel) and t4g (Graviton).
        String[] burstable = {"nano", "micro", "small", "medium", "large", "xlarge", "2xlarge"};
        int[] burstVcpu = {2, 2, 2, 2, 2, 4, 8};
        int[] burstMib = {512, 1024, 2048, 4096, 8192, 16384, 32768};
        for (String family : new String[] {"t3", "t4g"}) {
            for (int i = 0; i < burstable.length; i++) {
                add(t, family + "." + burstable[i], burstVcpu[i], burstMib[i]);
            }
        }
        return Map.copyOf(t);
    }

    private static void add(Map<String, Capacity> t, String type, int vcpu, int mib) {
        t.put(type, new Capacity(type, vcpu, mib));
    }

    static Optional<Capacity> of(String type) {
        return Optional.ofNullable(TABLE.get(type));
    }

    /** The smallest type of the same family that holds the task, for the error message. */
    static Optional<Capacity> smallestFitting(String type, int cpu, int memoryMib) {
        String family = type.substring(0, type.indexOf('.') + 1);
        return TABLE.values().stream()
                .filter(c -> c.type().startsWith(family) && c.cpuUnits() >= cpu && c.taskMemoryMib() >= memoryMib)
                .min(java.util.Comparator.comparingInt(Capacity::installedMib).thenComparingInt(Capacity::vcpu));
    }
}
