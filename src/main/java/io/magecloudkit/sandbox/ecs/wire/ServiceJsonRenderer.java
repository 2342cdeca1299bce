package io.magecloudkit.sandbox.ecs.wire;

import static io.magecloudkit.sandbox.ecs.wire.EcsJsonRenderer.JSON;
import static io.magecloudkit.sandbox.ecs.wire.EcsJsonRenderer.seconds;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.magecloudkit.sandbox.ecs.EcsState.AwsVpcConfiguration;
import io.magecloudkit.sandbox.ecs.EcsState.CapacityProviderStrategyItem;
import io.magecloudkit.sandbox.ecs.EcsState.Deployment;
import io.magecloudkit.sandbox.ecs.EcsState.LoadBalancer;
import io.magecloudkit.sandbox.ecs.EcsState.NetworkConfiguration;
import io.magecloudkit.sandbox.ecs.EcsState.PlacementConstraint;
import io.magecloudkit.sandbox.ecs.EcsState.PlacementStrategy;
import io.magecloudkit.sandbox.ecs.EcsState.Service;
import io.magecloudkit.sandbox.ecs.EcsState.ServiceEvent;
import io.magecloudkit.sandbox.ecs.EcsState.ServiceRegistry;
import io.magecloudkit.sandbox.ecs.control.EcsResults.DeploymentView;
import io.magecloudkit.sandbox.ecs.control.EcsResults.ServiceView;
import java.util.List;

/** A service as ECS's JSON 1.1 answers describe it: deployments with their rollout state, events, load balancers. */
final class ServiceJsonRenderer {
    private ServiceJsonRenderer() {
    }

    static ObjectNode service(ServiceView view) {
        Service s = view.service();
        ObjectNode n = JSON.createObjectNode();
        n.put("serviceArn", s.arn).put("serviceName", s.name).put("clusterArn", s.clusterArn);
        ArrayNode lbs = n.putArray("loadBalancers");
        for (LoadBalancer lb : s.loadBalancers == null ? List.<LoadBalancer>of() : s.loadBalancers) {
            lbs.add(loadBalancer(lb));
        }
        ArrayNode registries = n.putArray("serviceRegistries");
        for (ServiceRegistry r : s.serviceRegistries) {
            ObjectNode rn = registries.addObject();
            putIfPresent(rn, "registryArn", r.registryArn());
            putIfPresent(rn, "port", r.port());
            putIfPresent(rn, "containerName", r.containerName());
            putIfPresent(rn, "containerPort", r.containerPort());
        }
        n.put("status", s.status.name()).put("desiredCount", s.desiredCount);
        n.put("runningCount", view.runningCount()).put("pendingCount", view.pendingCount());
        capacity(n, s.launchType, s.capacityProviderStrategy, s.platformVersion, s.platformFamily);
        n.put("taskDefinition", s.taskDefinition);
        ObjectNode config = n.putObject("deploymentConfiguration");
        config.putObject("deploymentCircuitBreaker").put("enable", s.circuitBreakerEnable).put("rollback", s.circuitBreakerRollback);
        config.put("maximumPercent", s.maximumPercent).put("minimumHealthyPercent", s.minimumHealthyPercent);
        ArrayNode deployments = n.putArray("deployments");
        for (DeploymentView dv : view.deployments()) {
            Deployment d = dv.deployment();
            ObjectNode dn = deployments.addObject();
            dn.put("id", d.id).put("status", d.status.name()).put("taskDefinition", d.taskDefinition);
            dn.put("desiredCount", dv.desiredCount()).put("pendingCount", dv.pendingCount()).put("runningCount", dv.runningCount());
            dn.put("failedTasks", d.failedTasks);
            dn.put("createdAt", seconds(d.createdAt)).put("updatedAt", seconds(d.updatedAt));
            capacity(dn, d.launchType, d.capacityProviderStrategy, d.platformVersion, d.platformFamily);
            if (s.networkConfiguration != null) {
                dn.set("networkConfiguration", network(s.networkConfiguration));
            }
            dn.put("rolloutState", d.rolloutState.name()).put("rolloutStateReason", d.rolloutStateReason);
        }
        putIfPresent(n, "roleArn", s.roleArn);
        ArrayNode events = n.putArray("events");
        for (ServiceEvent e : s.events) {
            events.addObject().put("id", e.id).put("createdAt", seconds(e.createdAt)).put("message", e.message);
        }
        n.put("createdAt", seconds(s.createdAt));
        ArrayNode constraints = n.putArray("placementConstraints");
        for (PlacementConstraint c : s.placementConstraints) {
            putIfPresent(constraints.addObject().put("type", c.type()), "expression", c.expression());
        }
        ArrayNode strategy = n.putArray("placementStrategy");
        for (PlacementStrategy p : s.placementStrategy) {
            putIfPresent(strategy.addObject().put("type", p.type()), "field", p.field());
        }
        if (s.networkConfiguration != null) {
            n.set("networkConfiguration", network(s.networkConfiguration));
        }
        if (s.healthCheckGracePeriodSeconds != null) {
            n.put("healthCheckGracePeriodSeconds", s.healthCheckGracePeriodSeconds);
        }
        n.put("schedulingStrategy", s.schedulingStrategy);
        n.putObject("deploymentController").put("type", "ECS");
        if (view.tags() != null) {
            n.set("tags", EcsJsonRenderer.tags(view.tags()));
        }
        n.put("createdBy", "arn:aws:iam::" + s.arn.split(":")[4] + ":root");
        n.put("enableECSManagedTags", s.enableECSManagedTags).put("propagateTags", s.propagateTags)
                .put("enableExecuteCommand", s.enableExecuteCommand);
        return n;
    }

