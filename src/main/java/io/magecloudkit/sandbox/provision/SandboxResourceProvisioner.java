package io.magecloudkit.sandbox.provision;

import io.magecloudkit.sandbox.SandboxError;
import io.magecloudkit.sandbox.cloudformation.ResourceProvisioner;
import io.magecloudkit.sandbox.ecs.control.EcsControlPlane;
import io.magecloudkit.sandbox.ecs.control.EcsRequests.DeleteService;
import io.magecloudkit.sandbox.ecs.control.EcsRequests.RegisterContainerInstances;
import io.magecloudkit.sandbox.ecs.control.EcsResults.ServiceView;
import io.magecloudkit.sandbox.ecs.control.EcsResults.TaskDefinitionView;
import io.magecloudkit.sandbox.elbv2.Listener;
import io.magecloudkit.sandbox.elbv2.LoadBalancer;
import io.magecloudkit.sandbox.elbv2.TargetGroup;
import io.magecloudkit.sandbox.elbv2.control.Elbv2ControlPlane;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Makes the ECS and ELBv2 resources of a stack real: a cluster, service or task definition
 * created by CloudFormation goes through the typed ECS control plane and is visible to the
 * ECS API, and a target group to ELBv2. Every other type goes to the fallback provisioner.
 * Ref and Fn::GetAtt values follow the CloudFormation template reference for each type.
 */
public final class SandboxResourceProvisioner implements ResourceProvisioner {
    static final String CLUSTER = "AWS::ECS::Cluster";
    static final String SERVICE = "AWS::ECS::Service";
    static final String TASK_DEFINITION = "AWS::ECS::TaskDefinition";
    static final String TARGET_GROUP = "AWS::ElasticLoadBalancingV2::TargetGroup";
    static final String LOAD_BALANCER = "AWS::ElasticLoadBalancingV2::LoadBalancer";
    static final String LISTENER = "AWS::ElasticLoadBalancingV2::Listener";
    static final String LISTENER_RULE = "AWS::ElasticLoadBalancingV2::ListenerRule";
    private static final Set<String> OWN = Set.of(CLUSTER, SERVICE, TASK_DEFINITION, TARGET_GROUP, LOAD_BALANCER, LISTENER,
            LISTENER_RULE);

    private final EcsControlPlane ecs;
    private final Elbv2ControlPlane elbv2;
    private final String region;
    private final String accountId;
    private final ResourceProvisioner fallback;
    private final AutoScalingCapacity autoScaling = new AutoScalingCapacity();
    private final StackSecrets secrets;

    public SandboxResourceProvisioner(EcsControlPlane ecs, Elbv2ControlPlane elbv2, String region, String accountId, ResourceProvisioner fallback) {
        this(ecs, elbv2, region, accountId, fallback, null);
    }

    /** @param secrets where stack-made secrets become real (readable by GetSecretValue); null for nowhere */
    public SandboxResourceProvisioner(EcsControlPlane ecs, Elbv2ControlPlane elbv2, String region, String accountId, ResourceProvisioner fallback,
            io.magecloudkit.sandbox.secretsmanager.control.SecretsControlPlane secrets) {
        this.ecs = ecs;
        this.elbv2 = elbv2;
        this.region = region;
        this.accountId = accountId;
        this.fallback = fallback;
        this.secrets = secrets == null ? null : new StackSecrets(secrets);
    }

    @Override
    public boolean handles(String resourceType) {
        return OWN.contains(resourceType) || fallback.handles(resourceType);
    }

    @Override
    public Provisioned create(String stackName, String logicalId, String resourceType, Map<String, Object> properties) {
        if (OpenSearchAccess.DOMAIN.equals(resourceType)) {
            OpenSearchAccess.check(properties);
        }
        if (!OWN.contains(resourceType)) {
            Provisioned made = fallback.create(stackName, logicalId, resourceType, properties);
            if (AutoScalingCapacity.WATCHED.contains(resourceType)) {
                registerInstances(autoScaling.created(resourceType, made.physicalId(), properties));
            }
            if (secrets != null) {
                secrets.created(resourceType, made, properties);
            }
            return made;
        }
        CfnProperties p = new CfnProperties(logicalId, properties);
        try {
            return switch (resourceType) {
                case CLUSTER -> {
                    Provisioned made = cluster(p.string("ClusterName", generatedName(stackName, logicalId, 255)), p);
                    registerInstances(autoScaling.serve(made.physicalId(), properties.get("CapacityProviders")));
                    yield made;
                }
                case TASK_DEFINITION -> taskDefinition(stackName, logicalId, properties, p);
                case SERVICE -> service(ecs.services().create(EcsStackRequests.createService(p.string("Cluster", "default"),
                        p.string("ServiceName", generatedName(stackName, logicalId, 255)), p)));
                case TARGET_GROUP -> targetGroup(null, stackName, logicalId, p);
                case LOAD_BALANCER -> loadBalancer(elbv2.loadBalancers().create(
                        Elbv2StackRequests.loadBalancer(p.string("Name", generatedName(stackName, logicalId, 32)), p)));
                case LISTENER -> listener(elbv2.listeners().create(Elbv2StackRequests.listener(p)));
                case LISTENER_RULE -> rule(elbv2.listeners().putRule(p.string("ListenerArn"), Elbv2StackRequests.rule(null, p)));
                default -> throw new IllegalStateException(resourceType);
            };
        } catch (SandboxError e) {
            throw failure(e);
        }
    }

