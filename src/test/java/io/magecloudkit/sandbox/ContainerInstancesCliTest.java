package io.magecloudkit.sandbox;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.magecloudkit.sandbox.botocore.AwsCli;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.ecs.EcsClient;
import software.amazon.awssdk.services.ecs.model.ContainerDefinition;

/**
 * The container-instance operations and ListClusters / ListServices with their paging, driven
 * from the Debian awscli (botocore's own parsers and paginators) and from the SDK's paginators.
 */
class ContainerInstancesCliTest {

    private static JsonNode ok(AwsCli.Result r) {
        r.assertOk();
        return r.json().orElseThrow(() -> new AssertionError("no JSON from awscli: " + r));
    }

    private static List<String> texts(JsonNode array) {
        List<String> out = new ArrayList<>();
        array.forEach(n -> out.add(n.asText()));
        return out;
    }

    @Test
    void containerInstancesClustersAndServices_throughAwscli() {
        assertTrue(AwsCli.isInstalled(), "/usr/bin/aws is missing: install the Debian package awscli");
        try (SandboxFixture f = SandboxFixture.builder().sandbox(c -> c.speed(0.001)).start()) {
            AwsCli aws = new AwsCli(f.endpoint());
            EcsClient ecs = f.session().ecs();
            List<String> clusters = new ArrayList<>();
            for (String name : List.of("alpha", "beta", "gamma")) {
                clusters.add(ecs.createCluster(r -> r.clusterName(name)).cluster().clusterArn());
            }
            JsonNode firstPage = ok(aws.run("ecs", "list-clusters", "--max-results", "2", "--no-paginate"));
            assertEquals(clusters.subList(0, 2), texts(firstPage.path("clusterArns")));
            assertFalse(firstPage.path("nextToken").asText().isEmpty());
            // botocore's paginator follows nextToken page by page to the end.
            assertEquals(clusters, texts(ok(aws.run("ecs", "list-clusters", "--page-size", "1")).path("clusterArns")));

            String td = ecs.registerTaskDefinition(r -> r.family("web").containerDefinitions(ContainerDefinition.builder()
                    .name("web").image("nginx:1").cpu(256).memory(3000).build())).taskDefinition().taskDefinitionArn();
            List<String> services = new ArrayList<>();
            for (String name : List.of("a", "b", "c")) {
                services.add(ecs.createService(r -> r.cluster("alpha").serviceName(name).taskDefinition(td).desiredCount(0))
                        .service().serviceArn());
            }
            assertEquals(services, texts(ok(aws.run("ecs", "list-services", "--cluster", "alpha", "--page-size", "2")).path("serviceArns")));
            assertEquals(services, ecs.listServicesPaginator(r -> r.cluster("alpha").maxResults(1)).serviceArns().stream().toList());
            assertEquals(clusters, ecs.listClustersPaginator(r -> r.maxResults(1)).clusterArns().stream().toList());
            AwsCli.Result badToken = aws.run("ecs", "list-services", "--cluster", "alpha", "--no-paginate", "--next-token", "not-a-token");
            assertTrue(badToken.stderr().contains("InvalidParameterException"), badToken.stderr());

            List<String> instances = texts(f.admin("POST", "ecs/container-instances",
                    "{\"cluster\": \"alpha\", \"instanceType\": \"t3.medium\", \"count\": 2}").path("containerInstanceArns"));
            assertEquals(instances, texts(ok(aws.run("ecs", "list-container-instances", "--cluster", "alpha"))
                    .path("containerInstanceArns")));
            JsonNode described = ok(aws.run("ecs", "describe-container-instances", "--cluster", "alpha",
                    "--container-instances", instances.get(0), "missing-id"));
            assertEquals("ACTIVE", described.at("/containerInstances/0/status").asText());
            assertEquals("MISSING", described.at("/failures/0/reason").asText());
            JsonNode drained = ok(aws.run("ecs", "update-container-instances-state", "--cluster", "alpha",
                    "--container-instances", instances.get(0), "--status", "DRAINING"));
            assertEquals("DRAINING", drained.at("/containerInstances/0/status").asText());
            assertEquals(List.of(instances.get(0)), texts(ok(aws.run("ecs", "list-container-instances", "--cluster", "alpha",
                    "--status", "DRAINING")).path("containerInstanceArns")));

            // 3000 MiB fits a t3.medium (3993 MiB) once; the draining one takes nothing.
            JsonNode run = ok(aws.run("ecs", "run-task", "--cluster", "alpha", "--task-definition", "web", "--count", "2"));
            assertEquals(1, run.path("tasks").size());
            assertEquals(instances.get(1), run.at("/tasks/0/containerInstanceArn").asText());
            assertEquals("RESOURCE:MEMORY", run.at("/failures/0/reason").asText());
            assertEquals(instances.get(1), run.at("/failures/0/arn").asText());
        }
    }
}
