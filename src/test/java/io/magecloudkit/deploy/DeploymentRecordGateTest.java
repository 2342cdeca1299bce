package io.magecloudkit.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.awscore.exception.AwsErrorDetails;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.services.ecs.model.ContainerDefinition;

/** The gate reading ECS's own deployment record in the sandbox, through the real SDK. */
class DeploymentRecordGateTest {
    static final String CLUSTER = "shop-staging-app";
    static final String SERVICE = "shop-staging-magento";

    @Test
    void circuitBreakerRollback_isSeenThroughTheDeploymentRecord() throws Exception {
        try (DeployScenario s = DeployerSandboxTest.scenario()) {
            assertEquals("passed", DeployerSandboxTest.deploy(s, 'a').verdict(), String.join("\n", s.log));
            var ecs = s.f.session().ecs();
            var current = ecs.describeTaskDefinition(r -> r.taskDefinition(s.service("magento", "app").taskDefinition()))
                    .taskDefinition();
            List<ContainerDefinition> crashing = current.containerDefinitions().stream()
                    .map(c -> c.toBuilder().image(c.image().replace(DeployScenario.digest('a'), DeployScenario.digest('b'))).build())
                    .toList();
            String bad = ecs.registerTaskDefinition(r -> r.family(current.family()).networkMode(current.networkMode())
                    .cpu(current.cpu()).memory(current.memory()).containerDefinitions(crashing)).taskDefinition().taskDefinitionArn();
            s.crashing('b', 3);
            String deploymentId = ecs.updateService(r -> r.cluster(CLUSTER).service(SERVICE).taskDefinition(bad)).service()
                    .deployments().get(0).id();
            ServiceObserver observer = new ServiceObserver(s.f.session(), CLUSTER, SERVICE, s.targetGroups.get("magento"));
            // While the array shows the deployment PRIMARY and going on, the record is not read (no call).
            ServiceObserver.Look first = observer.look(deploymentId, bad, null, s.f.sandbox().clock().now());
            assertNull(first.observation().record());
            assertNull(first.note());
            s.f.advanceUntil(Duration.ofMinutes(10), () -> ecs.listServiceDeployments(r -> r.cluster(CLUSTER).service(SERVICE))
                    .serviceDeployments().stream().anyMatch(b -> "ROLLBACK_SUCCESSFUL".equals(b.statusAsString())));
            Observation after = observer.look(deploymentId, bad, null, s.f.sandbox().clock().now()).observation();
            // The array alone looks settled: the old revision PRIMARY and COMPLETED again.
            assertEquals(1, after.deployments().size(), after.deployments().toString());
            assertEquals("COMPLETED", after.primary().rolloutState());
            // The deployment left the array: the record is found from the creation time the first look saw.
            assertNotNull(after.record(), "the sandbox offers service deployment records");
            assertEquals("ROLLBACK_SUCCESSFUL", after.record().status());
            GateSettings gate = new GateSettings(99, Duration.ofMinutes(15), false, 3, 5);
            Verdict v = HealthGate.judge(gate, deploymentId, bad, after, Duration.ofSeconds(1));
            assertEquals(Verdict.Outcome.FAIL, v.outcome(), v.reason());
            assertTrue(v.reason().contains("is ROLLBACK_SUCCESSFUL: Service deployment rolled back successfully."), v.reason());
        }
    }

    @Test
    void unknownOperationAnswers_meanTheEndpointKeepsNoRecords() {
        assertTrue(DeploymentRecords.unknownOperation(error("UnknownOperationException", "", 400)));
        assertTrue(DeploymentRecords.unknownOperation(error("InvalidAction", "not valid", 400)));
        assertTrue(DeploymentRecords.unknownOperation(error("SerializationException", "Unknown operation ListServiceDeployments", 400)));
        assertTrue(!DeploymentRecords.unknownOperation(error("AccessDeniedException", "not authorized", 400)));
        assertTrue(!DeploymentRecords.unknownOperation(error("ServerException", "unknown operation", 500)));
    }

    static AwsServiceException error(String code, String message, int status) {
        return AwsServiceException.builder().statusCode(status)
                .awsErrorDetails(AwsErrorDetails.builder().errorCode(code).errorMessage(message).build()).build();
    }
}
