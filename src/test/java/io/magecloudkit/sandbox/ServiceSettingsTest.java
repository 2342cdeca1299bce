package io.magecloudkit.sandbox;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.ecs.EcsClient;
import software.amazon.awssdk.services.ecs.model.CapacityProviderStrategyItem;
import software.amazon.awssdk.services.ecs.model.CreateServiceRequest;
import software.amazon.awssdk.services.ecs.model.InvalidParameterException;
import software.amazon.awssdk.services.ecs.model.LaunchType;
import software.amazon.awssdk.services.ecs.model.LoadBalancer;
import software.amazon.awssdk.services.ecs.model.PlacementConstraintType;
import software.amazon.awssdk.services.ecs.model.PlacementStrategyType;
import software.amazon.awssdk.services.ecs.model.PropagateTags;
import software.amazon.awssdk.services.ecs.model.Service;
import software.amazon.awssdk.services.ecs.model.ServiceField;
import software.amazon.awssdk.services.ecs.model.Tag;
import software.amazon.awssdk.services.ecs.model.TaskField;

/**
 * What CreateService and UpdateService accept comes back from DescribeServices the way the ECS API reference
 * documents it, through the SDK (every answer checked against botocore's model by the fixture): a capacity provider
 * strategy or a launch type, Fargate's platform, tag propagation, the role, the grace period, placement; and ECS's
 * refusals, worded as ECS words them, change nothing.
 */
class ServiceSettingsTest {
    static SandboxFixture f;
    static EcsClient ecs;
    static String td;
    static String awsvpcTd;

    @BeforeAll
    static void start() {
        f = SandboxFixture.builder().sandbox(c -> c.speed(0.001)).start();
        ecs = f.session().ecs();
        ecs.createCluster(r -> r.clusterName("settings"));
        td = EcsApiTest.register(ecs, "settings-web", "web:1");
        awsvpcTd = ecs.registerTaskDefinition(r -> r.family("settings-vpc").networkMode("awsvpc").cpu("256").memory("512")
                .containerDefinitions(c -> c.name("web").image("web:1").essential(true).portMappings(p -> p.containerPort(80))))
                .taskDefinition().taskDefinitionArn();
    }

    @AfterAll
    static void stop() {
        f.close();
    }

    private static Service create(String name, Consumer<CreateServiceRequest.Builder> more) {
        return ecs.createService(r -> more.accept(r.cluster("settings").serviceName(name).taskDefinition(td).desiredCount(1))).service();
    }

    private static Service describe(String name, ServiceField... include) {
        return ecs.describeServices(r -> r.cluster("settings").services(name).include(include)).services().get(0);
    }

    private static CapacityProviderStrategyItem provider(String name, int weight, int base) {
        return CapacityProviderStrategyItem.builder().capacityProvider(name).weight(weight).base(base).build();
    }

    private static void assertRefused(String message, Runnable call) {
        InvalidParameterException e = assertThrows(InvalidParameterException.class, call::run);
        assertEquals(message, e.awsErrorDetails().errorMessage());
    }