    @Override
    public Provisioned update(String stackName, String logicalId, String resourceType, String physicalId, Map<String, Object> properties) {
        if (OpenSearchAccess.DOMAIN.equals(resourceType)) {
            OpenSearchAccess.check(properties);
        }
        if (!OWN.contains(resourceType)) {
            return fallback.update(stackName, logicalId, resourceType, physicalId, properties);
        }
        CfnProperties p = new CfnProperties(logicalId, properties);
        try {
            return switch (resourceType) {
                case CLUSTER -> cluster(physicalId, p);
                // Task definitions are immutable: an update registers a new revision (a new physical id).
                case TASK_DEFINITION -> taskDefinition(stackName, logicalId, properties, p);
                case SERVICE -> service(ecs.services().update(EcsStackRequests.updateService(p.string("Cluster", "default"), physicalId, p)));
                case TARGET_GROUP -> targetGroup(physicalId, stackName, logicalId, p);
                case LOAD_BALANCER -> loadBalancer(elbv2.loadBalancers().modify(physicalId,
                        Elbv2StackRequests.loadBalancer(elbv2.loadBalancers().get(physicalId).name, p)));
                case LISTENER -> listener(elbv2.listeners().modify(physicalId, Elbv2StackRequests.listener(p)));
                case LISTENER_RULE -> rule(elbv2.listeners().putRule(p.string("ListenerArn"), Elbv2StackRequests.rule(physicalId, p)));
                default -> throw new IllegalStateException(resourceType);
            };
        } catch (SandboxError e) {
            throw failure(e);
        }
    }

    @Override
    public void delete(String stackName, String logicalId, String resourceType, String physicalId, Map<String, Object> properties) {
        if (!OWN.contains(resourceType)) {
            fallback.delete(stackName, logicalId, resourceType, physicalId, properties);
            if (secrets != null && StackSecrets.SECRET.equals(resourceType)) {
                secrets.deleted(physicalId);
            }
            return;
        }
        try {
            switch (resourceType) {
                case CLUSTER -> ecs.clusters().deactivate(physicalId);
                case TASK_DEFINITION -> ecs.taskDefinitions().deregister(physicalId);
                case SERVICE -> ecs.services().delete(new DeleteService(
                        new CfnProperties(logicalId, properties).string("Cluster", "default"), physicalId, true));
                case TARGET_GROUP -> elbv2.targetGroups().remove(physicalId);
                case LOAD_BALANCER -> elbv2.loadBalancers().delete(physicalId);
                case LISTENER -> elbv2.listeners().delete(physicalId);
                case LISTENER_RULE -> elbv2.listeners().removeRule(physicalId);
                default -> throw new IllegalStateException(resourceType);
            }
        } catch (SandboxError e) {
            // Deleting what is already gone is not an error (the cluster or service went first).
            if (!e.code().endsWith("NotFoundException") && !e.code().endsWith("NotFound") && !"ClientException".equals(e.code())) {
                throw failure(e);
            }
        }
    }

    /** Container instances of a stack's auto-scaling group, as its instances' agents would register them. */
    private void registerInstances(List<RegisterContainerInstances> registrations) {
        try {
            registrations.forEach(ecs.containerInstances()::register);
        } catch (SandboxError e) {
            throw failure(e);
        }
    }

    private Provisioned cluster(String name, CfnProperties p) {
        var c = ecs.clusters().create(EcsStackRequests.cluster(name, p)).cluster();
        return new Provisioned(c.name, Map.of("Arn", c.arn));
    }

    private Provisioned taskDefinition(String stackName, String logicalId, Map<String, Object> properties, CfnProperties p) {
        String family = p.string("Family", generatedName(stackName, logicalId, 255));
        TaskDefinitionView view = ecs.taskDefinitions().register(EcsStackRequests.taskDefinition(family, properties, p));
        String arn = view.taskDefinition().arn;
        return new Provisioned(arn, Map.of("TaskDefinitionArn", arn));
    }

