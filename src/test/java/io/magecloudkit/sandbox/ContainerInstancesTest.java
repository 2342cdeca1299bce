package io.magecloudkit.sandbox;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.cloudformation.model.Parameter;
import software.amazon.awssdk.services.ecs.EcsClient;
import software.amazon.awssdk.services.ecs.model.ContainerDefinition;
import software.amazon.awssdk.services.ecs.model.ContainerInstance;
import software.amazon.awssdk.services.ecs.model.ContainerInstanceStatus;
import software.amazon.awssdk.services.ecs.model.Failure;
import software.amazon.awssdk.services.ecs.model.PlacementStrategy;
import software.amazon.awssdk.services.ecs.model.PlacementStrategyType;
import software.amazon.awssdk.services.ecs.model.PortMapping;
import software.amazon.awssdk.services.ecs.model.Resource;
import software.amazon.awssdk.services.ecs.model.RunTaskResponse;
import software.amazon.awssdk.services.ecs.model.Service;
import software.amazon.awssdk.services.ecs.model.Task;

/**
 * ECS on EC2 capacity through the real SDK: container instances registered through the admin
 * API, placement by memory and ports, a task too large for every instance, a rolling update
 * that waits for room, draining, and launch timings under --speed. Every answer is checked
 * against botocore's model by the fixture.
 */
class ContainerInstancesTest {
    SandboxFixture f;
    EcsClient ecs;

    void start(double speed) {
        f = SandboxFixture.builder().sandbox(c -> c.speed(speed)).start();
        ecs = f.session().ecs();
        ecs.createCluster(r -> r.clusterName("apps"));
    }

    @AfterEach
    void stop() {
        if (f != null) {
            f.close();
        }
    }

    List<String> addInstances(String type, int count) {
        JsonNode out = f.admin("POST", "ecs/container-instances",
                "{\"cluster\": \"apps\", \"instanceType\": \"" + type + "\", \"count\": " + count + "}");
        return toList(out.path("containerInstanceArns"));
    }

    static List<String> toList(JsonNode array) {
        List<String> out = new ArrayList<>();
        array.forEach(n -> out.add(n.asText()));
        return out;
    }

    String register(String family, String image, int memory, Integer hostPort) {
        PortMapping.Builder port = PortMapping.builder().containerPort(80);
        if (hostPort != null) {
            port.hostPort(hostPort);
        }
        return ecs.registerTaskDefinition(r -> r.family(family).containerDefinitions(ContainerDefinition.builder().name("web")
                .image(image).cpu(256).memory(memory).portMappings(port.build()).build())).taskDefinition().taskDefinitionArn();
    }

    ContainerInstance instance(String arn) {
        return ecs.describeContainerInstances(r -> r.cluster("apps").containerInstances(arn)).containerInstances().get(0);
    }

    Service service(String name) {
        return ecs.describeServices(r -> r.cluster("apps").services(name)).services().get(0);
    }

    int resource(List<Resource> resources, String name) {
        return resources.stream().filter(x -> x.name().equals(name)).findFirst().orElseThrow().integerValue();
    }

    @Test
    void registeredInstances_reportTheirTypesResourcesAndTasks() {
        start(0.001);
        List<String> arns = addInstances("m6i.large", 2);
        assertEquals(arns, ecs.listContainerInstances(r -> r.cluster("apps")).containerInstanceArns());
        assertEquals(2, ecs.describeClusters(r -> r.clusters("apps")).clusters().get(0).registeredContainerInstancesCount());
        String td = register("web", "nginx:1", 1024, 8080);
        RunTaskResponse run = ecs.runTask(r -> r.cluster("apps").taskDefinition(td));
        assertEquals(List.of(), run.failures());
        String on = run.tasks().get(0).containerInstanceArn();
        assertTrue(arns.contains(on), on);
        ContainerInstance i = instance(on);
        assertEquals(2048, resource(i.registeredResources(), "CPU"));
        assertEquals(7987, resource(i.registeredResources(), "MEMORY"));
        assertEquals(2048 - 256, resource(i.remainingResources(), "CPU"));
        assertEquals(7987 - 1024, resource(i.remainingResources(), "MEMORY"));
        assertTrue(i.remainingResources().stream().filter(x -> x.name().equals("PORTS")).findFirst().orElseThrow()
                .stringSetValue().contains("8080"));
        assertEquals(1, i.pendingTasksCount());
        f.advanceUntil(Duration.ofMinutes(2), () -> instance(on).runningTasksCount() == 1);
        assertEquals(0, instance(on).pendingTasksCount());
        assertTrue(i.attributes().stream().anyMatch(a -> a.name().equals("ecs.instance-type") && a.value().equals("m6i.large")));
    }

