package io.magecloudkit.provision;

import io.magecloudkit.aws.AwsSession;
import io.magecloudkit.config.MckConfig;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * What later steps read from an environment's stacks, straight from CloudFormation (one
 * DescribeStacks per stack): the deploy's roles, media file system and its access points, database secret, cache
 * AUTH secrets, the database, cache and search endpoints and the search user's secret, clusters and target groups. A value is
 * empty when its stack does not exist (yet).
 */
public final class EnvironmentOutputs {
    private final String prefix;
    private final StackOutputs outputs;

    EnvironmentOutputs(String prefix, StackOutputs outputs) {
        this.prefix = prefix;
        this.outputs = outputs;
    }

    /** Outputs already at hand (a provision result, a test), for {@code <project>-<environment>}'s stacks. */
    public static EnvironmentOutputs of(String project, String environment, StackOutputs outputs) {
        return new EnvironmentOutputs(project + "-" + environment, outputs);
    }

    public static EnvironmentOutputs read(AwsSession aws, MckConfig config, String environment) {
        StackPlan plan = StackRenderer.render(config, environment, StackOutputs.NONE);
        CloudFormationStacks stacks = new CloudFormationStacks(aws);
        Map<String, Map<String, String>> byStack = new LinkedHashMap<>();
        for (RenderedStack s : plan.stacks()) {
            stacks.describe(s.name()).filter(x -> StackCondition.of(x.stackStatusAsString()) == StackCondition.READY)
                    .ifPresent(x -> byStack.put(s.name(), CloudFormationStacks.outputs(x)));
        }
        return new EnvironmentOutputs(plan.project() + "-" + plan.environment(), new StackOutputs(byStack));
    }

    public StackOutputs all() {
        return outputs;
    }

    private Optional<String> get(String module, String key) {
        return outputs.get(prefix + "-" + module, key);
    }

    public Optional<String> taskRoleArn() {
        return get("iam", "TaskRoleArn");
    }

    public Optional<String> executionRoleArn() {
        return get("iam", "TaskExecutionRoleArn");
    }

    public Optional<String> mediaFileSystemId() {
        return get("media", "FileSystemId");
    }

    public Optional<String> mediaAccessPointId() {
        return get("media", "MediaAccessPointId");
    }

    /** The access point for Magento's {@code var/} on the media file system. */
    public Optional<String> varAccessPointId() {
        return get("media", "VarAccessPointId");
    }

    public Optional<String> databaseSecretArn() {
        return get("database", "MasterSecretArn");
    }

    /** The Aurora cluster's writer endpoint (the name its TLS certificate carries). */
    public Optional<String> databaseEndpoint() {
        return get("database", "Endpoint");
    }

    public Optional<String> databaseReaderEndpoint() {
        return get("database", "ReaderEndpoint");
    }

    public Optional<String> cacheAuthSecretArn() {
        return get("cache", "CacheAuthTokenSecretArn");
    }

    public Optional<String> sessionAuthSecretArn() {
        return get("cache", "SessionAuthTokenSecretArn");
    }

    /** The Redis cache group's primary endpoint (the name its TLS certificate carries). */
    public Optional<String> cacheEndpoint() {
        return get("cache", "CacheEndpoint");
    }

    /** The Redis session group's primary endpoint. */
    public Optional<String> sessionEndpoint() {
        return get("cache", "SessionEndpoint");
    }

    /** The OpenSearch domain's endpoint (the name its TLS certificate carries). */
    public Optional<String> searchEndpoint() {
        return get("search", "Endpoint");
    }

    /** The OpenSearch master user's secret (JSON with username and password). */
    public Optional<String> searchMasterUserSecretArn() {
        return get("search", "MasterUserSecretArn");
    }

    /** The ECS cluster name of a configured cluster ({@code app}, {@code admin}, ...). */
    public Optional<String> clusterName(String cluster) {
        return get("cluster-" + cluster, "ClusterName");
    }

    /** The capacity provider of a configured cluster. */
    public Optional<String> capacityProviderName(String cluster) {
        return get("cluster-" + cluster, "CapacityProviderName");
    }

    /** The private subnets (PrivateSubnet1, 2, ... as the network stack has them), where tasks run. */
    public java.util.List<String> privateSubnets() {
        java.util.List<String> subnets = new java.util.ArrayList<>();
        for (int i = 1; get("network", "PrivateSubnet" + i).isPresent(); i++) {
            subnets.add(get("network", "PrivateSubnet" + i).get());
        }
        return subnets;
    }

    /** The security group of the app tasks. */
    public Optional<String> appSecurityGroupId() {
        return get("security-groups", "AppSecurityGroupId");
    }

    /** The load balancer target group of a web app. */
    public Optional<String> targetGroupArn(String app) {
        return get("target-" + app, "TargetGroupArn");
    }
}
