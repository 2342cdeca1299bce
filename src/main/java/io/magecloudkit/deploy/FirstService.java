package io.magecloudkit.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import io.magecloudkit.EventSink;
import io.magecloudkit.MckException;
import io.magecloudkit.aws.AwsSession;
import java.util.List;
import software.amazon.awssdk.services.ecs.model.AssignPublicIp;
import software.amazon.awssdk.services.ecs.model.CapacityProviderStrategyItem;
import software.amazon.awssdk.services.ecs.model.Deployment;
import software.amazon.awssdk.services.ecs.model.LoadBalancer;
import software.amazon.awssdk.services.ecs.model.NetworkConfiguration;
import software.amazon.awssdk.services.ecs.model.PropagateTags;
import software.amazon.awssdk.services.ecs.model.Service;
import software.amazon.awssdk.services.ecs.model.Tag;

/**
 * The app's service on its first deploy, when `mck provision` made cluster and target group but no
 * service: CreateService with the new task definition behind the target group, on the cluster's
 * capacity provider, in the private subnets with the app security group (awsvpc), with the app's
 * desiredCount and deployment settings and the circuit breaker on. Before it exists, {@link #intended()}
 * stands in for it where the release phase and the worker services copy its network configuration.
 */
final class FirstService {
    /** The container the load balancer sends traffic to when the task definition has it. */
    static final String WEB_CONTAINER = "nginx";
    private final AwsSession aws;
    private final AppPlan plan;
    private final EventSink events;
    private final String prefix;

    FirstService(AwsSession aws, AppPlan plan, EventSink events, String prefix) {
        this.aws = aws;
        this.plan = plan;
        this.events = events;
        this.prefix = prefix;
    }

    /** The service as it will be created, without deployments or a task definition. */
    Service intended() {
        Service.Builder s = Service.builder().serviceName(plan.service()).deployments(List.of());
        NetworkConfiguration network = network();
        if (network != null) {
            s.networkConfiguration(network);
        }
        if (plan.creation().where().capacityProvider() != null) {
            s.capacityProviderStrategy(strategy());
        }
        return s.build();
    }

    /** Creates the service on {@code taskDefinition}; returns its first deployment's id. */
    String create(String taskDefinition) {
        var d = plan.deployment();
        AppPlan.Creation c = plan.creation();
        events.info(prefix + "creating service " + plan.service() + " (first deploy)");
        Service created = aws.call("create service " + plan.service(), () -> aws.ecs().createService(r -> {
            r.cluster(plan.cluster()).serviceName(plan.service()).taskDefinition(taskDefinition).desiredCount(c.desiredCount())
                    .deploymentConfiguration(x -> x.minimumHealthyPercent(d.minimumHealthyPercent()).maximumPercent(d.maximumPercent())
                            .deploymentCircuitBreaker(b -> b.enable(true).rollback(true)))
                    .propagateTags(PropagateTags.SERVICE).enableECSManagedTags(true)
                    .tags(c.tags().entrySet().stream().map(e -> Tag.builder().key(e.getKey()).value(e.getValue()).build()).toList());
            if (c.where().capacityProvider() != null) {
                r.capacityProviderStrategy(strategy());
            }
            NetworkConfiguration network = network();
            if (network != null) {
                r.networkConfiguration(network);
            }
            if (plan.targetGroupArn() != null) {
                JsonNode container = webContainer();
                r.loadBalancers(LoadBalancer.builder().targetGroupArn(plan.targetGroupArn())
                        .containerName(container.path("name").asText())
                        .containerPort(container.path("portMappings").path(0).path("containerPort").asInt()).build());
                if (d.healthCheckGracePeriodSeconds() > 0) {
                    r.healthCheckGracePeriodSeconds(d.healthCheckGracePeriodSeconds());
                }
            }
        })).service();
        Deployment primary = created.deployments().stream().filter(x -> "PRIMARY".equals(x.status())).findFirst()
                .orElseThrow(() -> new IllegalStateException("CreateService answered without a PRIMARY deployment"));
        events.info(prefix + "created " + plan.service() + " on " + HealthGate.revision(taskDefinition) + " (desired "
                + c.desiredCount() + "): deployment " + primary.id());
        return primary.id();
    }

    private List<CapacityProviderStrategyItem> strategy() {
        return List.of(CapacityProviderStrategyItem.builder().capacityProvider(plan.creation().where().capacityProvider())
                .weight(1).base(0).build());
    }

    /** awsvpc tasks need subnets and security groups; other network modes take none. */
    private NetworkConfiguration network() {
        if (!"awsvpc".equals(plan.taskDefinition().path("networkMode").asText())) {
            return null;
        }
        StackValues.NewService where = plan.creation().where();
        return NetworkConfiguration.builder().awsvpcConfiguration(a -> a.subnets(where.subnets())
                .securityGroups(where.securityGroups()).assignPublicIp(AssignPublicIp.DISABLED)).build();
    }

    /** nginx when it exposes a port, else the first container that does. */
    private JsonNode webContainer() {
        JsonNode fallback = null;
        for (JsonNode c : plan.taskDefinition().path("containerDefinitions")) {
            if (c.path("portMappings").isEmpty()) {
                continue;
            }
            if (WEB_CONTAINER.equals(c.path("name").asText())) {
                return c;
            }
            fallback = fallback == null ? c : fallback;
        }
        if (fallback == null) {
            throw new MckException(MckException.Kind.USAGE, "app " + plan.app() + ": no container of its task definition exposes"
                    + " a port for target group " + plan.targetGroupArn());
        }
        return fallback;
    }
}
