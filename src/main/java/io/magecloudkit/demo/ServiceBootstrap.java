package io.magecloudkit.demo;

import io.magecloudkit.aws.AwsSession;
import java.util.List;
import software.amazon.awssdk.services.ecs.model.ContainerDefinition;
import software.amazon.awssdk.services.ecs.model.LoadBalancer;
import software.amazon.awssdk.services.ecs.model.PortMapping;

/**
 * Creates the app's ECS service once, as an operator does by hand today: `mck provision` makes
 * the cluster, the load balancer and the app's target group but no service, and `mck deploy`
 * updates a service that exists. The service starts on a placeholder task definition (the
 * family's revision 1) that the first deploy replaces.
 *
 * @param cluster        the provisioned cluster
 * @param service        the service name mck deploy expects ({@code <project>-<env>-<app>})
 * @param family         the app's task definition family (the same name)
 * @param targetGroupArn the app's target group from the stack outputs
 * @param subnets        the private subnets (awsvpc)
 * @param securityGroup  the app security group
 * @param desiredCount   the app's desiredCount
 */
public record ServiceBootstrap(String cluster, String service, String family, String targetGroupArn, List<String> subnets,
        String securityGroup, int desiredCount) {
    static final String PLACEHOLDER_IMAGE = "public.ecr.aws/nginx/nginx@sha256:" + "0".repeat(64);

    /** @return a line for the log saying what was done */
    public String ensure(AwsSession aws) {
        var existing = aws.ecs().describeServices(r -> r.cluster(cluster).services(service)).services();
        if (!existing.isEmpty() && !"INACTIVE".equals(existing.get(0).status())) {
            return "service " + service + " exists (" + Revisions.of(existing.get(0).taskDefinition()) + ")";
        }
        String placeholder = aws.ecs().registerTaskDefinition(r -> r.family(family).networkMode("awsvpc")
                .requiresCompatibilities(software.amazon.awssdk.services.ecs.model.Compatibility.EC2).cpu("256").memory("256")
                .containerDefinitions(ContainerDefinition.builder().name("nginx").image(PLACEHOLDER_IMAGE).essential(true)
                        .portMappings(PortMapping.builder().containerPort(8080).build()).build()))
                .taskDefinition().taskDefinitionArn();
        aws.ecs().createService(r -> r.cluster(cluster).serviceName(service).taskDefinition(placeholder).desiredCount(desiredCount)
                .launchType(software.amazon.awssdk.services.ecs.model.LaunchType.EC2)
                .networkConfiguration(n -> n.awsvpcConfiguration(a -> a.subnets(subnets).securityGroups(securityGroup)))
                .deploymentConfiguration(c -> c.minimumHealthyPercent(100).maximumPercent(200)
                        .deploymentCircuitBreaker(b -> b.enable(true).rollback(true)))
                .loadBalancers(LoadBalancer.builder().targetGroupArn(targetGroupArn).containerName("nginx").containerPort(8080).build()));
        return "created service " + service + " in " + cluster + " on the placeholder " + Revisions.of(placeholder)
                + " (desired " + desiredCount + ", behind " + targetGroupArn.substring(targetGroupArn.indexOf("targetgroup/")) + ")";
    }
}
