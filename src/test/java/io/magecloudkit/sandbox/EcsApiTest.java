package io.magecloudkit.sandbox;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import software.amazon.awssdk.services.ecs.EcsClient;
import software.amazon.awssdk.services.ecs.model.ClientException;
import software.amazon.awssdk.services.ecs.model.ClusterField;
import software.amazon.awssdk.services.ecs.model.ClusterNotFoundException;
import software.amazon.awssdk.services.ecs.model.ContainerDefinition;
import software.amazon.awssdk.services.ecs.model.PortMapping;
import software.amazon.awssdk.services.ecs.model.DesiredStatus;
import software.amazon.awssdk.services.ecs.model.InvalidParameterException;
import software.amazon.awssdk.services.ecs.model.ServiceNotFoundException;
import software.amazon.awssdk.services.ecs.model.Tag;
import software.amazon.awssdk.services.ecs.model.Task;
import software.amazon.awssdk.services.ecs.model.TaskDefinitionField;

/** Every ECS operation the engine uses, through the SDK: the happy path and its main error. */
class EcsApiTest {
    static SandboxFixture f;
    static EcsClient ecs;

    @BeforeAll
    static void start() {
        f = SandboxFixture.builder().sandbox(c -> c.speed(0.001)).start();
        ecs = f.session().ecs();
    }

    @AfterAll
    static void stop() {
        f.close();
    }

    static String register(EcsClient ecs, String family, String image) {
        return ecs.registerTaskDefinition(r -> r.family(family).cpu("256").memory("512")
                .containerDefinitions(ContainerDefinition.builder().name("web").image(image).essential(true)
                        .portMappings(PortMapping.builder().containerPort(80).build()).build()))
                .taskDefinition().taskDefinitionArn();
    }

    @Test
    void clusters() {
        var created = ecs.createCluster(r -> r.clusterName("api-clusters").tags(Tag.builder().key("env").value("test").build())).cluster();
        assertEquals("arn:aws:ecs:us-east-1:000000000000:cluster/api-clusters", created.clusterArn());
        assertEquals("ACTIVE", created.status());
        var described = ecs.describeClusters(r -> r.clusters("api-clusters", "nope"));
        assertEquals(1, described.clusters().size());
        assertEquals("MISSING", described.failures().get(0).reason());
        assertThrows(ClusterNotFoundException.class, () -> ecs.listTasks(r -> r.cluster("nope")));
    }

    @Test
    void taskDefinitions() {
        String v1 = register(ecs, "api-td", "web:1");
        String v2 = register(ecs, "api-td", "web:2");
        assertTrue(v1.endsWith("task-definition/api-td:1") && v2.endsWith("task-definition/api-td:2"));
        var latest = ecs.describeTaskDefinition(r -> r.taskDefinition("api-td").include(TaskDefinitionField.TAGS)).taskDefinition();
        assertEquals(2, latest.revision());
        assertEquals("web:2", latest.containerDefinitions().get(0).image());
        assertEquals(List.of(v1, v2), ecs.listTaskDefinitions(r -> r.familyPrefix("api-td")).taskDefinitionArns());
        assertEquals("INACTIVE", ecs.deregisterTaskDefinition(r -> r.taskDefinition("api-td:1")).taskDefinition().status().toString());
        assertEquals(List.of(v2), ecs.listTaskDefinitions(r -> r.familyPrefix("api-td")).taskDefinitionArns());
        assertThrows(ClientException.class, () -> ecs.describeTaskDefinition(r -> r.taskDefinition("no-such-family")));
        assertThrows(ClientException.class, () -> ecs.registerTaskDefinition(r -> r.family("bad family!")
                .containerDefinitions(ContainerDefinition.builder().name("x").image("y").build())));
    }

