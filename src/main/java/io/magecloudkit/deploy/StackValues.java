package io.magecloudkit.deploy;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What a deploy needs from the environment's stacks: names and ids provision creates. Until
 * provision writes its outputs, the CLI fills this from options; every field left null takes the
 * naming convention's default (see {@link DeployNames}).
 *
 * @param apps             app name → where its service runs
 * @param taskRoleArn      the tasks' IAM role
 * @param executionRoleArn the role ECS pulls images, reads secrets and writes logs with
 * @param efsFileSystemId  the media file system ({@code fs-...}); null: no shared media volume
 * @param efsAccessPointId the access point for {@code pub/media}; null for none
 * @param logGroup         the awslogs group of the environment's tasks
 * @param domain           the shop's host name for the default smoke check URL (overrides the config's)
 * @param database         the Magento database: its name, the Secrets Manager secret with {@code username} and
 *                         {@code password}, the reader endpoint; {@link Database#NONE} when not known
 * @param cacheAuthSecretArn the Redis AUTH token secret of the cache group (and of the session group when
 *                         {@code sessionAuthSecretArn} is null); null for none
 * @param efsVarAccessPointId the access point for Magento's {@code var/} on the same file system (where
 *                         {@code var/.maintenance.flag} lives, so every task sees maintenance mode); null: {@code var/}
 *                         stays in each task
 * @param sessionAuthSecretArn the Redis AUTH token secret of the session group (provision gives each group its
 *                         own); null: the cache group's
 * @param endpoints        the TLS-protected services' own endpoint names; {@link Endpoints#NONE} when not known
 * @param searchSecretArn  the OpenSearch master user's secret ({@code username} and {@code password}); null for none
 */
public record StackValues(Map<String, ServiceTarget> apps, String taskRoleArn, String executionRoleArn,
        String efsFileSystemId, String efsAccessPointId, String logGroup, String domain, Database database,
        String cacheAuthSecretArn, String efsVarAccessPointId, String sessionAuthSecretArn, Endpoints endpoints,
        String searchSecretArn) {

    public StackValues {
        apps = Collections.unmodifiableMap(new LinkedHashMap<>(apps));
        database = database == null ? Database.NONE : database;
        endpoints = endpoints == null ? Endpoints.NONE : endpoints;
    }

    /** Without the services' endpoints and the search user (the discovery names, no search authentication). */
    public StackValues(Map<String, ServiceTarget> apps, String taskRoleArn, String executionRoleArn, String efsFileSystemId,
            String efsAccessPointId, String logGroup, String domain, Database database, String cacheAuthSecretArn,
            String efsVarAccessPointId, String sessionAuthSecretArn) {
        this(apps, taskRoleArn, executionRoleArn, efsFileSystemId, efsAccessPointId, logGroup, domain, database,
                cacheAuthSecretArn, efsVarAccessPointId, sessionAuthSecretArn, Endpoints.NONE, null);
    }

    /** One AUTH token for both Redis groups. */
    public StackValues(Map<String, ServiceTarget> apps, String taskRoleArn, String executionRoleArn, String efsFileSystemId,
            String efsAccessPointId, String logGroup, String domain, Database database, String cacheAuthSecretArn,
            String efsVarAccessPointId) {
        this(apps, taskRoleArn, executionRoleArn, efsFileSystemId, efsAccessPointId, logGroup, domain, database,
                cacheAuthSecretArn, efsVarAccessPointId, null);
    }

    /** Without a shared {@code var/}. */
    public StackValues(Map<String, ServiceTarget> apps, String taskRoleArn, String executionRoleArn, String efsFileSystemId,
            String efsAccessPointId, String logGroup, String domain, Database database, String cacheAuthSecretArn) {
        this(apps, taskRoleArn, executionRoleArn, efsFileSystemId, efsAccessPointId, logGroup, domain, database,
                cacheAuthSecretArn, null, null);
    }

    public static StackValues none() {
        return new StackValues(Map.of(), null, null, null, null, null, null, Database.NONE, null, null, null, Endpoints.NONE, null);
    }

    String databaseName() {
        return database.name();
    }

    String databaseSecretArn() {
        return database.secretArn();
    }

    String databaseReaderHost() {
        return database.readerHost();
    }

    String sessionAuthSecretArnOrCache() {
        return sessionAuthSecretArn != null ? sessionAuthSecretArn : cacheAuthSecretArn;
    }

    /** The environment's Aurora cluster as the containers need it; any field may be null. */
    public record Database(String name, String secretArn, String readerHost) {
        public static final Database NONE = new Database(null, null, null);
    }

    /**
     * The endpoint names AWS gives the services that php-fpm reaches over TLS, as the stacks output them. Their
     * certificates carry these names, not the private zone's CNAMEs, and PHP verifies the name it connected to;
     * any may be null, and then the containers use the discovery name.
     *
     * @param cacheHost   the Redis cache group's primary endpoint
     * @param sessionHost the Redis session group's primary endpoint
     * @param searchHost  the OpenSearch domain's endpoint ({@code vpc-....es.amazonaws.com})
     * @param databaseHost the Aurora cluster's writer endpoint ({@code ....cluster-....rds.amazonaws.com}); the
     *                    cluster requires TLS and pdo_mysql verifies the certificate's name
     */
    public record Endpoints(String cacheHost, String sessionHost, String searchHost, String databaseHost) {
        public static final Endpoints NONE = new Endpoints(null, null, null, null);

        /** Without the database's endpoint (the writer's {@code db.<zone>}). */
        public Endpoints(String cacheHost, String sessionHost, String searchHost) {
            this(cacheHost, sessionHost, searchHost, null);
        }
    }

    public ServiceTarget app(String name) {
        return apps.getOrDefault(name, ServiceTarget.NONE);
    }

    /**
     * One app's service.
     *
     * @param cluster        cluster name or ARN; null: {@code <project>-<env>-<cluster>}
     * @param service        service name or ARN; null: {@code <project>-<env>-<app>}
     * @param targetGroupArn the load balancer target group of the app; null: no target health in the gate
     * @param newService     how to create the service when it does not exist; null: it must exist
     */
    public record ServiceTarget(String cluster, String service, String targetGroupArn, NewService newService) {
        public static final ServiceTarget NONE = new ServiceTarget(null, null, null, null);

        /** A service that must exist: the deploy updates it and never creates it. */
        public ServiceTarget(String cluster, String service, String targetGroupArn) {
            this(cluster, service, targetGroupArn, null);
        }
    }

    /**
     * How to create the app's service when it does not exist yet: known only when cluster and target group
     * come from the environment's stacks, so the first deploy after {@code mck provision} creates it.
     *
     * @param capacityProvider the cluster's capacity provider; null: the cluster's default strategy
     * @param subnets          the private subnets for awsvpc tasks
     * @param securityGroups   the app security group(s)
     */
    public record NewService(String capacityProvider, java.util.List<String> subnets, java.util.List<String> securityGroups) {
        public NewService {
            subnets = java.util.List.copyOf(subnets);
            securityGroups = java.util.List.copyOf(securityGroups);
        }
    }
}
