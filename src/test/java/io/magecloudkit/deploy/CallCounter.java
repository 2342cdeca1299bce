package io.magecloudkit.deploy;

import java.util.Map;
import java.util.TreeMap;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttribute;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.core.interceptor.SdkExecutionAttribute;

/** Counts the HTTP requests (retries included) one SDK session sends, per service and operation. */
final class CallCounter implements ExecutionInterceptor {
    private static final ExecutionAttribute<Long> SENT = new ExecutionAttribute<>("benchSent");
    private final Map<String, Integer> calls = new TreeMap<>();
    private long roundTripNanos;
    private int roundTrips;

    @Override
    public void beforeTransmission(Context.BeforeTransmission context, ExecutionAttributes attributes) {
        String key = attributes.getAttribute(SdkExecutionAttribute.SERVICE_NAME) + " "
                + attributes.getAttribute(SdkExecutionAttribute.OPERATION_NAME);
        synchronized (calls) {
            calls.merge(key, 1, Integer::sum);
        }
        attributes.putAttribute(SENT, System.nanoTime());
    }

    @Override
    public void afterTransmission(Context.AfterTransmission context, ExecutionAttributes attributes) {
        long took = System.nanoTime() - attributes.getAttribute(SENT);
        synchronized (calls) {
            roundTripNanos += took;
            roundTrips++;
        }
    }

    /** Mean real milliseconds per HTTP round trip: the clock's speed multiplies it into simulated time. */
    double meanRoundTripMillis() {
        synchronized (calls) {
            return roundTrips == 0 ? 0 : roundTripNanos / 1e6 / roundTrips;
        }
    }

    /** ECS and ELB calls; the gate's other calls (SSM history, lease) are left out, the waiter makes none. */
    int ecsAndElb() {
        return ecsAndElb(snapshot());
    }

    /** The calls so far, per service and operation. */
    Map<String, Integer> snapshot() {
        synchronized (calls) {
            return new TreeMap<>(calls);
        }
    }

    static int ecsAndElb(Map<String, Integer> calls) {
        return calls.entrySet().stream().filter(e -> e.getKey().startsWith("Ecs ")
                || e.getKey().startsWith("ElasticLoadBalancing")).mapToInt(Map.Entry::getValue).sum();
    }

    /** The ECS and ELB calls made between two snapshots, per operation. */
    static Map<String, Integer> between(Map<String, Integer> from, Map<String, Integer> to) {
        Map<String, Integer> out = new TreeMap<>();
        to.forEach((k, v) -> {
            int n = v - from.getOrDefault(k, 0);
            if (n > 0 && (k.startsWith("Ecs ") || k.startsWith("ElasticLoadBalancing"))) {
                out.put(k, n);
            }
        });
        return out;
    }

    String breakdown() {
        synchronized (calls) {
            return calls.toString();
        }
    }
}
