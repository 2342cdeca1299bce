package io.magecloudkit.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import software.amazon.awssdk.services.ecs.model.CapacityProviderStrategyItem;
import software.amazon.awssdk.services.ecs.model.PropagateTags;
import software.amazon.awssdk.services.ecs.model.ServiceField;
import software.amazon.awssdk.services.ecs.model.Tag;
import org.junit.jupiter.api.Test;

/**
 * The first deploy after provision: cluster and target group exist (from the stacks), the service does
 * not; the deploy creates it behind the target group with the circuit breaker on, and the gate judges it.
 */
class FirstDeploySandboxTest {
    static final StackValues.NewService WHERE = new StackValues.NewService("shop-staging-app-cp", List.of("subnet-a", "subnet-b"),
            List.of("sg-app"));

    static DeployScenario scenario() throws Exception {
        DeployScenario s = new DeployScenario(DeployScenario.yaml("apps:\n  magento:\n    desiredCount: 2\n    deployment:\n"
                + "      healthCheckGracePeriodSeconds: 30\n      minimumHealthyPercent: 50\n      maximumPercent: 150\n"
                + "      release: false\n", ""));
        s.clusterAndTargetGroup("magento", "app", 8080, DeployScenario.QUICK_TARGETS);
        s.newServices.put("magento", WHERE);
        return s;
    }

    @Test
    void theFirstDeployCreatesTheServiceBehindTheTargetGroup_andTheSecondUpdatesIt() throws Exception {
        try (DeployScenario s = scenario()) {
            DeployResult.AppResult first = DeployerSandboxTest.deploy(s, 'a');
            assertEquals("passed", first.verdict(), String.join("\n", s.log));
            assertTrue(s.log.contains("INFO creating service shop-staging-magento (first deploy)"), String.join("\n", s.log));
            assertNull(first.previousTaskDefinition(), "nothing ran before");
            var service = s.service("magento", "app");
            assertEquals(first.taskDefinition(), service.taskDefinition());
            assertEquals(2, service.desiredCount());
            assertEquals(2, service.runningCount());
            assertEquals(1, service.loadBalancers().size());
            assertEquals(s.targetGroups.get("magento"), service.loadBalancers().get(0).targetGroupArn());
            assertEquals("nginx", service.loadBalancers().get(0).containerName());
            assertEquals(8080, service.loadBalancers().get(0).containerPort());
            var deployment = service.deploymentConfiguration();
            assertTrue(deployment.deploymentCircuitBreaker().enable());
            assertTrue(deployment.deploymentCircuitBreaker().rollback());
            assertEquals(50, deployment.minimumHealthyPercent());
            assertEquals(150, deployment.maximumPercent());
            assertEquals(30, service.healthCheckGracePeriodSeconds());
            assertEquals(WHERE.subnets(), service.networkConfiguration().awsvpcConfiguration().subnets());
            assertEquals(WHERE.securityGroups(), service.networkConfiguration().awsvpcConfiguration().securityGroups());
            // CreateService's other settings, as DescribeServices gives them back.
            assertEquals(List.of(CapacityProviderStrategyItem.builder().capacityProvider(WHERE.capacityProvider()).weight(1).base(0).build()),
                    service.capacityProviderStrategy());
            assertNull(service.launchType(), "on a capacity provider strategy, not a launch type");
            assertEquals(PropagateTags.SERVICE, service.propagateTags());
            assertTrue(service.enableECSManagedTags());
            assertTrue(service.tags().isEmpty(), "tags only when asked for");
            assertEquals(Map.of("Project", "shop", "Environment", "staging", "App", "magento"), s.f.session().ecs()
                    .describeServices(r -> r.cluster(service.clusterArn()).services(service.serviceName()).include(ServiceField.TAGS))
                    .services().get(0).tags().stream().collect(Collectors.toMap(Tag::key, Tag::value)));
            var health = s.f.session().elbv2().describeTargetHealth(r -> r.targetGroupArn(s.targetGroups.get("magento")));
            assertEquals(2, health.targetHealthDescriptions().stream().filter(t -> "healthy".equals(t.targetHealth().stateAsString())).count(),
                    health.toString());

            DeployResult.AppResult second = DeployerSandboxTest.deploy(s, 'b');
            assertEquals("passed", second.verdict(), String.join("\n", s.log));
            assertNotEquals(first.deploymentId(), second.deploymentId());
            assertEquals(first.taskDefinition(), second.previousTaskDefinition());
            assertEquals(1, s.log.stream().filter(l -> l.contains("(first deploy)")).count(), "the second deploy updates");
            assertTrue(s.log.stream().anyMatch(l -> l.startsWith("INFO updated shop-staging-magento to shop-staging-magento:2")),
                    String.join("\n", s.log));
            assertEquals(second.taskDefinition(), s.service("magento", "app").taskDefinition());
        }
    }

    @Test
    void aFailedFirstDeploy_hasNoRollbackTarget_andSaysSo() throws Exception {
        try (DeployScenario s = scenario()) {
            s.crashing('a', 3);
            DeployResult result = s.deployer().deploy(s.request(DeployScenario.build('a')), s.sink());
            DeployResult.AppResult app = result.apps().get(0);
            assertFalse(result.succeeded());
            assertEquals("failed", app.verdict(), String.join("\n", s.log));
            assertEquals("none (first deploy)", app.rollback().how());
            assertEquals("skipped", app.rollback().verdict());
            assertTrue(app.rollback().reason().startsWith("no previous revision: the service was created by this deploy"),
                    app.rollback().reason());
            assertEquals(app.taskDefinition(), s.service("magento", "app").taskDefinition(), "left as ECS leaves it");
        }
    }
}