    private static final String APP_SERVERS = """
            Parameters:
              InstanceType: {Type: String, Default: m6i.large}
            Resources:
              Cluster:
                Type: AWS::ECS::Cluster
                Properties: {ClusterName: app}
              LaunchTemplate:
                Type: AWS::EC2::LaunchTemplate
                Properties:
                  LaunchTemplateData:
                    ImageId: ami-0123456789abcdef0
                    InstanceType: !Ref InstanceType
                    UserData: !Base64 "#!/bin/bash\necho ECS_CLUSTER=app >> /etc/ecs/ecs.config\necho ECS_RESERVED_MEMORY=256 >> /etc/ecs/ecs.config\n"
              Group:
                Type: AWS::AutoScaling::AutoScalingGroup
                Properties:
                  MinSize: "1"
                  MaxSize: "6"
                  DesiredCapacity: "3"
                  VPCZoneIdentifier: [subnet-0123456789abcdef0]
                  LaunchTemplate:
                    LaunchTemplateId: !Ref LaunchTemplate
                    Version: !GetAtt LaunchTemplate.LatestVersionNumber
              Provider:
                Type: AWS::ECS::CapacityProvider
                Properties:
                  AutoScalingGroupProvider:
                    AutoScalingGroupArn: !Ref Group
                    ManagedScaling: {Status: ENABLED, TargetCapacity: 100}
              Associations:
                Type: AWS::ECS::ClusterCapacityProviderAssociations
                Properties:
                  Cluster: !Ref Cluster
                  CapacityProviders: [!Ref Provider]
                  DefaultCapacityProviderStrategy:
                    - {CapacityProvider: !Ref Provider, Weight: 1}
            """;

    @Test
    void aStacksAutoScalingGroup_registersItsDesiredCapacityOfInstancesInTheCluster() {
        start(0.001);
        var cfn = f.session().cloudFormation();
        cfn.createStack(r -> r.stackName("app-servers").templateBody(APP_SERVERS));
        f.advanceUntil(Duration.ofMinutes(10), () -> cfn.describeStacks(r -> r.stackName("app-servers")).stacks().get(0)
                .stackStatusAsString().endsWith("_COMPLETE"));
        assertEquals("CREATE_COMPLETE", cfn.describeStacks(r -> r.stackName("app-servers")).stacks().get(0).stackStatusAsString());
        List<String> arns = ecs.listContainerInstances(r -> r.cluster("app")).containerInstanceArns();
        assertEquals(3, arns.size());
        String provider = cfn.describeStackResources(r -> r.stackName("app-servers").logicalResourceId("Provider"))
                .stackResources().get(0).physicalResourceId();
        for (ContainerInstance i : ecs.describeContainerInstances(r -> r.cluster("app").containerInstances(arns)).containerInstances()) {
            assertEquals(provider, i.capacityProviderName());
            // m6i.large: 8192 MiB less the kernel's 205 less the user data's ECS_RESERVED_MEMORY=256.
            assertEquals(8192 - 205 - 256, resource(i.registeredResources(), "MEMORY"));
            assertEquals("ACTIVE", i.status());
        }
    }

    @Test
    void theProjectsClusterTemplate_registersItsAppServersInItsCluster() throws Exception {
        start(0.001);
        // The public /aws/service/... parameter cannot be written (as on AWS): the ImageId parameter names one of ours.
        f.session().ssm().putParameter(r -> r.name("/shop/ecs-ami").value("ami-0123456789abcdef0").type("String"));
        String template = Files.readString(Path.of("resources/io/magecloudkit/cloudformation/cluster.yml"));
        var cfn = f.session().cloudFormation();
        Map<String, String> parameters = Map.ofEntries(Map.entry("Project", "shop"), Map.entry("Environment", "staging"),
                Map.entry("Cluster", "app"), Map.entry("PrivateSubnetIds", "subnet-0123456789abcdef0,subnet-0123456789abcdef1"),
                Map.entry("AppSecurityGroupId", "sg-0123456789abcdef0"),
                Map.entry("InstanceProfileArn", "arn:aws:iam::000000000000:instance-profile/shop-staging-app"),
                Map.entry("InstanceType", "c6i.xlarge"), Map.entry("MinSize", "1"), Map.entry("MaxSize", "4"),
                Map.entry("DesiredCapacity", "2"), Map.entry("ImageId", "/shop/ecs-ami"));
        cfn.createStack(r -> r.stackName("shop-staging-cluster-app").templateBody(template).parameters(parameters.entrySet().stream()
                .map(e -> Parameter.builder().parameterKey(e.getKey())
                        .parameterValue(e.getValue()).build()).toList()));
        f.advanceUntil(Duration.ofMinutes(10), () -> cfn.describeStacks(r -> r.stackName("shop-staging-cluster-app")).stacks().get(0)
                .stackStatusAsString().endsWith("_COMPLETE"));
        assertEquals("CREATE_COMPLETE", cfn.describeStacks(r -> r.stackName("shop-staging-cluster-app")).stacks().get(0).stackStatusAsString());
        List<String> arns = ecs.listContainerInstances(r -> r.cluster("shop-staging-app")).containerInstanceArns();
        assertEquals(2, arns.size());
        for (ContainerInstance i : ecs.describeContainerInstances(r -> r.cluster("shop-staging-app").containerInstances(arns))
                .containerInstances()) {
            assertEquals("shop-staging-app", i.capacityProviderName());
            assertEquals(4096, resource(i.registeredResources(), "CPU"));
            // c6i.xlarge: 8192 MiB less the kernel's 205 less the template's ECS_RESERVED_MEMORY=256, as config validation reckons it.
            assertEquals(8192 - 205 - 256, resource(i.registeredResources(), "MEMORY"));
            assertTrue(i.attributes().stream().anyMatch(a -> a.name().equals("ecs.instance-type") && a.value().equals("c6i.xlarge")));
        }
    }

