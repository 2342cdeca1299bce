package io.magecloudkit.sandbox.ecs;

import java.util.UUID;

/** ARNs and ids of the simulated ECS, numbered from the state's sequence so that a restored snapshot keeps counting. */
public final class EcsIds {
    private final EcsState state;
    private final String region;
    private final String accountId;

    public EcsIds(EcsState state, String region, String accountId) {
        this.state = state;
        this.region = region;
        this.accountId = accountId;
    }

    public String region() {
        return region;
    }

    public String arn(String resource) {
        return "arn:aws:ecs:" + region + ":" + accountId + ":" + resource;
    }

    public long next() {
        return state.sequence++;
    }

    /** The sequence number the next id will take, without taking it. */
    public long peek() {
        return state.sequence;
    }

    public String deploymentId() {
        return "ecs-svc/" + String.format("%019d", 1_000_000_000_000_000_000L % 9_000_000_000_000_000_000L + next() * 7919L);
    }

    public String taskId() {
        UUID u = new UUID(0x5a4d_0000_0000_0000L | next(), UUID.randomUUID().getLeastSignificantBits());
        return u.toString().replace("-", "");
    }

    /** The name at the end of an ARN ("arn:...:service/cluster/web" gives "web"); a plain name stays as it is. */
    public static String nameOf(String ref) {
        return ref.startsWith("arn:") ? ref.substring(ref.lastIndexOf('/') + 1) : ref;
    }
}
