package io.magecloudkit.sandbox;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.cloudformation.CloudFormationClient;
import software.amazon.awssdk.services.cloudformation.model.ChangeSetStatus;
import software.amazon.awssdk.services.cloudformation.model.StackStatus;
import software.amazon.awssdk.services.ecs.EcsClient;
import software.amazon.awssdk.services.ecs.model.ContainerDefinition;
import software.amazon.awssdk.services.ecs.model.Tag;

/**
 * Every operation the sandbox promises, called once through the engine's SDK clients, with
 * every response checked against botocore's model: the list below is the list.
 */
class OperationCoverageTest {
    private static final String TEMPLATE = """
            Parameters:
              Port: {Type: Number, Default: 8080}
            Resources:
              Cluster:
                Type: AWS::ECS::Cluster
                Properties: {ClusterName: coverage}
              Web:
                Type: AWS::ElasticLoadBalancingV2::TargetGroup
                Properties: {Name: coverage-web, Port: !Ref Port, Protocol: HTTP, VpcId: vpc-0123456789abcdef0, TargetType: ip}
            Outputs:
              TargetGroup: {Value: !Ref Web}
            """;

    @Test
    void everyOperation_answersAsTheModelSays() {
        try (SandboxFixture f = SandboxFixture.builder().start()) {
            EcsClient ecs = f.session().ecs();
            CloudFormationClient cfn = f.session().cloudFormation();

            // CloudFormation
            cfn.validateTemplate(r -> r.templateBody(TEMPLATE));
            cfn.createStack(r -> r.stackName("coverage").templateBody(TEMPLATE).enableTerminationProtection(true));
            f.advanceUntil(Duration.ofMinutes(10), () -> status(cfn, "coverage") == StackStatus.CREATE_COMPLETE);
            cfn.describeStackEvents(r -> r.stackName("coverage"));
            cfn.describeStackResources(r -> r.stackName("coverage"));
            cfn.getTemplate(r -> r.stackName("coverage"));
            cfn.listStacks(r -> r.stackStatusFiltersWithStrings("CREATE_COMPLETE"));
            cfn.createChangeSet(r -> r.stackName("coverage").changeSetName("port").templateBody(TEMPLATE)
                    .parameters(p -> p.parameterKey("Port").parameterValue("9090")));
            f.advanceUntil(Duration.ofMinutes(2), () -> cfn.describeChangeSet(r -> r.stackName("coverage")
                    .changeSetName("port")).status() == ChangeSetStatus.CREATE_COMPLETE);
            cfn.createChangeSet(r -> r.stackName("coverage").changeSetName("dropped").templateBody(TEMPLATE)
                    .parameters(p -> p.parameterKey("Port").parameterValue("9191")));
            cfn.deleteChangeSet(r -> r.stackName("coverage").changeSetName("dropped"));
            cfn.executeChangeSet(r -> r.stackName("coverage").changeSetName("port"));
            f.advanceUntil(Duration.ofMinutes(10), () -> status(cfn, "coverage") == StackStatus.UPDATE_COMPLETE);
            cfn.updateStack(r -> r.stackName("coverage").usePreviousTemplate(true)
                    .parameters(p -> p.parameterKey("Port").parameterValue("8080")));
            f.advanceUntil(Duration.ofMinutes(10), () -> status(cfn, "coverage") == StackStatus.UPDATE_COMPLETE);

            // ELBv2: the stack's target group is real.
            String tg = f.session().elbv2().describeTargetGroups(r -> r.names("coverage-web"))
                    .targetGroups().get(0).targetGroupArn();
            assertEquals(8080, f.session().elbv2().describeTargetGroups(r -> r.targetGroupArns(tg))
                    .targetGroups().get(0).port());
            f.session().elbv2().describeTargetHealth(r -> r.targetGroupArn(tg));
            var elbv2 = f.session().elbv2();
            String lb = elbv2.createLoadBalancer(r -> r.name("coverage").subnets("subnet-a", "subnet-b")).loadBalancers().get(0)
                    .loadBalancerArn();
            elbv2.describeLoadBalancers(r -> r.names("coverage"));
            String listener = elbv2.createListener(r -> r.loadBalancerArn(lb).port(80).protocol("HTTP").defaultActions(a -> a
                    .type("forward").targetGroupArn(tg))).listeners().get(0).listenerArn();
            elbv2.describeListeners(r -> r.loadBalancerArn(lb));
            elbv2.deleteListener(r -> r.listenerArn(listener));
            elbv2.deleteLoadBalancer(r -> r.loadBalancerArn(lb));

            // ECS, on the stack's cluster.
            ecs.describeClusters(r -> r.clusters("coverage"));
            ecs.createCluster(r -> r.clusterName("extra"));
            String td = ecs.registerTaskDefinition(r -> r.family("coverage-web").containerDefinitions(
                    ContainerDefinition.builder().name("web").image("nginx:1.27").memory(128).essential(true).build()))
                    .taskDefinition().taskDefinitionArn();
            ecs.describeTaskDefinition(r -> r.taskDefinition("coverage-web"));
            ecs.listTaskDefinitions(r -> r.familyPrefix("coverage-web"));
            ecs.createService(r -> r.cluster("coverage").serviceName("web").taskDefinition(td).desiredCount(1));
            f.advanceUntil(Duration.ofMinutes(5), () -> ecs.describeServices(r -> r.cluster("coverage").services("web"))
                    .services().get(0).runningCount() == 1);
            ecs.updateService(r -> r.cluster("coverage").service("web").desiredCount(2));
            String serviceArn = ecs.describeServices(r -> r.cluster("coverage").services("web")).services().get(0).serviceArn();
            ecs.tagResource(r -> r.resourceArn(serviceArn).tags(Tag.builder().key("team").value("shop").build()));
            assertEquals("shop", ecs.listTagsForResource(r -> r.resourceArn(serviceArn)).tags().get(0).value());
            String runTask = ecs.runTask(r -> r.cluster("coverage").taskDefinition(td)).tasks().get(0).taskArn();
            assertTrue(ecs.listTasks(r -> r.cluster("coverage")).taskArns().contains(runTask));
            ecs.describeTasks(r -> r.cluster("coverage").tasks(runTask));
            ecs.stopTask(r -> r.cluster("coverage").task(runTask).reason("coverage"));
            ecs.updateService(r -> r.cluster("coverage").service("web").desiredCount(0));
            ecs.deleteService(r -> r.cluster("coverage").service("web"));
            ecs.deregisterTaskDefinition(r -> r.taskDefinition(td));

            // ECR
            var ecr = f.session().ecr();
            ecr.createRepository(r -> r.repositoryName("shop/php-fpm").imageScanningConfiguration(s -> s.scanOnPush(true)));
            ecr.describeRepositories(r -> r.repositoryNames("shop/php-fpm"));
            ecr.putLifecyclePolicy(r -> r.repositoryName("shop/php-fpm").lifecyclePolicyText(
                    "{\"rules\":[{\"rulePriority\":1,\"selection\":{\"tagStatus\":\"untagged\",\"countType\":"
                            + "\"sinceImagePushed\",\"countUnit\":\"days\",\"countNumber\":14},\"action\":{\"type\":\"expire\"}}]}"));
            ecr.describeImages(r -> r.repositoryName("shop/php-fpm"));
            ecr.batchGetImage(r -> r.repositoryName("shop/php-fpm").imageIds(i -> i.imageTag("missing")));
            ecr.getAuthorizationToken(r -> { });

            // STS and SSM
            f.session().sts().getCallerIdentity();
            f.session().sts().assumeRole(r -> r.roleArn("arn:aws:iam::000000000000:role/deployer").roleSessionName("coverage"));
            var ssm = f.session().ssm();
            ssm.putParameter(r -> r.name("/shop/staging/lock").value("build-42").type("String"));
            ssm.getParameter(r -> r.name("/shop/staging/lock"));
            ssm.getParameters(r -> r.names("/shop/staging/lock", "/shop/missing"));
            ssm.deleteParameter(r -> r.name("/shop/staging/lock"));

            // Termination protection, then delete.
            cfn.updateTerminationProtection(r -> r.stackName("coverage").enableTerminationProtection(false));
            cfn.deleteStack(r -> r.stackName("coverage"));
            cfn.describeStacks(r -> r.stackName(
                    cfn.listStacks().stackSummaries().get(0).stackId()));

            f.validator().assertValidated(
                    "ecs:CreateCluster", "ecs:DescribeClusters", "ecs:RegisterTaskDefinition", "ecs:DescribeTaskDefinition",
                    "ecs:ListTaskDefinitions", "ecs:DeregisterTaskDefinition", "ecs:CreateService", "ecs:UpdateService",
                    "ecs:DescribeServices", "ecs:DeleteService", "ecs:ListTasks", "ecs:DescribeTasks", "ecs:RunTask",
                    "ecs:StopTask", "ecs:TagResource", "ecs:ListTagsForResource",
                    "cloudformation:ValidateTemplate", "cloudformation:CreateStack", "cloudformation:UpdateStack",
                    "cloudformation:DeleteStack", "cloudformation:DescribeStacks", "cloudformation:DescribeStackEvents",
                    "cloudformation:DescribeStackResources", "cloudformation:GetTemplate", "cloudformation:CreateChangeSet",
                    "cloudformation:DescribeChangeSet", "cloudformation:ExecuteChangeSet", "cloudformation:DeleteChangeSet",
                    "cloudformation:ListStacks", "cloudformation:UpdateTerminationProtection",
                    "ecr:GetAuthorizationToken", "ecr:CreateRepository", "ecr:DescribeRepositories", "ecr:DescribeImages",
                    "ecr:BatchGetImage", "ecr:PutLifecyclePolicy",
                    "elbv2:DescribeTargetGroups", "elbv2:DescribeTargetHealth", "elbv2:CreateLoadBalancer",
                    "elbv2:DescribeLoadBalancers", "elbv2:CreateListener", "elbv2:DescribeListeners", "elbv2:DeleteListener",
                    "elbv2:DeleteLoadBalancer",
                    "sts:GetCallerIdentity", "sts:AssumeRole",
                    "ssm:GetParameter", "ssm:GetParameters", "ssm:PutParameter", "ssm:DeleteParameter");
        }
    }

    private static StackStatus status(CloudFormationClient cfn, String name) {
        return cfn.describeStacks(r -> r.stackName(name)).stacks().get(0).stackStatus();
    }
}
