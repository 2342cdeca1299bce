package io.magecloudkit.sandbox.ecs.sim;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The EC2 instance types the templates use (c6i, m6i, t3, t4g) and the CPU units and memory an
 * ECS agent registers for them. CPU is 1024 units per vCPU. Memory is what the kernel reports
 * (the agent reads it with Docker's ReadMemInfo), which is less than the installed memory: the
 * ECS docs' m4.large example has 8 GiB installed and 7985 MiB available, so the kernel's share
 * is taken as 2.5% (rounded up, as the engine's config validation reckons it, so the two agree);
 * ECS_RESERVED_MEMORY (default 0) comes off that.
 *
 * @see <a href="https://docs.aws.amazon.com/AmazonECS/latest/developerguide/memory-management.html">Reserving container instance memory</a>
 */
public final class InstanceTypes {
    /** Installed memory the kernel keeps for itself, in thousandths. */
    static final int KERNEL_SHARE_PERMILLE = 25;

    public record InstanceType(String name, int vcpus, int installedMemoryMib) {
        public int cpuUnits() {
            return vcpus * 1024;
        }

        /** The memory the agent registers after reserving {@code reservedMemoryMib} (ECS_RESERVED_MEMORY). */
        public int registeredMemoryMib(int reservedMemoryMib) {
            int kernel = (installedMemoryMib * KERNEL_SHARE_PERMILLE + 999) / 1000;
            return installedMemoryMib - kernel - reservedMemoryMib;
        }
    }

    private static final Map<String, InstanceType> TYPES = new LinkedHashMap<>();

    static {
        String[] sizes = {"large", "xlarge", "2xlarge", "4xlarge", "8xlarge"};
        for (int i = 0; i < sizes.length; i++) {
            int vcpus = 2 << i;
            add("c6i." + sizes[i], vcpus, vcpus * 2 * 1024);
            add("m6i." + sizes[i], vcpus, vcpus * 4 * 1024);
        }
        for (String family : new String[] {"t3", "t4g"}) {
            add(family + ".nano", 2, 512);
            add(family + ".micro", 2, 1024);
            add(family + ".small", 2, 2048);
            add(family + ".medium", 2, 4096);
            add(family + ".large", 2, 8192);
            add(family + ".xlarge", 4, 16384);
            add(family + ".2xlarge", 8, 32768);
        }
    }

    private InstanceTypes() {
    }

    private static void add(String name, int vcpus, int memoryMib) {
        TYPES.put(name, new InstanceType(name, vcpus, memoryMib));
    }

    /** The type of that name, or null when the sandbox does not know it. */
    public static InstanceType get(String name) {
        return TYPES.get(name);
    }

    public static Map<String, InstanceType> all() {
        return Map.copyOf(TYPES);
    }
}
