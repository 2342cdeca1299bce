package io.magecloudkit.sandbox.ecs.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The instance-type table as the agent registers it, and the service throttle's growing delays. */
class InstanceTypesAndThrottleTest {

    @ParameterizedTest(name = "{0}: {1} CPU units, {2} MiB registered with {3} MiB reserved")
    @CsvSource({
            "c6i.large,   2048,  3993, 0",
            "c6i.xlarge,  4096,  7987, 0",
            "m6i.large,   2048,  7987, 0",
            "m6i.2xlarge, 8192, 31948, 0",
            "t3.micro,    2048,   998, 0",
            "t3.medium,   2048,  3737, 256",
            "t4g.small,   2048,  1996, 0",
            "c6i.8xlarge, 32768, 63897, 0",
    })
    void registeredResources(String type, int cpu, int memory, int reserved) {
        InstanceTypes.InstanceType t = InstanceTypes.get(type);
        assertEquals(cpu, t.cpuUnits());
        assertEquals(memory, t.registeredMemoryMib(reserved));
    }

    @ParameterizedTest(name = "{0} failures in a row: wait {1} ms")
    @CsvSource({"0, 0", "2, 0", "3, 10000", "4, 20000", "6, 80000", "10, 1280000", "11, 1620000", "40, 1620000"})
    void throttleDelay(int failures, long delay) {
        assertEquals(delay, LaunchThrottle.delayMillis(failures));
    }
}
