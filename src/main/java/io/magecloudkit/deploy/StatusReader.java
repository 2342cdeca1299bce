package io.magecloudkit.deploy;

import io.magecloudkit.MckException;
import io.magecloudkit.aws.AwsSession;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.ecs.model.ClusterNotFoundException;

/** Reads each app's service, target health and deploy history for {@code mck status}. */
final class StatusReader {
    static final int LAST_DEPLOYS = 5;
    private final AwsSession aws;

    StatusReader(AwsSession aws) {
        this.aws = aws;
    }

    StatusReport read(String environment, List<AppPlan> plans) {
        List<StatusReport.AppStatus> apps = new ArrayList<>();
        for (AppPlan plan : plans) {
            List<StatusReport.Deploy> deploys = new DeployHistory(aws, plan.parameterPrefix() + "deploy-history").read().stream()
                    .limit(LAST_DEPLOYS).map(e -> new StatusReport.Deploy(e.at(), e.by(), e.kind(), HealthGate.revision(e.revision()),
                            e.verdict(), e.reason())).toList();
            var service = new ServiceObserver(aws, plan.cluster(), plan.service(), null);
            software.amazon.awssdk.services.ecs.model.Service s;
            try {
                s = service.describe();
            } catch (MckException | ClusterNotFoundException e) {
                apps.add(new StatusReport.AppStatus(plan.app(), plan.cluster(), plan.service(), "not found", null, Map.of(), 0, 0,
                        0, List.of(), null, deploys));
                continue;
            }
            Map<String, String> images = new LinkedHashMap<>();
            new TaskDefinitions(aws).describe(s.taskDefinition()).containerDefinitions().forEach(c -> images.put(c.name(), c.image()));
            List<String> deployments = s.deployments().stream().map(d -> d.status() + " " + d.id() + " "
                    + HealthGate.revision(d.taskDefinition()) + " " + d.rolloutStateAsString() + " " + d.runningCount() + "/"
                    + d.desiredCount() + " running" + (d.failedTasks() != null && d.failedTasks() > 0 ? ", " + d.failedTasks()
                    + " failed" : "")).toList();
            String targets = null;
            if (plan.targetGroupArn() != null) {
                var all = aws.call("describe target health", () -> aws.elbv2().describeTargetHealth(r -> r
                        .targetGroupArn(plan.targetGroupArn()))).targetHealthDescriptions();
                long healthy = all.stream().filter(t -> "healthy".equals(t.targetHealth().stateAsString())).count();
                targets = healthy + "/" + all.size() + " healthy";
            }
            apps.add(new StatusReport.AppStatus(plan.app(), plan.cluster(), plan.service(), s.status(),
                    HealthGate.revision(s.taskDefinition()), images, s.desiredCount(), s.runningCount(), s.pendingCount(),
                    deployments, targets, deploys));
        }
        return new StatusReport(environment, apps);
    }
}