    @Test
    void aCapacityProviderStrategy_isDescribedInsteadOfTheLaunchType_withTagsPropagatedToItsTasks() {
        String tg = "arn:aws:elasticloadbalancing:us-east-1:000000000000:targetgroup/settings/0123456789abcdef";
        create("cp", r -> r.capacityProviderStrategy(provider("settings-asg", 1, 1), provider("settings-asg-2", 2, 0))
                .propagateTags(PropagateTags.SERVICE).enableECSManagedTags(true).enableExecuteCommand(true)
                .tags(Tag.builder().key("app").value("shop").build())
                .loadBalancers(LoadBalancer.builder().targetGroupArn(tg).containerName("web").containerPort(80).build())
                .placementConstraints(c -> c.type(PlacementConstraintType.DISTINCT_INSTANCE))
                .placementStrategy(p -> p.type(PlacementStrategyType.SPREAD).field("attribute:ecs.availability-zone"))
                .serviceRegistries(s -> s.registryArn("arn:aws:servicediscovery:us-east-1:000000000000:service/srv-1")));
        Service s = describe("cp");
        assertNull(s.launchType(), "ECS describes a strategy or a launch type, not both");
        assertEquals(List.of(provider("settings-asg", 1, 1), provider("settings-asg-2", 2, 0)), s.capacityProviderStrategy());
        assertEquals(s.capacityProviderStrategy(), s.deployments().get(0).capacityProviderStrategy());
        assertNull(s.deployments().get(0).launchType());
        assertNull(s.platformVersion(), "EC2 capacity has no platform version");
        assertEquals(PropagateTags.SERVICE, s.propagateTags());
        assertTrue(s.enableECSManagedTags());
        assertTrue(s.enableExecuteCommand());
        assertEquals(0, s.healthCheckGracePeriodSeconds(), "with a load balancer and none given, ECS describes 0");
        assertEquals("arn:aws:iam::000000000000:role/aws-service-role/ecs.amazonaws.com/AWSServiceRoleForECS", s.roleArn());
        assertEquals(PlacementConstraintType.DISTINCT_INSTANCE, s.placementConstraints().get(0).type());
        assertEquals("attribute:ecs.availability-zone", s.placementStrategy().get(0).field());
        assertEquals("arn:aws:servicediscovery:us-east-1:000000000000:service/srv-1", s.serviceRegistries().get(0).registryArn());
        assertEquals("REPLICA", s.schedulingStrategyAsString());
        assertTrue(s.tags().isEmpty(), "tags only when asked for, as on AWS");
        assertEquals(List.of(Tag.builder().key("app").value("shop").build()), describe("cp", ServiceField.TAGS).tags());

        f.advanceUntil(Duration.ofMinutes(2), () -> describe("cp").runningCount() == 1);
        var task = ecs.describeTasks(r -> r.cluster("settings").include(TaskField.TAGS)
                .tasks(ecs.listTasks(l -> l.cluster("settings").serviceName("cp")).taskArns())).tasks().get(0);
        assertEquals("settings-asg", task.capacityProviderName(), "the provider whose base is not met yet launches first");
        assertEquals(LaunchType.EC2, task.launchType());
        assertTrue(task.enableExecuteCommand());
        assertEquals(Map.of("app", "shop", "aws:ecs:clusterName", "settings", "aws:ecs:serviceName", "cp"),
                task.tags().stream().collect(Collectors.toMap(Tag::key, Tag::value)));
    }

    @Test
    void aLaunchTypeAndAStrategyTogether_areRefused_andNothingIsCreated() {
        assertRefused("Specifying both a launch type and capacity provider strategy is not supported. Remove one and try again.",
                () -> create("both", r -> r.launchType(LaunchType.EC2).capacityProviderStrategy(provider("settings-asg", 1, 0))));
        assertRefused("The specified capacity provider strategy cannot contain a mix of capacity providers using Auto Scaling groups"
                + " and Fargate providers. Specify one or the other and try again.",
                () -> create("both", r -> r.capacityProviderStrategy(provider("FARGATE", 1, 0), provider("settings-asg", 1, 0))));
        assertEquals("MISSING", ecs.describeServices(r -> r.cluster("settings").services("both")).failures().get(0).reason());
    }

