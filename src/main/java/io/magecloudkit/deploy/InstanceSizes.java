package io.magecloudkit.deploy;

import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Whether a task fits on one app server of a cluster's instance type. Pure. Sizes are derived from
 * the EC2 naming scheme (family letter → GiB per vCPU, size → vCPUs); ECS keeps some memory for
 * the OS and its agent, so only 90% counts. Unknown families are not judged.
 */
public final class InstanceSizes {
    private static final Pattern TYPE = Pattern.compile("([a-z]+)[0-9][a-z0-9-]*\\.([0-9]*)(nano|micro|small|medium|large|xlarge)");
    private static final Map<Character, Integer> GIB_PER_VCPU = Map.of('c', 2, 'm', 4, 'r', 8, 'x', 16, 'z', 8);
    private static final Map<String, int[]> BURSTABLE = Map.of("nano", new int[] {2, 512}, "micro", new int[] {2, 1024},
            "small", new int[] {2, 2048}, "medium", new int[] {2, 4096}, "large", new int[] {2, 8192},
            "xlarge", new int[] {4, 16384});

    private InstanceSizes() {
    }

    /** vCPU units (1024 each) and memory in MiB the type offers tasks, or empty when not known. */
    static Optional<int[]> capacity(String instanceType) {
        Matcher m = TYPE.matcher(instanceType);
        if (!m.matches()) {
            return Optional.empty();
        }
        String family = m.group(1);
        int multiplier = m.group(2).isEmpty() ? 1 : Integer.parseInt(m.group(2));
        String size = m.group(3);
        int vcpus;
        int mib;
        if (family.startsWith("t")) {
            int[] b = BURSTABLE.get(size);
            if (b == null || multiplier != 1 && !"xlarge".equals(size)) {
                return Optional.empty();
            }
            vcpus = b[0] * multiplier;
            mib = b[1] * multiplier;
        } else {
            Integer perVcpu = GIB_PER_VCPU.get(family.charAt(0));
            if (perVcpu == null) {
                return Optional.empty();
            }
            vcpus = switch (size) {
                case "medium" -> 1;
                case "large" -> 2;
                case "xlarge" -> 4 * multiplier;
                default -> 0;
            };
            if (vcpus == 0) {
                return Optional.empty();
            }
            mib = vcpus * perVcpu * 1024;
        }
        return Optional.of(new int[] {vcpus * 1024, mib * 9 / 10});
    }

    /** Why the task does not fit, or empty when it does (or the type is unknown). */
    public static Optional<String> problem(String instanceType, int cpu, int memory) {
        return capacity(instanceType).flatMap(c -> {
            if (cpu > c[0] || memory > c[1]) {
                return Optional.of("the task needs " + cpu + " CPU units and " + memory + " MiB, but a " + instanceType
                        + " offers tasks at most " + c[0] + " CPU units and about " + c[1] + " MiB");
            }
            return Optional.empty();
        });
    }
}
