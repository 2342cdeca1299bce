package io.magecloudkit.provision;

import io.magecloudkit.MckException;
import io.magecloudkit.config.AppConfig;
import io.magecloudkit.config.CacheClusterConfig;
import io.magecloudkit.config.CacheConfig;
import io.magecloudkit.config.ClusterConfig;
import io.magecloudkit.config.EnvironmentConfig;
import io.magecloudkit.config.MckConfig;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.IntStream;

/**
 * The environment's stacks, their order, templates and parameters: a pure function of the
 * configuration and the outputs of the stacks that exist already. {@code mck render},
 * {@code mck plan} and {@code mck provision} all call it.
 *
 * <p>Every template is static and lintable as it is; what varies with the configuration (zone
 * count, readers, replicas) is a parameter and CloudFormation conditions. What repeats per
 * configuration entry (clusters, web apps) is one stack per entry from the same template.
 */
public final class StackRenderer {
    /** The listener rule priority of the first app: the catch-all, evaluated after every host rule. */
    static final int CATCH_ALL_PRIORITY = 50_000;

    private final MckConfig config;
    private final EnvironmentConfig env;
    private final StackOutputs outputs;
    private final List<RenderedStack> stacks = new ArrayList<>();

    private StackRenderer(MckConfig config, EnvironmentConfig env, StackOutputs outputs) {
        this.config = config;
        this.env = env;
        this.outputs = outputs;
    }

    /**
     * @throws io.magecloudkit.config.ConfigException when the environment does not exist
     * @throws MckException (usage) when the environment lacks what a stack needs
     */
    public static StackPlan render(MckConfig config, String environment, StackOutputs outputs) {
        EnvironmentConfig env = config.environment(environment);
        return new StackRenderer(config, env, outputs).render();
    }