    @Test
    void aTaskTooLargeForEveryInstance_failsRunTaskAndTheServiceSaysWhy() {
        start(0.001);
        List<String> arns = addInstances("t3.small", 2);
        String td = register("big", "php-fpm:1", 4096, null);
        RunTaskResponse run = ecs.runTask(r -> r.cluster("apps").taskDefinition(td));
        assertEquals(List.of(), run.tasks());
        assertEquals(arns, run.failures().stream().map(Failure::arn).toList());
        assertEquals(List.of("RESOURCE:MEMORY", "RESOURCE:MEMORY"), run.failures().stream().map(Failure::reason).toList());

        ecs.createService(r -> r.cluster("apps").serviceName("big").taskDefinition(td).desiredCount(1));
        f.advanceUntil(Duration.ofSeconds(5), () -> !service("big").events().isEmpty());
        String id = arns.get(0).substring(arns.get(0).lastIndexOf('/') + 1);
        assertEquals("(service big) was unable to place a task because no container instance met all of its requirements. "
                + "The closest matching (container-instance " + id + ") has insufficient memory available. "
                + "For more information, see the Troubleshooting section.", service("big").events().get(0).message());
        f.sandbox().advance(Duration.ofMinutes(2));
        assertEquals(0, ecs.listTasks(r -> r.cluster("apps").serviceName("big")).taskArns().size());
        // The scheduler keeps trying without repeating the event every second.
        assertEquals(1, service("big").events().size());
    }

    @Test
    void aFixedHostPort_allowsOneTaskPerInstance() {
        start(0.001);
        addInstances("c6i.xlarge", 1);
        String td = register("port", "nginx:1", 256, 80);
        RunTaskResponse run = ecs.runTask(r -> r.cluster("apps").taskDefinition(td).count(2));
        assertEquals(1, run.tasks().size());
        assertEquals(List.of("RESOURCE:PORTS"), run.failures().stream().map(Failure::reason).toList());
    }

    @Test
    void aRollingUpdateWithoutRoom_stallsAndCompletesOnceAnInstanceIsAdded() {
        start(0.001);
        addInstances("c6i.large", 1);
        String v1 = register("web", "nginx:1", 1800, null);
        ecs.createService(r -> r.cluster("apps").serviceName("web").taskDefinition(v1).desiredCount(2)
                .deploymentConfiguration(d -> d.minimumHealthyPercent(100).maximumPercent(200)));
        f.advanceUntil(Duration.ofMinutes(2), () -> service("web").runningCount() == 2
                && "COMPLETED".equals(service("web").deployments().get(0).rolloutStateAsString()));

        String v2 = register("web", "nginx:2", 1800, null);
        ecs.updateService(r -> r.cluster("apps").service("web").taskDefinition(v2));
        f.sandbox().advance(Duration.ofMinutes(5));
        f.advanceUntil(Duration.ofSeconds(2), () -> true);
        Service stalled = service("web");
        assertEquals("IN_PROGRESS", stalled.deployments().get(0).rolloutStateAsString());
        assertEquals(0, stalled.deployments().get(0).runningCount() + stalled.deployments().get(0).pendingCount());
        assertEquals(2, stalled.runningCount());
        assertTrue(stalled.events().get(0).message().endsWith("has insufficient memory available. For more information, see the Troubleshooting section."),
                stalled.events().get(0).message());

        addInstances("c6i.large", 1);
        f.advanceUntil(Duration.ofMinutes(5), () -> {
            Service s = service("web");
            return s.deployments().size() == 1 && "COMPLETED".equals(s.deployments().get(0).rolloutStateAsString());
        });
        List<Task> tasks = ecs.describeTasks(r -> r.cluster("apps")
                .tasks(ecs.listTasks(l -> l.cluster("apps").serviceName("web")).taskArns())).tasks();
        assertEquals(List.of(v2, v2), tasks.stream().map(Task::taskDefinitionArn).toList());
    }

