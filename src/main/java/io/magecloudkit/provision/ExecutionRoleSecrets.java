package io.magecloudkit.provision;

import io.magecloudkit.aws.Partition;
import io.magecloudkit.config.AppConfig;
import io.magecloudkit.config.EnvironmentConfig;
import io.magecloudkit.config.MckConfig;
import io.magecloudkit.config.SecretRef;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * The exact secrets the task execution role may read: every secret the environment's apps and
 * the integrations name, as IAM resource ARNs. A name becomes an ARN in the environment's
 * region; the account is a wildcard because rendering happens offline (a role reads parameters
 * and secrets of its own account only, so this grants nothing more).
 */
record ExecutionRoleSecrets(List<String> ssmParameters, List<String> secrets) {

    static ExecutionRoleSecrets of(MckConfig config, EnvironmentConfig env) {
        TreeSet<String> ssm = new TreeSet<>();
        TreeSet<String> sm = new TreeSet<>();
        String partition = Partition.of(env.region());
        for (AppConfig app : env.apps().values()) {
            app.secrets().values().forEach(ref -> add(ref, partition, env.region(), ssm, sm));
        }
        for (Map<String, SecretRef> integration : config.integrations().all().values()) {
            integration.values().forEach(ref -> add(ref, partition, env.region(), ssm, sm));
        }
        return new ExecutionRoleSecrets(List.copyOf(ssm), List.copyOf(sm));
    }

    private static void add(SecretRef ref, String partition, String region, TreeSet<String> ssm, TreeSet<String> sm) {
        if (ref.store() == SecretRef.Store.SSM) {
            ssm.add(ref.isArn() ? ref.id() : "arn:" + partition + ":ssm:" + region + ":*:parameter" + ref.id());
        } else {
            // Secrets Manager appends six random characters to a secret's name in its ARN.
            sm.add(ref.isArn() ? ref.id() : "arn:" + partition + ":secretsmanager:" + region + ":*:secret:" + ref.id() + "-??????");
        }
    }
}