    @Test
    void servicesAndTasks() {
        ecs.createCluster(r -> r.clusterName("api-svc"));
        String td = register(ecs, "api-svc", "web:1");
        var service = ecs.createService(r -> r.cluster("api-svc").serviceName("web").taskDefinition(td).desiredCount(2)).service();
        assertEquals("ACTIVE", service.status());
        assertEquals(1, service.deployments().size());
        assertEquals("IN_PROGRESS", service.deployments().get(0).rolloutStateAsString());
        assertThrows(InvalidParameterException.class,
                () -> ecs.createService(r -> r.cluster("api-svc").serviceName("web").taskDefinition(td).desiredCount(1)));

        f.advanceUntil(Duration.ofMinutes(2), () -> ecs.describeServices(r -> r.cluster("api-svc").services("web"))
                .services().get(0).runningCount() == 2);
        List<String> arns = ecs.listTasks(r -> r.cluster("api-svc").serviceName("web")).taskArns();
        assertEquals(2, arns.size());
        List<Task> tasks = ecs.describeTasks(r -> r.cluster("api-svc").tasks(arns)).tasks();
        assertTrue(tasks.stream().allMatch(t -> "RUNNING".equals(t.lastStatus()) && t.startedBy().startsWith("ecs-svc/")));
        assertEquals("service:web", tasks.get(0).group());

        var updated = ecs.updateService(r -> r.cluster("api-svc").service("web").desiredCount(1)).service();
        assertEquals(1, updated.desiredCount());
        f.advanceUntil(Duration.ofMinutes(1), () -> ecs.listTasks(r -> r.cluster("api-svc").serviceName("web")).taskArns().size() == 1);

        assertThrows(InvalidParameterException.class, () -> ecs.deleteService(r -> r.cluster("api-svc").service("web")));
        assertEquals("DRAINING", ecs.deleteService(r -> r.cluster("api-svc").service("web").force(true)).service().status());
        f.advanceUntil(Duration.ofMinutes(1), () -> "INACTIVE".equals(
                ecs.describeServices(r -> r.cluster("api-svc").services("web")).services().get(0).status()));
        assertThrows(ServiceNotFoundException.class, () -> ecs.updateService(r -> r.cluster("api-svc").service("web").desiredCount(1)));
        assertEquals("MISSING", ecs.describeServices(r -> r.cluster("api-svc").services("ghost")).failures().get(0).reason());
    }

    @Test
    void runAndStopTask() {
        ecs.createCluster(r -> r.clusterName("api-run"));
        String td = register(ecs, "api-run", "job:1");
        var run = ecs.runTask(r -> r.cluster("api-run").taskDefinition(td).count(2).startedBy("migration"));
        assertEquals(2, run.tasks().size());
        assertEquals("PROVISIONING", run.tasks().get(0).lastStatus());
        String arn = run.tasks().get(0).taskArn();
        f.advanceUntil(Duration.ofSeconds(30), () -> "RUNNING".equals(
                ecs.describeTasks(r -> r.cluster("api-run").tasks(arn)).tasks().get(0).lastStatus()));
        assertEquals(2, ecs.listTasks(r -> r.cluster("api-run").startedBy("migration")).taskArns().size());
        Task stopping = ecs.stopTask(r -> r.cluster("api-run").task(arn).reason("done here")).task();
        assertEquals("STOPPED", stopping.desiredStatus());
        f.advanceUntil(Duration.ofSeconds(30), () -> "STOPPED".equals(
                ecs.describeTasks(r -> r.cluster("api-run").tasks(arn)).tasks().get(0).lastStatus()));
        Task stopped = ecs.describeTasks(r -> r.cluster("api-run").tasks(arn)).tasks().get(0);
        assertEquals("done here", stopped.stoppedReason());
        assertEquals("UserInitiated", stopped.stopCodeAsString());
        assertNotNull(stopped.stoppedAt());
        assertTrue(!stopped.stoppedAt().isBefore(stopping.stoppingAt()), stopped.stoppedAt() + " is before " + stopping.stoppingAt());
        assertEquals("STOPPED", stopped.containers().get(0).lastStatus());
        assertEquals(0, stopped.containers().get(0).exitCode(), "a container stopped by StopTask exits 0 in the sandbox");
        assertEquals(List.of(arn), ecs.listTasks(r -> r.cluster("api-run").desiredStatus(DesiredStatus.STOPPED)).taskArns());
        assertThrows(InvalidParameterException.class, () -> ecs.stopTask(r -> r.cluster("api-run").task("0000")));
        assertEquals("MISSING", ecs.describeTasks(r -> r.cluster("api-run").tasks("0000")).failures().get(0).reason());
    }

