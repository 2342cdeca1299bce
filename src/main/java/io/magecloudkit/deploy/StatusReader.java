package io.magecloudkit.deploy;

import io.magecloudkit.MckException;
import io.magecloudkit.aws.AwsSession;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.ecs.model.ClusterNotFoundException;
import software.amazon.awssdk.services.ecs.model.Service;

/** Reads each app's service, its cron and consumer services, target health and deploy history for {@code mck status}. */
final class StatusReader {
    static final int LAST_DEPLOYS = 5;
    private final AwsSession aws;

    StatusReader(AwsSession aws) {
        this.aws = aws;
    }

    StatusReport read(String environment, List<AppPlan> plans) {
        List<StatusReport.AppStatus> apps = new ArrayList<>();
        for (AppPlan plan : plans) {
            List<DeployHistory.Entry> history = new DeployHistory(aws, plan.parameterPrefix() + "deploy-history").read();
            List<StatusReport.Deploy> deploys = history.stream().limit(LAST_DEPLOYS).map(StatusReader::deploy).toList();
            Service s = find(plan.cluster(), plan.service());
            List<StatusReport.WorkerStatus> workers = s == null ? List.of() : workers(plan, history);
            if (s == null) {
                apps.add(new StatusReport.AppStatus(plan.app(), plan.cluster(), plan.service(), "not found", null, Map.of(), 0, 0,
                        0, List.of(), null, deploys, workers));
                continue;
            }
            Map<String, String> images = new LinkedHashMap<>();
            new TaskDefinitions(aws).describe(s.taskDefinition()).containerDefinitions().forEach(c -> images.put(c.name(), c.image()));
            String targets = null;
            if (plan.targetGroupArn() != null) {
                var all = aws.call("describe target health", () -> aws.elbv2().describeTargetHealth(r -> r
                        .targetGroupArn(plan.targetGroupArn()))).targetHealthDescriptions();
                long healthy = all.stream().filter(t -> "healthy".equals(t.targetHealth().stateAsString())).count();
                targets = healthy + "/" + all.size() + " healthy";
            }
            apps.add(new StatusReport.AppStatus(plan.app(), plan.cluster(), plan.service(), s.status(),
                    HealthGate.revision(s.taskDefinition()), images, s.desiredCount(), s.runningCount(), s.pendingCount(),
                    deployments(s), targets, deploys, workers));
        }
        return new StatusReport(environment, apps);
    }

    /** The app's worker services: one DescribeServices for all of them (it takes up to 10 names). */
    private List<StatusReport.WorkerStatus> workers(AppPlan plan, List<DeployHistory.Entry> history) {
        List<StatusReport.WorkerStatus> out = new ArrayList<>();
        List<WorkerTaskDefinitions.Worker> named = plan.workers();
        for (int i = 0; i < named.size(); i += 10) {
            List<WorkerTaskDefinitions.Worker> batch = named.subList(i, Math.min(named.size(), i + 10));
            List<String> names = batch.stream().map(WorkerTaskDefinitions.Worker::service).toList();
            Map<String, Service> found = new LinkedHashMap<>();
            aws.call("describe worker services of " + plan.app(), () -> aws.ecs().describeServices(r -> r.cluster(plan.cluster())
                    .services(names))).services().stream().filter(x -> !"INACTIVE".equals(x.status()))
                    .forEach(x -> found.put(x.serviceName(), x));
            for (WorkerTaskDefinitions.Worker w : batch) {
                Service x = found.get(w.service());
                StatusReport.Deploy last = history.stream().filter(e -> e.workers() != null && e.workers().containsKey(w.service()))
                        .findFirst().map(StatusReader::deploy).orElse(null);
                out.add(x == null ? new StatusReport.WorkerStatus(w.role(), w.service(), "not found", null, 0, 0, 0, List.of(), last)
                        : new StatusReport.WorkerStatus(w.role(), w.service(), x.status(), HealthGate.revision(x.taskDefinition()),
                                x.desiredCount(), x.runningCount(), x.pendingCount(), deployments(x), last));
            }
        }
        return out;
    }

    private Service find(String cluster, String service) {
        try {
            return new ServiceObserver(aws, cluster, service, null).find();
        } catch (MckException | ClusterNotFoundException e) {
            return null;
        }
    }

    private static List<String> deployments(Service s) {
        return s.deployments().stream().map(d -> d.status() + " " + d.id() + " " + HealthGate.revision(d.taskDefinition()) + " "
                + d.rolloutStateAsString() + " " + d.runningCount() + "/" + d.desiredCount() + " running"
                + (d.failedTasks() != null && d.failedTasks() > 0 ? ", " + d.failedTasks() + " failed" : "")).toList();
    }

    private static StatusReport.Deploy deploy(DeployHistory.Entry e) {
        return new StatusReport.Deploy(e.at(), e.by(), e.kind(), HealthGate.revision(e.revision()), e.verdict(), e.reason());
    }
}
