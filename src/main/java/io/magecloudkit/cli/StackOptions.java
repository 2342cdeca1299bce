package io.magecloudkit.cli;

import io.magecloudkit.MckException;
import io.magecloudkit.deploy.StackValues;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import picocli.CommandLine.Option;

/**
 * The environment's stack values as options: each per-app option takes {@code APP=VALUE}, or a bare
 * VALUE for every app of the run. What no option gives, deploy and rollback read from the
 * environment's stack outputs ({@link StackValuesReader}).
 */
public final class StackOptions {
    @Option(names = "--cluster", paramLabel = "[APP=]CLUSTER",
            description = "ECS cluster of an app (default: <project>-<env>-<cluster name>); repeatable.")
    List<String> clusters = new ArrayList<>();

    @Option(names = "--service", paramLabel = "[APP=]SERVICE",
            description = "ECS service of an app (default: <project>-<env>-<app>); repeatable.")
    List<String> services = new ArrayList<>();

    @Option(names = "--target-group-arn", paramLabel = "[APP=]ARN",
            description = "Load balancer target group of an app; its target health is part of the gate; repeatable.")
    List<String> targetGroups = new ArrayList<>();

    @Option(names = "--task-role-arn", paramLabel = "ARN", description = "Task role (default: role/<project>-<env>-task).")
    String taskRoleArn;

    @Option(names = "--execution-role-arn", paramLabel = "ARN",
            description = "Task execution role (default: role/<project>-<env>-execution).")
    String executionRoleArn;

    @Option(names = "--efs-file-system-id", paramLabel = "FS",
            description = "EFS file system mounted at pub/media (default: no shared media volume).")
    String efsFileSystemId;

    @Option(names = "--efs-access-point-id", paramLabel = "FSAP", description = "EFS access point for pub/media.")
    String efsAccessPointId;

    @Option(names = "--efs-var-access-point-id", paramLabel = "FSAP",
            description = "EFS access point for Magento's var/ (maintenance flag, logs, reports), shared by every task "
                    + "(default: var/ stays in each task).")
    String efsVarAccessPointId;

    @Option(names = "--log-group", paramLabel = "NAME", description = "awslogs group (default: /magecloudkit/<project>/<env>).")
    String logGroup;

    @Option(names = "--domain", paramLabel = "HOST", description = "The shop's host for the default smoke-check URL (default: the environment's domain).")
    String domain;

    @Option(names = "--database-name", paramLabel = "NAME", description = "The Magento database name (MAGENTO_DB_NAME).")
    String databaseName;

    @Option(names = "--database-secret-arn", paramLabel = "ARN",
            description = "Secrets Manager secret with the database's username and password (MAGENTO_DB_USER, MAGENTO_DB_PASSWORD).")
    String databaseSecretArn;

    @Option(names = "--database-reader-host", paramLabel = "HOST", description = "The Aurora reader endpoint (MAGENTO_DB_READER_HOST).")
    String databaseReaderHost;

    @Option(names = "--cache-auth-secret-arn", paramLabel = "ARN",
            description = "The Redis AUTH token secret (MAGENTO_REDIS_CACHE_PASSWORD; MAGENTO_REDIS_SESSION_PASSWORD too unless the "
                    + "stacks give the session group's own).")
    String cacheAuthSecretArn;

    StackValues values(Set<String> apps) {
        Map<String, String> cluster = perApp("--cluster", clusters, apps);
        Map<String, String> service = perApp("--service", services, apps);
        Map<String, String> tg = perApp("--target-group-arn", targetGroups, apps);
        Map<String, StackValues.ServiceTarget> targets = new LinkedHashMap<>();
        for (String app : apps) {
            targets.put(app, new StackValues.ServiceTarget(cluster.get(app), service.get(app), tg.get(app)));
        }
        return new StackValues(targets, taskRoleArn, executionRoleArn, efsFileSystemId, efsAccessPointId, logGroup, domain,
                new StackValues.Database(databaseName, databaseSecretArn, databaseReaderHost), cacheAuthSecretArn,
                efsVarAccessPointId);
    }

    static Map<String, String> perApp(String option, List<String> values, Set<String> apps) {
        Map<String, String> out = new LinkedHashMap<>();
        for (String v : values) {
            int eq = v.indexOf('=');
            if (eq > 0 && !v.startsWith("arn:")) {
                String app = v.substring(0, eq);
                if (!apps.contains(app)) {
                    throw new MckException(MckException.Kind.USAGE, option + " " + v + ": no app '" + app
                            + "' in this run; apps: " + String.join(", ", apps));
                }
                out.put(app, v.substring(eq + 1));
            } else {
                apps.forEach(a -> out.putIfAbsent(a, v));
            }
        }
        return out;
    }
}