    @Test
    void tags() {
        String arn = ecs.createCluster(r -> r.clusterName("api-tags")).cluster().clusterArn();
        ecs.tagResource(r -> r.resourceArn(arn).tags(Tag.builder().key("team").value("shop").build()));
        var tags = ecs.listTagsForResource(r -> r.resourceArn(arn)).tags();
        assertEquals(1, tags.size());
        assertEquals("shop", tags.get(0).value());
        assertThrows(InvalidParameterException.class,
                () -> ecs.listTagsForResource(r -> r.resourceArn("arn:aws:ecs:us-east-1:000000000000:cluster/ghost")));
        // Tags appear in DescribeClusters only when asked for, as on AWS.
        assertTrue(ecs.describeClusters(r -> r.clusters("api-tags")).clusters().get(0).tags().isEmpty());
        assertEquals(1, ecs.describeClusters(r -> r.clusters("api-tags").include(ClusterField.TAGS)).clusters().get(0).tags().size());
    }

    /** A member of the wrong JSON type is AWS's SerializationException naming the member, and changes nothing. */
    @ParameterizedTest(name = "{0} {1}")
    @CsvSource(delimiter = '|', textBlock = """
            CreateService          | {"cluster":"api-types","serviceName":"typed","taskDefinition":"api-types","desiredCount":"two"} | STRING_VALUE can not be converted to an Integer (at 'desiredCount').
            DescribeClusters       | {"clusters":"api-types"}                                                                      | STRING_VALUE can not be converted to a List (at 'clusters').
            CreateCluster          | {"clusterName":7}                                                                             | NUMBER_VALUE can not be converted to a String (at 'clusterName').
            DeleteService          | {"cluster":"api-types","service":"x","force":"yes"}                                          | STRING_VALUE can not be converted to a Boolean (at 'force').
            DescribeTasks          | {"cluster":"api-types","tasks":["a",{"b":1}]}                                                | Start of structure or map found where not expected (at 'tasks.2').
            CreateService          | {"cluster":"api-types","serviceName":"typed","taskDefinition":"api-types","deploymentConfiguration":{"maximumPercent":[200]}} | Start of list found where not expected (at 'deploymentConfiguration.maximumPercent').
            RegisterTaskDefinition | {"family":"api-types","containerDefinitions":[{"name":"web","image":"web:1","essential":"true"}]} | STRING_VALUE can not be converted to a Boolean (at 'containerDefinitions.1.essential').
            """)
    void memberOfTheWrongType_isASerializationException(String operation, String body, String message) throws Exception {
        ecs.createCluster(r -> r.clusterName("api-types"));
        register(ecs, "api-types", "web:1");
        int revisions = ecs.listTaskDefinitions(l -> l.familyPrefix("api-types")).taskDefinitionArns().size();
        HttpResponse<String> r = SignedHttp.post(f.endpoint(), "ecs", "application/x-amz-json-1.1",
                "AmazonEC2ContainerServiceV20141113." + operation, body, "test", "test", Clock.systemUTC());
        assertEquals(400, r.statusCode(), r.body());
        JsonNode error = new ObjectMapper().readTree(r.body());
        assertEquals("SerializationException", error.path("__type").asText());
        assertEquals(message, error.path("message").asText());
        assertTrue(ecs.describeServices(s -> s.cluster("api-types").services("typed")).services().isEmpty(), "no service was created");
        assertEquals(revisions, ecs.listTaskDefinitions(l -> l.familyPrefix("api-types")).taskDefinitionArns().size(),
                "no revision was registered");
    }

    /** An enum member outside its values is refused, not read as "matches nothing". */
    @Test
    void enumMemberOutsideItsValues_isAnInvalidParameter() throws Exception {
        ecs.createCluster(r -> r.clusterName("api-enums"));
        HttpResponse<String> r = SignedHttp.post(f.endpoint(), "ecs", "application/x-amz-json-1.1",
                "AmazonEC2ContainerServiceV20141113.ListTasks", "{\"cluster\":\"api-enums\",\"desiredStatus\":\"DONE\"}",
                "test", "test", Clock.systemUTC());
        assertEquals(400, r.statusCode(), r.body());
        JsonNode error = new ObjectMapper().readTree(r.body());
        assertEquals("InvalidParameterException", error.path("__type").asText());
        assertEquals("Invalid value 'DONE' for desiredStatus: valid values are RUNNING, PENDING, STOPPED.", error.path("message").asText());
    }
}
