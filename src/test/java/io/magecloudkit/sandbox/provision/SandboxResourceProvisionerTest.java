package io.magecloudkit.sandbox.provision;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.magecloudkit.sandbox.SandboxClock;
import io.magecloudkit.sandbox.cloudformation.ResourceProvisioner;
import io.magecloudkit.sandbox.ecs.EcsIds;
import io.magecloudkit.sandbox.ecs.EcsState;
import io.magecloudkit.sandbox.ecs.TaskFault;
import io.magecloudkit.sandbox.ecs.control.EcsControlPlane;
import io.magecloudkit.sandbox.ecs.sim.EcsScheduler;
import io.magecloudkit.sandbox.elbv2.Elbv2State;
import io.magecloudkit.sandbox.elbv2.control.Elbv2ControlPlane;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Stack resources of the ECS and ELBv2 types become real sandbox state, with CloudFormation's Ref and GetAtt values. */
class SandboxResourceProvisionerTest {
    final EcsState ecsState = new EcsState();
    final Elbv2ControlPlane elbv2 = new Elbv2ControlPlane(new Elbv2State(), ecsState, new SandboxClock(1), "eu-west-1", "123456789012");
    final EcsIds ids = new EcsIds(ecsState, "eu-west-1", "123456789012");
    final EcsControlPlane ecs = new EcsControlPlane(ecsState, ids,
            new EcsScheduler(ecsState, ids, (family, images, service) -> TaskFault.NONE, elbv2.targetGroups()), new SandboxClock(1));
    final List<String> fallbackCalls = new ArrayList<>();
    final ResourceProvisioner fallback = new ResourceProvisioner() {
        @Override
        public boolean handles(String resourceType) {
            return true;
        }

        @Override
        public Provisioned create(String stackName, String logicalId, String resourceType, Map<String, Object> properties) {
            fallbackCalls.add("create " + resourceType);
            return new Provisioned("generic-" + logicalId, Map.of());
        }

        @Override
        public Provisioned update(String stackName, String logicalId, String resourceType, String physicalId, Map<String, Object> properties) {
            fallbackCalls.add("update " + resourceType);
            return new Provisioned(physicalId, Map.of());
        }

        @Override
        public void delete(String stackName, String logicalId, String resourceType, String physicalId, Map<String, Object> properties) {
            fallbackCalls.add("delete " + resourceType);
        }
    };
    final SandboxResourceProvisioner provisioner = new SandboxResourceProvisioner(ecs, elbv2, "eu-west-1", "123456789012", fallback);

    @Test
    void cluster_refIsTheName_arnAttribute() {
        var p = provisioner.create("shop", "Cluster", "AWS::ECS::Cluster", Map.of("ClusterName", "app"));
        assertEquals("app", p.physicalId());
        assertEquals("arn:aws:ecs:eu-west-1:123456789012:cluster/app", p.attributes().get("Arn"));
        assertTrue(ecsState.clusters.containsKey("app"));
        var generated = provisioner.create("shop", "Admin", "AWS::ECS::Cluster", Map.of());
        assertTrue(generated.physicalId().startsWith("shop-Admin-"), generated.physicalId());
        provisioner.delete("shop", "Cluster", "AWS::ECS::Cluster", "app", Map.of());
        assertEquals(EcsState.ClusterStatus.INACTIVE, ecsState.clusters.get("app").status);
    }