    /** A capacity provider strategy or else the launch type (ECS describes one, never both), and Fargate's platform. */
    static void capacity(ObjectNode n, String launchType, List<CapacityProviderStrategyItem> strategy, String platformVersion,
            String platformFamily) {
        if (strategy.isEmpty()) {
            n.put("launchType", launchType);
        } else {
            ArrayNode items = n.putArray("capacityProviderStrategy");
            strategy.forEach(i -> items.addObject().put("capacityProvider", i.capacityProvider()).put("weight", i.weight())
                    .put("base", i.base()));
        }
        putIfPresent(n, "platformVersion", platformVersion);
        putIfPresent(n, "platformFamily", platformFamily);
    }

    static ObjectNode loadBalancer(LoadBalancer lb) {
        ObjectNode l = JSON.createObjectNode();
        putIfPresent(l, "targetGroupArn", lb.targetGroupArn());
        putIfPresent(l, "loadBalancerName", lb.loadBalancerName());
        putIfPresent(l, "containerName", lb.containerName());
        if (lb.containerPort() != null) {
            l.put("containerPort", lb.containerPort());
        }
        return l;
    }

    static ObjectNode network(NetworkConfiguration net) {
        ObjectNode n = JSON.createObjectNode();
        AwsVpcConfiguration vpc = net.awsvpcConfiguration();
        if (vpc != null) {
            ObjectNode v = n.putObject("awsvpcConfiguration");
            ArrayNode subnets = v.putArray("subnets");
            vpc.subnets().forEach(subnets::add);
            ArrayNode groups = v.putArray("securityGroups");
            vpc.securityGroups().forEach(groups::add);
            // ECS fills in what it defaults to.
            v.put("assignPublicIp", vpc.assignPublicIp() == null ? "DISABLED" : vpc.assignPublicIp());
        }
        return n;
    }

    private static void putIfPresent(ObjectNode n, String field, String value) {
        if (value != null) {
            n.put(field, value);
        }
    }

    private static void putIfPresent(ObjectNode n, String field, Integer value) {
        if (value != null) {
            n.put(field, value);
        }
    }
}
