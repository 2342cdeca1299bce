package io.magecloudkit.provision;

import io.magecloudkit.EventSink;
import io.magecloudkit.cfnspec.CfnSpec;
import io.magecloudkit.sandbox.SandboxFixture;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Not a test (surefire runs *Test only): run by bench/provision.sh. Provisions the example's
 * staging environment into a sandbox whose clock runs SPEED times faster than real time, then runs
 * again with nothing changed, and prints wall times and API calls.
 */
public final class ProvisionBenchmark {
    private ProvisionBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        try (SandboxFixture sandbox = ProvisionSandboxTest.seededSandbox(new ProvisionSandboxTest.Counting())) {
            ProvisionSandboxTest.sandbox = sandbox;
            ProvisionRequest request = new ProvisionRequest(ProvisionSandboxTest.EXAMPLE, "staging", sandbox.session(), CfnSpec.bundled(),
                    false, Set.of(), "bench", Duration.ZERO, ProvisionSandboxTest.FAST);
            int stacks = ProvisionSandboxTest.STACKS;
            ProvisionSandboxTest.CALLS.clear();
            long t0 = System.nanoTime();
            ProvisionResult created = new Provisioner().provision(request, EventSink.NONE);
            double create = (System.nanoTime() - t0) / 1e9;
            Map<String, Integer> createCalls = calls();
            ProvisionSandboxTest.CALLS.clear();
            long t1 = System.nanoTime();
            ProvisionResult same = new Provisioner().provision(request, EventSink.NONE);
            double noop = (System.nanoTime() - t1) / 1e9;
            Map<String, Integer> noopCalls = calls();
            int total = noopCalls.values().stream().mapToInt(Integer::intValue).sum();
            System.out.printf("full create: %d stacks, %s, %.2f s wall (sandbox clock x2000), %d API calls: %s%n",
                    stacks, created.succeeded() ? "succeeded" : "FAILED", create,
                    createCalls.values().stream().mapToInt(Integer::intValue).sum(), createCalls);
            System.out.printf("no-op run:   %d stacks, %s, %.3f s wall, %d API calls (%.2f per stack; DescribeStacks %d): %s%n",
                    stacks, same.succeeded() ? "succeeded" : "FAILED", noop, total, total / (double) stacks,
                    noopCalls.getOrDefault("DescribeStacks", 0), noopCalls);
            ProvisionSandboxTest.forgiveReviewEvents(sandbox);
        }
    }

    private static Map<String, Integer> calls() {
        Map<String, Integer> out = new TreeMap<>();
        ProvisionSandboxTest.CALLS.forEach((k, v) -> out.put(k, v.get()));
        return out;
    }
}