    @Test
    void taskDefinition_fromPascalCaseProperties_updatesRegisterNewRevisions() {
        Map<String, Object> props = Map.of("Family", "web", "Cpu", "256", "Memory", "512", "ContainerDefinitions", List.of(Map.of(
                "Name", "nginx", "Image", "nginx:1", "PortMappings", List.of(Map.of("ContainerPort", 80)),
                "DockerLabels", Map.of("Team", "Shop"),
                "HealthCheck", Map.of("Command", List.of("CMD", "true"), "Interval", 10))));
        var p = provisioner.create("shop", "TaskDef", "AWS::ECS::TaskDefinition", props);
        assertEquals("arn:aws:ecs:eu-west-1:123456789012:task-definition/web:1", p.physicalId());
        assertEquals(p.physicalId(), p.attributes().get("TaskDefinitionArn"));
        var body = ecsState.taskDefinitions.get(p.physicalId()).body;
        var container = body.path("containerDefinitions").get(0);
        assertEquals("nginx:1", container.path("image").asText());
        assertEquals(80, container.path("portMappings").get(0).path("containerPort").asInt());
        assertEquals(10, container.path("healthCheck").path("interval").asInt());
        assertEquals("Shop", container.path("dockerLabels").path("Team").asText(), "label keys keep their case");
        var next = provisioner.update("shop", "TaskDef", "AWS::ECS::TaskDefinition", p.physicalId(), props);
        assertTrue(next.physicalId().endsWith("web:2"));
        provisioner.delete("shop", "TaskDef", "AWS::ECS::TaskDefinition", p.physicalId(), props);
        assertEquals(EcsState.TaskDefinitionStatus.INACTIVE, ecsState.taskDefinitions.get(p.physicalId()).status);
    }

    @Test
    void serviceAndTargetGroup() {
        provisioner.create("shop", "Cluster", "AWS::ECS::Cluster", Map.of("ClusterName", "app"));
        String td = provisioner.create("shop", "TaskDef", "AWS::ECS::TaskDefinition", Map.of("Family", "web",
                "ContainerDefinitions", List.of(Map.of("Name", "web", "Image", "web:1")))).physicalId();
        var tg = provisioner.create("shop", "WebTg", "AWS::ElasticLoadBalancingV2::TargetGroup", Map.of("Port", "80",
                "Protocol", "HTTP", "VpcId", "vpc-1", "HealthCheckPath", "/health_check"));
        assertTrue(tg.physicalId().startsWith("arn:aws:elasticloadbalancing:eu-west-1:123456789012:targetgroup/shop-WebTg-"));
        assertTrue(((String) tg.attributes().get("TargetGroupName")).length() <= 32);
        assertEquals(tg.physicalId(), tg.attributes().get("TargetGroupArn"));
        assertTrue(((String) tg.attributes().get("TargetGroupFullName")).startsWith("targetgroup/shop-WebTg-"));
        assertEquals(List.of(), tg.attributes().get("LoadBalancerArns"));
        assertEquals("/health_check", elbv2.targetGroups().find(tg.physicalId()).healthCheckPath);

        Map<String, Object> props = Map.of("Cluster", "arn:aws:ecs:eu-west-1:123456789012:cluster/app", "ServiceName", "web",
                "TaskDefinition", td, "DesiredCount", 2, "LoadBalancers", List.of(Map.of("TargetGroupArn", tg.physicalId(),
                        "ContainerName", "web", "ContainerPort", 80)),
                "DeploymentConfiguration", Map.of("MinimumHealthyPercent", 50, "MaximumPercent", 200,
                        "DeploymentCircuitBreaker", Map.of("Enable", true, "Rollback", true)));
        var service = provisioner.create("shop", "Service", "AWS::ECS::Service", props);
        assertEquals("arn:aws:ecs:eu-west-1:123456789012:service/app/web", service.physicalId());
        assertEquals("web", service.attributes().get("Name"));
        assertEquals(service.physicalId(), service.attributes().get("ServiceArn"));
        EcsState.Service s = ecsState.clusters.get("app").services.get("web");
        assertEquals(2, s.desiredCount);
        assertEquals(50, s.minimumHealthyPercent);
        assertTrue(s.circuitBreakerRollback);
        assertEquals(new EcsState.LoadBalancer(tg.physicalId(), null, "web", 80), s.loadBalancers.get(0));
        assertEquals(1, s.deployments.size());

        var updated = new java.util.HashMap<>(props);
        updated.put("DesiredCount", 3);
        provisioner.update("shop", "Service", "AWS::ECS::Service", service.physicalId(), updated);
        assertEquals(3, s.desiredCount);
        provisioner.delete("shop", "Service", "AWS::ECS::Service", service.physicalId(), props);
        assertEquals(EcsState.ServiceStatus.DRAINING, s.status);
        assertEquals(0, s.desiredCount);
        provisioner.delete("shop", "WebTg", "AWS::ElasticLoadBalancingV2::TargetGroup", tg.physicalId(), Map.of());
        assertNull(elbv2.targetGroups().find(tg.physicalId()));
    }

