package io.magecloudkit.sandbox.cloudformation;

import java.time.Duration;
import java.util.Map;

/**
 * How long CloudFormation takes over each resource action, in simulated time, so that a stack
 * with a database or a search domain takes minutes as on AWS and the sandbox's --speed matters.
 * Figures are typical AWS times (docs/sandbox.md lists them); types not named take seconds.
 */
final class ResourceDurations {
    private record Times(Duration create, Duration update, Duration delete) {
    }

    private static final Times DEFAULT = times(5, 5, 3);

    private static final Map<String, Times> SLOW = Map.of(
            "AWS::RDS::DBCluster", times(6 * 60, 2 * 60, 5 * 60),
            "AWS::RDS::DBInstance", times(8 * 60, 4 * 60, 6 * 60),
            "AWS::OpenSearchService::Domain", times(15 * 60, 10 * 60, 10 * 60),
            "AWS::ElastiCache::ReplicationGroup", times(8 * 60, 5 * 60, 5 * 60),
            "AWS::EC2::NatGateway", times(2 * 60, 5, 60),
            // Waits for the service to reach a steady state.
            "AWS::ECS::Service", times(60, 30, 30));

    private ResourceDurations() {
    }

    static long create(String type) {
        return SLOW.getOrDefault(type, DEFAULT).create().toMillis();
    }

    static long update(String type) {
        return SLOW.getOrDefault(type, DEFAULT).update().toMillis();
    }

    static long delete(String type) {
        return SLOW.getOrDefault(type, DEFAULT).delete().toMillis();
    }

    private static Times times(int createSeconds, int updateSeconds, int deleteSeconds) {
        return new Times(Duration.ofSeconds(createSeconds), Duration.ofSeconds(updateSeconds), Duration.ofSeconds(deleteSeconds));
    }
}