    @Test
    void drainingAnInstance_movesItsServiceTasksElsewhere() {
        start(0.001);
        List<String> arns = addInstances("m6i.large", 2);
        String td = register("web", "nginx:1", 512, null);
        ecs.createService(r -> r.cluster("apps").serviceName("web").taskDefinition(td).desiredCount(2)
                .placementStrategy(PlacementStrategy.builder().type(PlacementStrategyType.SPREAD).field("instanceId").build()));
        f.advanceUntil(Duration.ofMinutes(2), () -> service("web").runningCount() == 2);
        assertEquals(1, instance(arns.get(0)).runningTasksCount());
        assertEquals(1, instance(arns.get(1)).runningTasksCount());

        ContainerInstance draining = ecs.updateContainerInstancesState(r -> r.cluster("apps").containerInstances(arns.get(0))
                .status(ContainerInstanceStatus.DRAINING)).containerInstances().get(0);
        assertEquals("DRAINING", draining.status());
        assertEquals(List.of(arns.get(0)), ecs.listContainerInstances(r -> r.cluster("apps").status(ContainerInstanceStatus.DRAINING))
                .containerInstanceArns());
        BooleanSupplier moved = () -> instance(arns.get(0)).runningTasksCount() == 0 && instance(arns.get(0)).pendingTasksCount() == 0
                && instance(arns.get(1)).runningTasksCount() == 2 && service("web").runningCount() == 2;
        f.advanceUntil(Duration.ofMinutes(3), moved);
        // Its replacement started before it stopped: the service never went below its minimum healthy count of 2.
        assertTrue(service("web").events().stream().anyMatch(e -> e.message().startsWith("(service web) has stopped 1 running tasks")));
    }

    @Test
    void launchTimings_comeFromTheBehaviourFile_perImage_andScaleWithSpeed() {
        // One simulated hour per real second: the 40 s pull passes in about 11 ms of real time.
        start(3600);
        f.admin("PUT", "faults", "{\"launch\": {\"provisioningSeconds\": 5, \"startSeconds\": 4,"
                + " \"images\": [{\"image\": \"registry/php-fpm\", \"pullSeconds\": 40}]}}");
        String php = register("php", "registry/php-fpm:7", 256, null);
        String nginx = register("nginx", "registry/nginx:7", 256, null);
        long realStart = System.nanoTime();
        String phpTask = ecs.runTask(r -> r.cluster("apps").taskDefinition(php)).tasks().get(0).taskArn();
        String nginxTask = ecs.runTask(r -> r.cluster("apps").taskDefinition(nginx)).tasks().get(0).taskArn();
        awaitReal(Duration.ofSeconds(20), () -> ecs.describeTasks(r -> r.cluster("apps").tasks(phpTask, nginxTask)).tasks().stream()
                .allMatch(t -> "RUNNING".equals(t.lastStatus())));
        long realMillis = (System.nanoTime() - realStart) / 1_000_000;
        Task p = ecs.describeTasks(r -> r.cluster("apps").tasks(phpTask)).tasks().get(0);
        Task n = ecs.describeTasks(r -> r.cluster("apps").tasks(nginxTask)).tasks().get(0);
        assertEquals(40, Duration.between(p.pullStartedAt(), p.pullStoppedAt()).toSeconds());
        assertEquals(20, Duration.between(n.pullStartedAt(), n.pullStoppedAt()).toSeconds());
        assertEquals(4, Duration.between(p.pullStoppedAt(), p.startedAt()).toSeconds());
        assertTrue(Duration.between(p.createdAt(), p.startedAt()).toSeconds() >= 5 + 40 + 4);
        // 49 simulated seconds passed in far less real time (at speed 1 this could not hold).
        assertTrue(realMillis < 20_000, realMillis + " ms");
        assertEquals(Map.of("provisioningSeconds", 5, "startSeconds", 4), Map.of(
                "provisioningSeconds", f.admin("GET", "faults", null).path("launch").path("provisioningSeconds").asInt(),
                "startSeconds", f.admin("GET", "faults", null).path("launch").path("startSeconds").asInt()));
    }

    /** Polls a condition on real time (the sandbox clock runs by itself here), failing after the limit. */
    static void awaitReal(Duration limit, BooleanSupplier condition) {
        long deadline = System.nanoTime() + limit.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("condition not reached within " + limit + " of real time");
            }
            LockSupport.parkNanos(5_000_000);
        }
    }
}