    private StackPlan render() {
        int azs = env.availabilityZones();
        stack("network", "network.yml", s -> s
                .literal("VpcCidr", env.vpcCidr())
                .literal("AzCount", azs)
                .literal("PublicSubnetCidrs", String.join(",", env.subnets().publicCidrs()))
                .literal("PrivateSubnetCidrs", String.join(",", env.subnets().privateCidrs()))
                .literal("DataSubnetCidrs", String.join(",", env.subnets().dataCidrs())));
        String network = stackName("network");
        boolean ssh = env.bastion().enabled() && env.bastion().sshCidr() != null;
        stack("security-groups", "security-groups.yml", s -> s
                .output("VpcId", network, "VpcId")
                .literal("BastionSshCidr", ssh ? env.bastion().sshCidr() : ""));
        String groups = stackName("security-groups");
        ExecutionRoleSecrets secrets = ExecutionRoleSecrets.of(config, env);
        stack("iam", "iam.yml", s -> s
                .literal("SsmParameterArns", String.join(",", secrets.ssmParameters()))
                .literal("SecretArns", String.join(",", secrets.secrets())));
        String iam = stackName("iam");
        stack("ecr", "ecr.yml", s -> { });
        String[] dataSubnets = subnets("Data", azs);
        stack("database", "database.yml", s -> s
                .output("DataSubnetIds", network, dataSubnets)
                .output("DatabaseSecurityGroupId", groups, "DatabaseSecurityGroupId")
                .output("TaskExecutionRoleName", iam, "TaskExecutionRoleName")
                .literal("EngineVersion", env.database().engineVersion())
                .literal("InstanceClass", env.database().instanceClass())
                .literal("ReaderCount", env.database().readers())
                .literal("BackupRetentionDays", env.database().backupRetentionDays())
                .literal("DeletionProtection", env.deletionProtection()));
        renderCache(network, groups, iam, dataSubnets);
        stack("media", "media.yml", s -> s
                .literal("AzCount", azs)
                .output("DataSubnetIds", network, dataSubnets)
                .output("MediaSecurityGroupId", groups, "MediaSecurityGroupId"));
        int searchZones = env.search().instanceCount() > 1 ? 2 : 1;
        stack("search", "search.yml", s -> s
                .literal("DomainName", ResourceNames.fit(prefix(), ResourceNames.OPENSEARCH))
                .output("SearchSubnetIds", network, subnets("Data", searchZones))
                .output("SearchSecurityGroupId", groups, "SearchSecurityGroupId")
                .output("TaskExecutionRoleName", iam, "TaskExecutionRoleName")
                .literal("EngineVersion", env.search().engineVersion())
                .literal("InstanceType", env.search().instanceType())
                .literal("InstanceCount", env.search().instanceCount())
                .literal("VolumeSizeGb", env.search().volumeSizeGb()));
        stack("discovery", "discovery.yml", s -> s
                .output("VpcId", network, "VpcId")
                .output("DatabaseEndpoint", stackName("database"), "Endpoint")
                .output("DatabaseReaderEndpoint", stackName("database"), "ReaderEndpoint")
                .output("MediaFileSystemId", stackName("media"), "FileSystemId")
                .output("CacheEndpoint", stackName("cache"), "CacheEndpoint")
                .output("SessionEndpoint", stackName("cache"), "SessionEndpoint")
                .output("SearchEndpoint", stackName("search"), "Endpoint"));
        renderLoadBalancer(network, groups);
        for (ClusterConfig cluster : env.clusters().values()) {
            stack("cluster-" + cluster.name(), "cluster.yml", s -> s
                    .literal("Cluster", cluster.name())
                    .output("PrivateSubnetIds", network, subnets("Private", azs))
                    .output("AppSecurityGroupId", groups, "AppSecurityGroupId")
                    .output("InstanceProfileArn", iam, "AppInstanceProfileArn")
                    .literal("InstanceType", cluster.instanceType())
                    .literal("MinSize", cluster.minSize())
                    .literal("MaxSize", cluster.maxSize())
                    .literal("DesiredCapacity", cluster.desiredCapacity()));
        }
        if (env.bastion().enabled()) {
            stack("bastion", "bastion.yml", s -> s
                    .output("PublicSubnetId", network, "PublicSubnet1")
                    .output("BastionSecurityGroupId", groups, "BastionSecurityGroupId")
                    .output("InstanceProfileName", iam, "BastionInstanceProfileName")
                    .literal("InstanceType", env.bastion().instanceType())
                    .literal("ImageId", ubuntuImageParameter(env.bastion().instanceType())));
        }
        stack("jenkins", "jenkins.yml", s -> s
                .output("PrivateSubnetId", network, "PrivateSubnet1")
                .output("JenkinsSecurityGroupId", groups, "JenkinsSecurityGroupId")
                .output("InstanceProfileName", iam, "JenkinsInstanceProfileName"));
        return new StackPlan(config.project(), env.name(), env.region(), stacks);
    }

    private void renderCache(String network, String groups, String iam, String[] dataSubnets) {
        CacheConfig cache = env.cache();
        if (cache.isRedis()) {
            CacheClusterConfig main = cache.clusters().get("cache");
            CacheClusterConfig session = cache.clusters().get("session");
            stack("cache", "cache.yml", s -> s
                    .output("DataSubnetIds", network, dataSubnets)
                    .output("CacheSecurityGroupId", groups, "CacheSecurityGroupId")
                    .output("TaskExecutionRoleName", iam, "TaskExecutionRoleName")
                    .literal("CacheGroupId", ResourceNames.fit(prefix() + "-cache", ResourceNames.ELASTICACHE))
                    .literal("SessionGroupId", ResourceNames.fit(prefix() + "-session", ResourceNames.ELASTICACHE))
                    .literal("EngineVersion", cache.engineVersion())
                    .literal("CacheNodeType", main.nodeType())
                    .literal("CacheNodeCount", main.replicas() + 1)
                    .literal("SessionNodeType", session.nodeType())
                    .literal("SessionNodeCount", session.replicas() + 1));
        } else {
            stack("cache", "cache-memcached.yml", s -> s
                    .output("DataSubnetIds", network, dataSubnets)
                    .output("CacheSecurityGroupId", groups, "CacheSecurityGroupId")
                    .literal("EngineVersion", cache.engineVersion())
                    .literal("NodeType", cache.nodeType())
                    .literal("NodeCount", cache.nodes()));
        }
    }