    @Test
    void fargate_hasAPlatformVersionAndFamily_ec2_refusesOne() {
        create("fg", r -> r.taskDefinition(awsvpcTd).launchType(LaunchType.FARGATE)
                .networkConfiguration(n -> n.awsvpcConfiguration(a -> a.subnets("subnet-1").securityGroups("sg-1"))));
        Service s = describe("fg");
        assertEquals(LaunchType.FARGATE, s.launchType());
        assertEquals("LATEST", s.platformVersion());
        assertEquals("Linux", s.platformFamily());
        assertEquals("1.4.0", s.deployments().get(0).platformVersion(), "a deployment runs LATEST resolved");
        assertEquals("DISABLED", s.networkConfiguration().awsvpcConfiguration().assignPublicIpAsString(), "ECS's default, filled in");
        assertNull(s.roleArn(), "no load balancer, no role");

        create("fg-spot", r -> r.taskDefinition(awsvpcTd).capacityProviderStrategy(provider("FARGATE_SPOT", 1, 0)).platformVersion("1.4.0")
                .networkConfiguration(n -> n.awsvpcConfiguration(a -> a.subnets("subnet-1"))));
        assertEquals("1.4.0", describe("fg-spot").platformVersion());
        assertEquals("Linux", describe("fg-spot").platformFamily());
        // Moved from EC2 to a Fargate provider: the platform comes with it.
        create("to-fargate", r -> r.taskDefinition(awsvpcTd).launchType(LaunchType.EC2)
                .networkConfiguration(n -> n.awsvpcConfiguration(a -> a.subnets("subnet-1"))));
        Service moved = ecs.updateService(r -> r.cluster("settings").service("to-fargate").forceNewDeployment(true)
                .capacityProviderStrategy(provider("FARGATE", 1, 0))).service();
        assertEquals("LATEST", moved.platformVersion());
        assertEquals("Linux", moved.platformFamily());

        assertRefused("The platform version must be null when specifying an EC2 launch type.",
                () -> create("ec2-pv", r -> r.launchType(LaunchType.EC2).platformVersion("1.4.0")));
        create("ec2", r -> r.launchType(LaunchType.EC2));
        assertRefused("The platform version must be null when specifying an EC2 launch type.",
                () -> ecs.updateService(r -> r.cluster("settings").service("ec2").platformVersion("LATEST")));
    }

    @Test
    void aGracePeriodNeedsALoadBalancer_andARoleIsNotForAwsvpc() {
        assertRefused("Health check grace period is only valid for services configured to use load balancers",
                () -> create("grace", r -> r.healthCheckGracePeriodSeconds(30)));
        assertRefused("You cannot specify an IAM role for services that require a service linked role.",
                () -> create("role", r -> r.taskDefinition(awsvpcTd).role("ecsServiceRole")
                        .networkConfiguration(n -> n.awsvpcConfiguration(a -> a.subnets("subnet-1")))));
        String tg = "arn:aws:elasticloadbalancing:us-east-1:000000000000:targetgroup/role/0123456789abcdef";
        create("role", r -> r.role("ecsServiceRole").healthCheckGracePeriodSeconds(45)
                .loadBalancers(LoadBalancer.builder().targetGroupArn(tg).containerName("web").containerPort(80).build()));
        assertEquals("arn:aws:iam::000000000000:role/ecsServiceRole", describe("role").roleArn());
        assertEquals(45, describe("role").healthCheckGracePeriodSeconds());
        assertRefused("Health check grace period is only valid for services configured to use load balancers",
                () -> ecs.updateService(r -> r.cluster("settings").service("fg").healthCheckGracePeriodSeconds(10)));
    }

    @Test
    void updatingTheStrategy_needsForceNewDeployment_asOnEcs() {
        Service before = create("move", r -> r.launchType(LaunchType.EC2));
        String moving = "When switching from launch type to capacity provider strategy on an existing service, or making a change to a"
                + " capacity provider strategy on a service that is already using one, you must force a new deployment.";
        assertRefused(moving, () -> ecs.updateService(r -> r.cluster("settings").service("move")
                .capacityProviderStrategy(provider("settings-asg", 1, 0)).desiredCount(3)));
        Service unchanged = describe("move");
        assertEquals(LaunchType.EC2, unchanged.launchType());
        assertEquals(1, unchanged.desiredCount(), "a refused update changes nothing");
        assertEquals(1, unchanged.deployments().size());

        Service moved = ecs.updateService(r -> r.cluster("settings").service("move").forceNewDeployment(true)
                .capacityProviderStrategy(provider("settings-asg", 1, 0))).service();
        assertNull(moved.launchType());
        assertEquals(List.of(provider("settings-asg", 1, 0)), moved.capacityProviderStrategy());
        assertEquals(2, moved.deployments().size());
        assertNotEquals(before.deployments().get(0).id(), moved.deployments().get(0).id());
        assertEquals(moved.capacityProviderStrategy(), moved.deployments().get(0).capacityProviderStrategy());
        assertEquals(LaunchType.EC2, moved.deployments().get(1).launchType(), "the old deployment keeps what it ran on");

        // The same strategy again is no change; another one needs the forced deployment again.
        assertEquals(2, ecs.updateService(r -> r.cluster("settings").service("move").capacityProviderStrategy(provider("settings-asg", 1, 0)))
                .service().deployments().size());
        assertRefused(moving, () -> ecs.updateService(r -> r.cluster("settings").service("move")
                .capacityProviderStrategy(provider("settings-asg", 2, 1))));
        assertRefused("The platform version must be null when specifying an EC2 launch type.", () -> ecs.updateService(r -> r
                .cluster("settings").service("move").forceNewDeployment(true).platformVersion("1.4.0")
                .capacityProviderStrategy(provider("settings-asg-2", 1, 0))));
        assertEquals(List.of(provider("settings-asg", 1, 0)), describe("move").capacityProviderStrategy(), "refused: nothing changed");
        // An empty strategy, forced, puts the service back on its launch type.
        Service back = ecs.updateService(r -> r.cluster("settings").service("move").forceNewDeployment(true)
                .capacityProviderStrategy(List.of())).service();
        assertEquals(LaunchType.EC2, back.launchType());
        assertTrue(back.capacityProviderStrategy().isEmpty());
    }

