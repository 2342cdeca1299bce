package io.magecloudkit.provision;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.magecloudkit.MckException;
import io.magecloudkit.cfnspec.CfnSpec;
import io.magecloudkit.config.ConfigLoader;
import io.magecloudkit.config.MckConfig;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class StackRendererTest {
    private static final MckConfig EXAMPLE = ExampleEnvironmentsTest.EXAMPLE;

    private static String param(StackPlan plan, String module, String key) {
        RenderedStack stack = plan.stacks().stream().filter(s -> s.module().equals(module)).findFirst().orElseThrow();
        return stack.parameters().stream().filter(p -> p.key().equals(key)).findFirst().orElseThrow().valueOrPlaceholder();
    }

    @Test
    void stagingStacksInCreationOrder() {
        StackPlan plan = StackRenderer.render(EXAMPLE, "staging", StackOutputs.NONE);
        assertEquals(List.of("network", "security-groups", "iam", "ecr", "database", "cache", "media", "search", "discovery",
                "load-balancer", "target-magento", "target-admin", "target-blog", "cluster-app", "bastion", "jenkins"),
                plan.stacks().stream().map(RenderedStack::module).toList());
        assertEquals("acme-shop-staging-network", plan.stacks().get(0).name());
        assertEquals("eu-west-1", plan.region());
    }

    @Test
    void productionHasOneStackPerCluster() {
        StackPlan plan = StackRenderer.render(EXAMPLE, "production", StackOutputs.NONE);
        assertTrue(plan.stack("acme-shop-production-cluster-app").isPresent());
        assertTrue(plan.stack("acme-shop-production-cluster-admin").isPresent());
        assertEquals("m6i.large", param(plan, "cluster-admin", "InstanceType"));
        assertEquals("admin", param(plan, "cluster-admin", "Cluster"));
        assertEquals("3", param(plan, "cluster-app", "DesiredCapacity"));
    }

    @ParameterizedTest(name = "{0} {1}.{2} = {3}")
    @CsvSource(delimiter = '|', value = {
        "staging    | network       | AzCount             | 2",
        "production | network       | AzCount             | 3",
        "staging    | network       | VpcCidr             | 10.20.0.0/16",
        "production | network       | PrivateSubnetCidrs  | 10.30.64.0/19,10.30.96.0/19,10.30.128.0/19",
        "staging    | database      | ReaderCount         | 0",
        "production | database      | ReaderCount         | 2",
        "staging    | database      | DeletionProtection  | false",
        "production | database      | DeletionProtection  | true",
        "production | load-balancer | DeletionProtection  | true",
        "staging    | cache         | CacheNodeCount      | 1",
        "production | cache         | SessionNodeCount    | 3",
        "staging    | security-groups | BastionSshCidr    | 203.0.113.0/24",
        "production | security-groups | BastionSshCidr    | ''",
        "staging    | search        | SearchSubnetIds     | <acme-shop-staging-network.DataSubnet1>",
        "production | search        | SearchSubnetIds     | <acme-shop-production-network.DataSubnet1,DataSubnet2>",
        "staging    | target-magento | HostHeader         | ''",
        "staging    | target-magento | RulePriority       | 50000",
        "staging    | target-blog   | HostHeader          | blog.staging.acme-shop.example",
        "staging    | target-magento | HealthCheckPath    | /fpm-ping",
        "staging    | target-magento | TargetGroupName    | acme-shop-staging-magento",
        "production | load-balancer | LoadBalancerName    | acme-shop-production",
        "production | cache         | SessionGroupId      | acme-shop-production-session",
        "staging    | bastion       | ImageId             | /aws/service/canonical/ubuntu/server/24.04/stable/current/arm64/hvm/ebs-gp3/ami-id",
    })
    void parametersFromTheConfiguration(String env, String module, String key, String expected) {
        assertEquals(expected, param(StackRenderer.render(EXAMPLE, env, StackOutputs.NONE), module, key));
    }

    @Test
    void outputsOfEarlierStacksBecomeParameterValues() {
        StackOutputs outputs = new StackOutputs(Map.of("acme-shop-staging-network",
                Map.of("VpcId", "vpc-0abc", "DataSubnet1", "subnet-1", "DataSubnet2", "subnet-2")));
        StackPlan plan = StackRenderer.render(EXAMPLE, "staging", outputs);
        assertEquals("vpc-0abc", param(plan, "security-groups", "VpcId"));
        assertTrue(plan.stack("acme-shop-staging-security-groups").orElseThrow().resolved());
        assertEquals("subnet-1,subnet-2", param(plan, "database", "DataSubnetIds"));
        assertEquals("<acme-shop-staging-security-groups.DatabaseSecurityGroupId>", param(plan, "database", "DatabaseSecurityGroupId"));
        assertFalse(plan.stack("acme-shop-staging-database").orElseThrow().resolved());
        assertEquals(Set.of("acme-shop-staging-network", "acme-shop-staging-security-groups", "acme-shop-staging-iam"),
                plan.stack("acme-shop-staging-database").orElseThrow().dependsOn());
    }

    @Test
    void executionRoleReadsExactlyTheConfiguredSecrets() {
        StackPlan plan = StackRenderer.render(EXAMPLE, "staging", StackOutputs.NONE);
        List<String> ssm = List.of(param(plan, "iam", "SsmParameterArns").split(","));
        assertTrue(ssm.contains("arn:aws:ssm:eu-west-1:*:parameter/acme-shop/magento/crypt-key"), ssm.toString());
        assertTrue(ssm.contains("arn:aws:ssm:eu-west-1:*:parameter/acme-shop/blackfire/server-id"), "staging's own app secrets");
        assertTrue(ssm.contains("arn:aws:ssm:eu-west-1:*:parameter/acme-shop/nosto/api-token"), "integration keys");
        List<String> secrets = List.of(param(plan, "iam", "SecretArns").split(","));
        assertEquals(List.of("arn:aws:secretsmanager:eu-west-1:*:secret:acme-shop/algolia-??????",
                "arn:aws:secretsmanager:eu-west-1:*:secret:acme-shop/aurora-??????",
                "arn:aws:secretsmanager:eu-west-1:*:secret:acme-shop/datadog-??????",
                "arn:aws:secretsmanager:eu-west-1:123456789012:secret:acme-shop/blog-db-AbCdEf"), secrets);
        List<String> production = List.of(param(StackRenderer.render(EXAMPLE, "production", StackOutputs.NONE), "iam",
                "SsmParameterArns").split(","));
        assertFalse(production.contains("arn:aws:ssm:eu-west-1:*:parameter/acme-shop/blackfire/server-id"),
                "production does not enable Blackfire, so its role may not read Blackfire's keys");
    }

    @ParameterizedTest(name = "{0} in {1}")
    @CsvSource({
        "acme-shop-production, 28, acme-shop-production",
        "a-very-long-project-name-production, 28, a-very-long-project-na-",
        "a-very-long-project-name-production-session, 40, a-very-long-project-name-productio-",
        "a-very-long-project-name-production-magento, 32, a-very-long-project-name-",
        "9shop-staging, 28, s9shop-staging",
    })
    void longNamesAreCutToTheServiceLimitWithAStableHash(String name, int max, String expectedPrefix) {
        String fitted = ResourceNames.fit(name, max);
        assertTrue(fitted.startsWith(expectedPrefix), fitted);
        assertTrue(fitted.length() <= max && fitted.matches("[a-z][a-z0-9-]*[a-z0-9]"), fitted);
        assertEquals(fitted, ResourceNames.fit(name, max), "the same name every time, so stacks are not replaced");
    }

    @Test
    void distinctLongNamesStayDistinct() {
        assertNotEquals(ResourceNames.fit("a-very-long-project-name-production-magento", 32),
                ResourceNames.fit("a-very-long-project-name-production-admin", 32));
    }

    @ParameterizedTest
    @CsvSource({"t4g.micro, arm64", "m7g.large, arm64", "c6gn.xlarge, arm64", "t3.micro, amd64", "m6i.large, amd64"})
    void ubuntuImageMatchesTheInstanceArchitecture(String type, String arch) {
        assertTrue(StackRenderer.ubuntuImageParameter(type).contains("/" + arch + "/"));
    }

    private static final String SMALL = """
            project: tiny
            region: us-east-1
            environments:
              dev:
                vpcCidr: 10.9.0.0/16
                %s
                cache:
                  engine: memcached
                  nodes: 2
            """;

    @Test
    void memcachedRendersItsOwnTemplateAndPassesTheChecks() {
        MckConfig config = ConfigLoader.parse(SMALL.formatted(
                "certificateArn: arn:aws:acm:us-east-1:123456789012:certificate/11111111-2222-3333-4444-555555555555"), "small.yml");
        StackPlan plan = StackRenderer.render(config, "dev", StackOutputs.NONE);
        RenderedStack cache = plan.stack("tiny-dev-cache").orElseThrow();
        assertEquals("cache-memcached.yml", cache.template());
        assertEquals("2", param(plan, "cache", "NodeCount"));
        assertEquals(List.of(), new TemplateChecks(CfnSpec.bundled()).check(plan).stream().map(Finding::toString).toList());
    }

    @Test
    void anEnvironmentWithoutCertificateIsAUsageError() {
        MckConfig config = ConfigLoader.parse(SMALL.formatted(""), "small.yml");
        MckException e = assertThrows(MckException.class, () -> StackRenderer.render(config, "dev", StackOutputs.NONE));
        assertEquals(MckException.Kind.USAGE, e.kind());
        assertTrue(e.getMessage().contains("environments.dev.certificateArn is not set"), e.getMessage());
    }
}
