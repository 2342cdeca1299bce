package io.magecloudkit.cli;

import io.magecloudkit.EventSink;
import io.magecloudkit.MckException;
import io.magecloudkit.aws.AwsSession;
import io.magecloudkit.config.ClusterConfig;
import io.magecloudkit.config.EnvironmentConfig;
import io.magecloudkit.config.MckConfig;
import io.magecloudkit.deploy.StackValues;
import io.magecloudkit.provision.EnvironmentOutputs;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Fills the deploy's stack values that no option gave from the environment's stack outputs in
 * CloudFormation (what `mck provision` created). Options win; a value no stack has stays null and
 * takes the deploy's naming-convention default, as before provision existed.
 */
public final class StackValuesReader {
    private StackValuesReader() {
    }

    static StackValues fill(StackValues given, AwsSession session, MckConfig config, String envName, EventSink events) {
        EnvironmentOutputs outputs;
        try {
            outputs = EnvironmentOutputs.read(session, config, envName);
        } catch (MckException e) {
            // The environment cannot be rendered (e.g. no certificateArn): it has no stacks to read.
            events.debug("stack outputs not read: " + e.getMessage());
            return given;
        }
        return fill(given, outputs, config.environment(envName));
    }

    /** Public for the container contract test, which renders task definitions from the stacks' outputs as deploy does. */
    public static StackValues fill(StackValues given, EnvironmentOutputs outputs, EnvironmentConfig env) {
        Map<String, StackValues.ServiceTarget> apps = new LinkedHashMap<>();
        given.apps().forEach((app, t) -> {
            String clusterName = env.clusterOf(app).map(ClusterConfig::name).orElse("app");
            apps.put(app, new StackValues.ServiceTarget(or(t.cluster(), outputs.clusterName(clusterName)), t.service(),
                    or(t.targetGroupArn(), outputs.targetGroupArn(app)), newService(t, outputs, clusterName, app)));
        });
        StackValues.Database db = given.database();
        return new StackValues(apps, or(given.taskRoleArn(), outputs.taskRoleArn()),
                or(given.executionRoleArn(), outputs.executionRoleArn()),
                or(given.efsFileSystemId(), outputs.mediaFileSystemId()),
                or(given.efsAccessPointId(), outputs.mediaAccessPointId()),
                given.logGroup(), given.domain(),
                new StackValues.Database(db.name(), or(db.secretArn(), outputs.databaseSecretArn()),
                        or(db.readerHost(), outputs.databaseReaderEndpoint())),
                or(given.cacheAuthSecretArn(), outputs.cacheAuthSecretArn()),
                or(given.efsVarAccessPointId(), outputs.varAccessPointId()),
                or(given.sessionAuthSecretArn(), outputs.sessionAuthSecretArn()),
                new StackValues.Endpoints(or(given.endpoints().cacheHost(), outputs.cacheEndpoint()),
                        or(given.endpoints().sessionHost(), outputs.sessionEndpoint()),
                        or(given.endpoints().searchHost(), outputs.searchEndpoint()),
                        or(given.endpoints().databaseHost(), outputs.databaseEndpoint())),
                or(given.searchSecretArn(), outputs.searchMasterUserSecretArn()));
    }

    /**
     * How the first deploy creates the app's service: only when the service was not named by an option and
     * cluster, target group, subnets and app security group all come from the stacks (a named service must exist).
     */
    private static StackValues.NewService newService(StackValues.ServiceTarget given, EnvironmentOutputs outputs, String cluster,
            String app) {
        if (given.service() != null || given.cluster() != null || given.targetGroupArn() != null
                || outputs.clusterName(cluster).isEmpty() || outputs.targetGroupArn(app).isEmpty()
                || outputs.privateSubnets().isEmpty() || outputs.appSecurityGroupId().isEmpty()) {
            return null;
        }
        return new StackValues.NewService(outputs.capacityProviderName(cluster).orElse(null), outputs.privateSubnets(),
                java.util.List.of(outputs.appSecurityGroupId().get()));
    }

    private static String or(String given, Optional<String> fromStacks) {
        return given != null ? given : fromStacks.orElse(null);
    }
}
