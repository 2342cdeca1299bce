package io.magecloudkit.provision;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.magecloudkit.cfnspec.CfnSpec;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * One real template broken on purpose per spec check and per house rule: the check names the
 * template, the resource path and the reason. (ExampleEnvironmentsTest shows the unbroken
 * templates pass, so each finding here comes from the break.)
 */
class TemplateChecksTest {
    private static final TemplateChecks CHECKS = new TemplateChecks(CfnSpec.bundled());

    static Stream<Arguments> breaks() {
        return Stream.of(
                // spec checks
                Arguments.of("unknown resource type", "network", "Type: AWS::EC2::VPC\n", "Type: AWS::EC2::VPCX\n",
                        "acme-shop-staging-network (network.yml): Resources.Vpc.Type: unknown resource type 'AWS::EC2::VPCX'"),
                Arguments.of("unknown property", "network", "EnableDnsSupport: true", "EnableDnsSuport: true",
                        "acme-shop-staging-network (network.yml): Resources.Vpc.Properties.EnableDnsSuport: unknown property 'EnableDnsSuport' of AWS::EC2::VPC"),
                Arguments.of("unknown nested property", "cluster-app", "HttpTokens: required,", "HttpTokens: required, HttpToken: required,",
                        "Resources.LaunchTemplate.Properties.LaunchTemplateData.MetadataOptions.HttpToken: unknown property 'HttpToken' of AWS::EC2::LaunchTemplate.MetadataOptions"),
                Arguments.of("missing required property", "security-groups",
                        "      GroupDescription: The public load balancer - HTTP (redirected) and HTTPS from anywhere\n", "",
                        "acme-shop-staging-security-groups (security-groups.yml): Resources.LoadBalancerSecurityGroup.Properties: missing required property 'GroupDescription' of AWS::EC2::SecurityGroup"),
                Arguments.of("wrong value type", "network", "EnableDnsSupport: true", "EnableDnsSupport: [true]",
                        "Resources.Vpc.Properties.EnableDnsSupport: expected boolean, got a list"),
                Arguments.of("wrong nested value type", "cluster-app", "HttpPutResponseHopLimit: 2", "HttpPutResponseHopLimit: two",
                        "Resources.LaunchTemplate.Properties.LaunchTemplateData.MetadataOptions.HttpPutResponseHopLimit: expected integer, got 'two'"),
                Arguments.of("Ref that resolves to nothing", "security-groups", "VpcId: { Ref: VpcId }\n      SecurityGroupIngress:\n        - { IpProtocol: tcp, FromPort: 443",
                        "VpcId: { Ref: VpcIdd }\n      SecurityGroupIngress:\n        - { IpProtocol: tcp, FromPort: 443",
                        "Resources.LoadBalancerSecurityGroup.Properties.VpcId.Ref: 'VpcIdd' is neither a parameter, a resource nor a pseudo parameter"),
                Arguments.of("GetAtt of an attribute the type lacks", "database", "[Cluster, Endpoint.Address]", "[Cluster, Endpoint.Adress]",
                        "acme-shop-staging-database (database.yml): Outputs.Endpoint.Value.Fn::GetAtt: AWS::RDS::DBCluster has no attribute 'Endpoint.Adress'"),
                Arguments.of("Sub variable that resolves to nothing", "ecr", "\"${Project}-${Environment}/nginx\"", "\"${Projekt}-${Environment}/nginx\"",
                        "Resources.NginxRepository.Properties.RepositoryName.Fn::Sub ${Projekt}: 'Projekt' is neither a parameter"),
                Arguments.of("undefined condition", "database", "    Condition: Reader3\n", "    Condition: Reader33\n",
                        "Resources.Reader3.Condition: condition 'Reader33' is not defined in Conditions"),
                Arguments.of("dependency cycle", "network", "  Vpc:\n    Type: AWS::EC2::VPC\n",
                        "  Vpc:\n    Type: AWS::EC2::VPC\n    DependsOn: InternetGatewayAttachment\n",
                        "Resources.Vpc: dependency cycle: Vpc -> InternetGatewayAttachment -> Vpc"),
                Arguments.of("cross-stack value that is no output", "network", "  VpcId:\n    Value: { Ref: Vpc }", "  TheVpcId:\n    Value: { Ref: Vpc }",
                        "acme-shop-staging-security-groups (security-groups.yml): Parameters.VpcId: takes output 'VpcId' of acme-shop-staging-network (network.yml), which declares no such output"),
                Arguments.of("parameter the plan does not give", "ecr", "Parameters:\n", "Parameters:\n  Extra:\n    Type: String\n",
                        "acme-shop-staging-ecr (ecr.yml): Parameters.Extra: has no default and the plan gives it no value"),
                Arguments.of("template over 51,200 bytes", "ecr", "Resources:\n", "Resources:\n" + "# padding\n".repeat(5200),
                        "(ecr.yml): (template): 548"), // 54,8xx bytes
                Arguments.of("template over 51,200 bytes: the reason", "ecr", "Resources:\n", "Resources:\n" + "# padding\n".repeat(5200),
                        " bytes: over CloudFormation's 51200-byte TemplateBody limit"),
                // house rules
                Arguments.of("app servers open to the internet", "security-groups",
                        "FromPort: 80, ToPort: 80, SourceSecurityGroupId: { Ref: LoadBalancerSecurityGroup }", "FromPort: 80, ToPort: 80, CidrIp: 0.0.0.0/0",
                        "Resources.AppSecurityGroup.Properties.SecurityGroupIngress[1]: ingress from the whole internet (0.0.0.0/0, ports 80-80)"),
                Arguments.of("load balancer open on SSH", "security-groups", "FromPort: 443, ToPort: 443, CidrIp: 0.0.0.0/0", "FromPort: 22, ToPort: 22, CidrIp: 0.0.0.0/0",
                        "Resources.LoadBalancerSecurityGroup.Properties.SecurityGroupIngress[0]: ingress from the whole internet (0.0.0.0/0, ports 22-22)"),
                Arguments.of("unencrypted Aurora", "database", "StorageEncrypted: true", "StorageEncrypted: false",
                        "Resources.Cluster.Properties.StorageEncrypted: AWS::RDS::DBCluster is a data store: StorageEncrypted must be true"),
                Arguments.of("Redis without encryption at rest", "cache", "      AtRestEncryptionEnabled: true\n", "",
                        "Resources.CacheReplicationGroup.Properties.AtRestEncryptionEnabled: AWS::ElastiCache::ReplicationGroup is a data store: AtRestEncryptionEnabled must be true in the template (not a parameter), it is not set"),
                Arguments.of("unencrypted EFS", "media", "Encrypted: true", "Encrypted: false",
                        "Resources.FileSystem.Properties.Encrypted: AWS::EFS::FileSystem is a data store"),
                Arguments.of("OpenSearch without node-to-node encryption", "search", "NodeToNodeEncryptionOptions: { Enabled: true }",
                        "NodeToNodeEncryptionOptions: { Enabled: false }", "Resources.Domain.Properties.NodeToNodeEncryptionOptions.Enabled: AWS::OpenSearchService::Domain is a data store"),
                Arguments.of("OpenSearch without HTTPS enforced", "search", "EnforceHTTPS: true", "EnforceHTTPS: false",
                        "Resources.Domain.Properties.DomainEndpointOptions.EnforceHTTPS: AWS::OpenSearchService::Domain is a data store"),
                Arguments.of("unencrypted Jenkins home volume", "jenkins", "      VolumeType: gp3\n      Encrypted: true\n", "      VolumeType: gp3\n",
                        "Resources.HomeVolume.Properties.Encrypted: AWS::EC2::Volume is a data store"),
                Arguments.of("unencrypted root volume", "cluster-app", "VolumeType: gp3, Encrypted: true", "VolumeType: gp3, Encrypted: false",
                        "Resources.LaunchTemplate.Properties.LaunchTemplateData.BlockDeviceMappings[0].Ebs.Encrypted: every EBS volume must be encrypted"),
                Arguments.of("launch template allowing IMDSv1", "cluster-app", "HttpTokens: required", "HttpTokens: optional",
                        "acme-shop-staging-cluster-app (cluster.yml): Resources.LaunchTemplate.Properties.LaunchTemplateData.MetadataOptions.HttpTokens: IMDSv2 only"),
                Arguments.of("instance without a launch template", "bastion",
                        "      LaunchTemplate:\n        LaunchTemplateId: { Ref: LaunchTemplate }\n        Version: { \"Fn::GetAtt\": [LaunchTemplate, LatestVersionNumber] }\n", "",
                        "Resources.Instance.Properties.LaunchTemplate: an instance must launch from a launch template that requires IMDSv2"),
                Arguments.of("plain-text secret in a property", "cache",
                        "AuthToken: { \"Fn::Sub\": \"{{resolve:secretsmanager:${CacheAuthToken}:SecretString}}\" }", "AuthToken: correct-horse-battery-staple",
                        "Resources.CacheReplicationGroup.Properties.AuthToken: looks like a secret in plain text"),
                Arguments.of("plain-text secret as a parameter default", "ecr", "Parameters:\n",
                        "Parameters:\n  DatadogApiKey:\n    Type: String\n    Default: 0123456789abcdef\n",
                        "acme-shop-staging-ecr (ecr.yml): Parameters.DatadogApiKey.Default: a secret's default is plain text"),
                Arguments.of("name without the project and environment", "ecr", "\"${Project}-${Environment}/php-fpm\"", "php-fpm",
                        "acme-shop-staging-ecr (ecr.yml): Resources.PhpFpmRepository.Properties.RepositoryName: a name must start with the project and environment"),
                Arguments.of("resource without the project tag", "ecr",
                        "      Tags:\n        - { Key: Project, Value: { Ref: Project } }\n        - { Key: Environment, Value: { Ref: Environment } }\n\n  PhpFpmRepository",
                        "      Tags:\n        - { Key: Environment, Value: { Ref: Environment } }\n\n  PhpFpmRepository",
                        "Resources.NginxRepository.Properties.Tags: missing the Project tag"));
    }

