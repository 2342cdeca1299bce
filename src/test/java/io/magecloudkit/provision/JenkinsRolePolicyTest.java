package io.magecloudkit.provision;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

/** The policy reader the Jenkins-role coverage test relies on: action and resource matching, Fn::If, Fn::Sub, Ref. */
class JenkinsRolePolicyTest {
    private static final String TEMPLATE = """
            Resources:
              JenkinsRole:
                Properties:
                  Policies:
                    - PolicyDocument:
                        Statement:
                          - { Effect: Allow, Action: ecs:Describe*, Resource: "*" }
                          - Effect: Allow
                            Action: [ssm:GetParameter, ssm:PutParameter]
                            Resource: { "Fn::Sub": "arn:${AWS::Partition}:ssm:${AWS::Region}:${AWS::AccountId}:parameter/magecloudkit/${Project}/${Environment}/*" }
                          - "Fn::If":
                              - HasSecrets
                              - { Effect: Allow, Action: secretsmanager:GetSecretValue, Resource: { Ref: SecretArns } }
                              - { Ref: "AWS::NoValue" }
                          - { Effect: Allow, Action: iam:PassRole, Resource: { "Fn::GetAtt": [TaskRole, Arn] } }
                          - { Effect: Allow, Action: logs:GetLogEvents, Resource: "*", Condition: { StringEquals: { "aws:ResourceTag/x": y } } }
                          - { Effect: Deny, Action: ssm:DeleteParameter, Resource: "*" }
            """;
    private static final JenkinsRolePolicy POLICY = JenkinsRolePolicy.parse(TEMPLATE, Map.of("Project", "shop", "Environment", "staging",
            "AWS::Partition", "aws", "AWS::Region", "eu-west-1", "AWS::AccountId", "123456789012",
            "SecretArns", List.of("arn:aws:secretsmanager:eu-west-1:*:secret:shop/aurora-??????")));

    @ParameterizedTest(name = "{0} on {1}: {2}")
    @CsvSource(nullValues = "-", value = {
            "ecs:DescribeServices, -, true",
            "ECS:describeservices, -, true",
            "ecs:UpdateService, -, false",
            "ssm:PutParameter, arn:aws:ssm:eu-west-1:123456789012:parameter/magecloudkit/shop/staging/magento/deploy-lease, true",
            "ssm:PutParameter, arn:aws:ssm:eu-west-1:123456789012:parameter/magecloudkit/shop/production/magento/deploy-lease, false",
            "ssm:PutParameter, arn:aws:ssm:eu-west-1:999999999999:parameter/magecloudkit/shop/staging/x, false",
            "ssm:GetParameter, -, true",
            "ssm:DeleteParameter, -, false",
            "secretsmanager:GetSecretValue, arn:aws:secretsmanager:eu-west-1:123456789012:secret:shop/aurora-AbCdEf, true",
            "secretsmanager:GetSecretValue, arn:aws:secretsmanager:eu-west-1:123456789012:secret:shop/aurora-AbCdEfG, false",
            "iam:PassRole, -, true",
            "iam:PassRole, arn:aws:iam::123456789012:role/shop-staging-task, false",
            "logs:GetLogEvents, -, true",
            "logs:GetLogEvents, arn:aws:logs:eu-west-1:123456789012:log-group:x, false",
    })
    void allows(String action, String arn, boolean allowed) {
        assertEquals(allowed, arn == null ? POLICY.allowsAction(action) : POLICY.allows(action, arn));
    }

    @ParameterizedTest(name = "{0} {1} -> {2}")
    @CsvSource(nullValues = "-", value = {
            "Ecs, StopServiceDeployment, ecs:StopServiceDeployment",
            "ElasticLoadBalancingV2, DescribeTargetHealth, elasticloadbalancing:DescribeTargetHealth",
            "CloudWatchLogs, DescribeLogGroups, logs:DescribeLogGroups",
            "SecretsManager, GetSecretValue, secretsmanager:GetSecretValue",
            "Ecr, GetAuthorizationToken, ecr:GetAuthorizationToken",
            "Sts, GetCallerIdentity, -",
            "Sts, AssumeRole, sts:AssumeRole",
    })
    void iamAction(String service, String operation, String action) {
        assertEquals(action, JenkinsRolePolicy.iamAction(service, operation));
    }

    @Test
    void anUnknownService_isNamed_ratherThanGuessed() {
        assertEquals("no IAM prefix known for SDK service Route53 (operation ListHostedZones)",
                assertThrows(IllegalArgumentException.class, () -> JenkinsRolePolicy.iamAction("Route53", "ListHostedZones")).getMessage());
    }

    @Test
    void theShippedTemplate_isReadable_andScopesTheLeasesToTheEnvironment() {
        JenkinsRolePolicy shipped = JenkinsRolePolicy.read(Map.of("Project", "shop", "Environment", "staging", "AWS::Partition", "aws",
                "AWS::Region", "eu-west-1", "AWS::AccountId", "123456789012", "SsmParameterArns", List.of(), "SecretArns", List.of()));
        assertEquals(true, shipped.allows("ssm:PutParameter", "arn:aws:ssm:eu-west-1:123456789012:parameter/magecloudkit/shop/staging/provision-lease"));
        assertEquals(false, shipped.allows("ssm:PutParameter", "arn:aws:ssm:eu-west-1:123456789012:parameter/magecloudkit/shop/prod/provision-lease"));
    }
}