    private static Provisioned service(ServiceView view) {
        var s = view.service();
        return new Provisioned(s.arn, Map.of("Name", s.name, "ServiceArn", s.arn));
    }

    private Provisioned targetGroup(String existingArn, String stackName, String logicalId, CfnProperties p) {
        TargetGroup tg = existingArn == null ? null : elbv2.targetGroups().find(existingArn);
        if (tg == null) {
            tg = new TargetGroup();
            tg.name = p.string("Name", generatedName(stackName, logicalId, 32));
            if (!tg.name.matches("[A-Za-z0-9-]{1,32}") || tg.name.startsWith("-") || tg.name.endsWith("-")) {
                throw new ResourceFailure("Resource handler returned message: \"Target group name '" + tg.name
                        + "' can have a maximum of 32 characters, can contain only alphanumeric characters or hyphens, and must not begin or end with a hyphen\"");
            }
            String id = Long.toHexString(ThreadLocalRandom.current().nextLong() & 0xffffffffffffL | 0x1000000000000L).substring(1);
            tg.arn = "arn:aws:elasticloadbalancing:" + region + ":" + accountId + ":targetgroup/" + tg.name + "/" + id;
        }
        tg.protocol = p.string("Protocol", tg.protocol);
        tg.port = p.integer("Port", tg.port);
        tg.vpcId = p.string("VpcId", tg.vpcId);
        tg.targetType = p.string("TargetType", tg.targetType);
        tg.healthCheckPath = p.string("HealthCheckPath", tg.healthCheckPath);
        tg.healthCheckProtocol = p.string("HealthCheckProtocol", tg.protocol);
        tg.healthCheckPort = p.string("HealthCheckPort", tg.healthCheckPort);
        tg.healthCheckIntervalSeconds = p.integer("HealthCheckIntervalSeconds", tg.healthCheckIntervalSeconds);
        tg.healthCheckTimeoutSeconds = p.integer("HealthCheckTimeoutSeconds", tg.healthCheckTimeoutSeconds);
        tg.healthyThresholdCount = p.integer("HealthyThresholdCount", tg.healthyThresholdCount);
        tg.unhealthyThresholdCount = p.integer("UnhealthyThresholdCount", tg.unhealthyThresholdCount);
        CfnProperties matcher = p.object("Matcher");
        if (matcher != null) {
            tg.matcher = matcher.string("HttpCode", tg.matcher);
        }
        List<CfnProperties> attributeList = p.objects("TargetGroupAttributes");
        for (CfnProperties attr : attributeList == null ? List.<CfnProperties>of() : attributeList) {
            if ("deregistration_delay.timeout_seconds".equals(attr.string("Key", null))) {
                tg.deregistrationDelaySeconds = attr.integer("Value", tg.deregistrationDelaySeconds);
            }
        }
        elbv2.targetGroups().put(tg);
        Map<String, Object> attributes = new HashMap<>();
        attributes.put("TargetGroupArn", tg.arn);
        attributes.put("TargetGroupName", tg.name);
        attributes.put("TargetGroupFullName", tg.fullName());
        attributes.put("LoadBalancerArns", List.copyOf(tg.loadBalancerArns));
        return new Provisioned(tg.arn, attributes);
    }

    private static Provisioned loadBalancer(LoadBalancer lb) {
        return new Provisioned(lb.arn, Map.of("LoadBalancerArn", lb.arn, "DNSName", lb.dnsName,
                "CanonicalHostedZoneID", lb.canonicalHostedZoneId, "LoadBalancerFullName", lb.fullName(),
                "LoadBalancerName", lb.name, "SecurityGroups", List.copyOf(lb.securityGroups)));
    }

    private static Provisioned listener(Listener l) {
        return new Provisioned(l.arn, Map.of("ListenerArn", l.arn));
    }

    private static Provisioned rule(Listener.Rule r) {
        return new Provisioned(r.arn, Map.of("RuleArn", r.arn, "IsDefault", false));
    }

    private static ResourceFailure failure(SandboxError e) {
        return new ResourceFailure("Resource handler returned message: \"" + e.getMessage() + "\" (HandlerErrorCode: InvalidRequest)");
    }

    /** CloudFormation's physical names: stack-Logical-RANDOM, cut to the type's limit. */
    static String generatedName(String stackName, String logicalId, int max) {
        String suffix = Long.toString(ThreadLocalRandom.current().nextLong(Long.MAX_VALUE), 36).toUpperCase(Locale.ROOT);
        suffix = suffix.substring(0, Math.min(12, suffix.length()));
        String base = stackName + "-" + logicalId;
        int room = max - suffix.length() - 1;
        if (base.length() > room) {
            base = base.substring(0, room);
        }
        return (base + "-" + suffix).replaceAll("[^A-Za-z0-9-]", "-");
    }
}