    /** The findings over staging's plan with one stack changed. */
    private static List<String> checkWith(String module, java.util.function.UnaryOperator<RenderedStack> change) {
        StackPlan plan = StackRenderer.render(ExampleEnvironmentsTest.EXAMPLE, "staging", StackOutputs.NONE);
        List<RenderedStack> stacks = new ArrayList<>();
        for (RenderedStack s : plan.stacks()) {
            stacks.add(s.module().equals(module) ? change.apply(s) : s);
        }
        return CHECKS.check(new StackPlan(plan.project(), plan.environment(), plan.region(), stacks))
                .stream().map(Finding::toString).toList();
    }

    @org.junit.jupiter.api.Test
    void plainTextSecretAsAParameterValueIsReported() {
        List<String> findings = checkWith("ecr", s -> {
            List<StackParameter> params = new ArrayList<>(s.parameters());
            params.add(new StackParameter("RegistryPassword", "hunter2", null));
            return new RenderedStack(s.name(), s.module(), s.template(), s.body().replace("Parameters:\n",
                    "Parameters:\n  RegistryPassword:\n    Type: String\n    NoEcho: true\n"), params, s.dependsOn());
        });
        assertEquals(List.of("acme-shop-staging-ecr (ecr.yml): Parameters.RegistryPassword: is given a secret in plain text;"
                + " give a reference (an SSM parameter or Secrets Manager ARN, or {{resolve:...}})"), findings);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("breaks")
    void brokenTemplateIsReportedWithTemplatePathAndReason(String what, String module, String original, String broken, String expected) {
        List<String> findings = checkWith(module, s -> {
            assertTrue(s.body().contains(original), what + ": the template no longer contains the text this test breaks");
            return new RenderedStack(s.name(), s.module(), s.template(), s.body().replaceFirst(
                    java.util.regex.Pattern.quote(original), java.util.regex.Matcher.quoteReplacement(broken)), s.parameters(), s.dependsOn());
        });
        assertTrue(findings.stream().anyMatch(f -> f.contains(expected)), what + ": expected a finding containing\n  " + expected
                + "\nbut got\n  " + String.join("\n  ", findings));
    }
}