    @Test
    void tagPropagationAndEcsExec_changeWithoutANewDeployment() {
        create("flags", r -> { });
        Service updated = ecs.updateService(r -> r.cluster("settings").service("flags").propagateTags(PropagateTags.TASK_DEFINITION)
                .enableECSManagedTags(true).enableExecuteCommand(true)).service();
        assertEquals(PropagateTags.TASK_DEFINITION, updated.propagateTags());
        assertTrue(updated.enableECSManagedTags());
        assertTrue(updated.enableExecuteCommand());
        assertEquals(1, updated.deployments().size(), "only later tasks take them, as the API reference says");
        // Not sent is not false: an update of something else leaves them as they are.
        Service later = ecs.updateService(r -> r.cluster("settings").service("flags").desiredCount(0)).service();
        assertTrue(later.enableExecuteCommand());
        assertEquals(PropagateTags.TASK_DEFINITION, later.propagateTags());
    }

    @Test
    void aServiceArn_takesTagResourceUntagResourceAndListTagsForResource() {
        String arn = create("tagged", r -> r.tags(Tag.builder().key("team").value("shop").build())).serviceArn();
        ecs.tagResource(r -> r.resourceArn(arn).tags(Tag.builder().key("env").value("staging").build()));
        assertEquals(Map.of("team", "shop", "env", "staging"), ecs.listTagsForResource(r -> r.resourceArn(arn)).tags().stream()
                .collect(Collectors.toMap(Tag::key, Tag::value)));
        ecs.untagResource(r -> r.resourceArn(arn).tagKeys("team"));
        assertEquals(List.of(Tag.builder().key("env").value("staging").build()), ecs.listTagsForResource(r -> r.resourceArn(arn)).tags());
        assertEquals(List.of(Tag.builder().key("env").value("staging").build()), describe("tagged", ServiceField.TAGS).tags());
    }

    @Test
    void whatTheSandboxDoesNotSimulate_isRefusedInsteadOfIgnored() {
        assertRefused("The sandbox simulates REPLICA services only, not the DAEMON scheduling strategy.",
                () -> create("daemon", r -> r.schedulingStrategy("DAEMON").desiredCount(null)));
        assertRefused("The sandbox simulates the ECS (rolling update) deployment controller only, not CODE_DEPLOY.",
                () -> create("bluegreen", r -> r.deploymentController(c -> c.type("CODE_DEPLOY"))));
        assertFalse(ecs.listServices(r -> r.cluster("settings")).serviceArns().stream().anyMatch(a -> a.endsWith("/daemon")));
    }

    @Test
    void listServicesByLaunchType_leavesOutServicesOnAStrategy() {
        create("listed-ec2", r -> r.launchType(LaunchType.EC2));
        create("listed-cp", r -> r.capacityProviderStrategy(provider("settings-asg", 1, 0)));
        List<String> ec2 = ecs.listServices(r -> r.cluster("settings").launchType(LaunchType.EC2).maxResults(100)).serviceArns();
        assertTrue(ec2.stream().anyMatch(a -> a.endsWith("/listed-ec2")), ec2.toString());
        assertFalse(ec2.stream().anyMatch(a -> a.endsWith("/listed-cp")), ec2.toString());
    }
}