    @Test
    void invalidService_failsTheResourceWithTheEcsMessage() {
        var e = assertThrows(ResourceProvisioner.ResourceFailure.class, () -> provisioner.create("shop", "Service", "AWS::ECS::Service",
                Map.of("Cluster", "missing", "TaskDefinition", "web")));
        assertTrue(e.getMessage().contains("Cluster not found."), e.getMessage());
    }

    @Test
    void otherTypes_goToTheFallback() {
        var p = provisioner.create("shop", "Bucket", "AWS::S3::Bucket", Map.of());
        assertEquals("generic-Bucket", p.physicalId());
        provisioner.delete("shop", "Bucket", "AWS::S3::Bucket", "generic-Bucket", Map.of());
        var updated = provisioner.update("shop", "Bucket", "AWS::S3::Bucket", "generic-Bucket", Map.of());
        assertEquals("generic-Bucket", updated.physicalId());
        assertEquals(List.of("create AWS::S3::Bucket", "delete AWS::S3::Bucket", "update AWS::S3::Bucket"), fallbackCalls);
        assertTrue(provisioner.handles("AWS::S3::Bucket"));
        assertTrue(ecsState.clusters.isEmpty() && ecsState.taskDefinitions.isEmpty(), "nothing of ECS was touched");
    }

    @Test
    void propertyOfTheWrongType_failsTheResourceNamingTheProperty() {
        provisioner.create("shop", "Cluster", "AWS::ECS::Cluster", Map.of("ClusterName", "app"));
        String td = provisioner.create("shop", "TaskDef", "AWS::ECS::TaskDefinition", Map.of("Family", "web",
                "ContainerDefinitions", List.of(Map.of("Name", "web", "Image", "web:1")))).physicalId();
        var e = assertThrows(ResourceProvisioner.ResourceFailure.class, () -> provisioner.create("shop", "Service", "AWS::ECS::Service",
                Map.of("Cluster", "app", "ServiceName", "web", "TaskDefinition", td, "DesiredCount", "two")));
        assertEquals("Properties validation failed for resource Service with message: "
                + "[#/DesiredCount: expected type: Integer, found: String]", e.getMessage());
        var nested = assertThrows(ResourceProvisioner.ResourceFailure.class, () -> provisioner.create("shop", "Service",
                "AWS::ECS::Service", Map.of("Cluster", "app", "ServiceName", "web", "TaskDefinition", td,
                        "DeploymentConfiguration", Map.of("MaximumPercent", List.of(200)))));
        assertEquals("Properties validation failed for resource Service with message: "
                + "[#/DeploymentConfiguration/MaximumPercent: expected type: Integer, found: JSONArray]", nested.getMessage());
        assertTrue(ecsState.clusters.get("app").services.isEmpty(), "no service was created");
        // A number written as text, as template parameters are, is accepted as CloudFormation does.
        var ok = provisioner.create("shop", "Service", "AWS::ECS::Service",
                Map.of("Cluster", "app", "ServiceName", "web", "TaskDefinition", td, "DesiredCount", "2"));
        assertEquals(2, ecsState.clusters.get("app").services.get("web").desiredCount);
        assertTrue(ok.physicalId().endsWith("service/app/web"));
    }
}