    private void renderLoadBalancer(String network, String groups) {
        if (env.certificateArn() == null) {
            throw new MckException(MckException.Kind.USAGE, config.file() + ": environments." + env.name()
                    + ".certificateArn is not set: the load balancer's HTTPS listener needs an ACM certificate");
        }
        stack("load-balancer", "load-balancer.yml", s -> s
                .output("PublicSubnetIds", network, subnets("Public", env.availabilityZones()))
                .output("LoadBalancerSecurityGroupId", groups, "LoadBalancerSecurityGroupId")
                .literal("LoadBalancerName", ResourceNames.fit(prefix(), ResourceNames.LOAD_BALANCING))
                .literal("CertificateArn", env.certificateArn())
                .literal("DeletionProtection", env.deletionProtection()));
        List<AppConfig> apps = List.copyOf(env.apps().values());
        for (int i = 0; i < apps.size(); i++) {
            AppConfig app = apps.get(i);
            boolean first = i == 0;
            String host = first ? "" : app.name() + "." + (env.domain() != null ? env.domain() : "*");
            int priority = first ? CATCH_ALL_PRIORITY : i * 10;
            stack("target-" + app.name(), "app-target.yml", s -> s
                    .literal("App", app.name())
                    .literal("TargetGroupName", ResourceNames.fit(prefix() + "-" + app.name(), ResourceNames.LOAD_BALANCING))
                    .output("VpcId", network, "VpcId")
                    .output("HttpsListenerArn", stackName("load-balancer"), "HttpsListenerArn")
                    .literal("HealthCheckPath", loadBalancerHealthCheck(app))
                    .literal("RulePriority", priority)
                    .literal("HostHeader", host));
        }
    }

    /** nginx answers /fpm-ping by asking PHP-FPM's ping.path: both, and nothing of Magento. */
    static String loadBalancerHealthCheck(AppConfig app) {
        return "generic".equals(app.kind()) ? app.healthCheckPath() : "/fpm-ping";
    }

    /** Canonical's public SSM parameter for the current Ubuntu LTS, for the instance type's architecture. */
    static String ubuntuImageParameter(String instanceType) {
        // Graviton families carry a "g" after the generation digit: t4g, m7g, c6gn, r8g.
        String family = instanceType.split("\\.")[0];
        String arch = family.matches("[a-z]+[0-9]+g[a-z]*") ? "arm64" : "amd64";
        return "/aws/service/canonical/ubuntu/server/24.04/stable/current/" + arch + "/hvm/ebs-gp3/ami-id";
    }

    private static String[] subnets(String tier, int count) {
        return IntStream.rangeClosed(1, count).mapToObj(i -> tier + "Subnet" + i).toArray(String[]::new);
    }

    private String prefix() {
        return config.project() + "-" + env.name();
    }

    private String stackName(String module) {
        return prefix() + "-" + module;
    }

    private void stack(String module, String template, java.util.function.Consumer<Parameters> fill) {
        Parameters p = new Parameters();
        p.literal("Project", config.project()).literal("Environment", env.name());
        fill.accept(p);
        Set<String> dependsOn = new LinkedHashSet<>();
        p.list.stream().filter(x -> x.source() != null).forEach(x -> dependsOn.add(x.source().stack()));
        stacks.add(new RenderedStack(stackName(module), module, template, CloudFormationTemplates.load(template), p.list, dependsOn));
    }

    /** Collects one stack's parameters, resolving output references against the known outputs. */
    private final class Parameters {
        final List<StackParameter> list = new ArrayList<>();

        Parameters literal(String key, Object value) {
            list.add(StackParameter.literal(key, value));
            return this;
        }

        Parameters output(String key, String stack, String... outputKeys) {
            OutputRef ref = new OutputRef(stack, List.of(outputKeys));
            List<String> values = new ArrayList<>();
            for (String k : outputKeys) {
                outputs.get(stack, k).ifPresent(values::add);
            }
            list.add(new StackParameter(key, values.size() == outputKeys.length ? String.join(",", values) : null, ref));
            return this;
        }
    }
}
