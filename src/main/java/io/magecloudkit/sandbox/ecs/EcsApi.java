package io.magecloudkit.sandbox.ecs;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.magecloudkit.sandbox.SandboxClock;
import io.magecloudkit.sandbox.SandboxError;
import io.magecloudkit.sandbox.ecs.EcsState.Cluster;
import io.magecloudkit.sandbox.ecs.EcsState.Container;
import io.magecloudkit.sandbox.ecs.EcsState.Deployment;
import io.magecloudkit.sandbox.ecs.EcsState.Service;
import io.magecloudkit.sandbox.ecs.EcsState.ServiceEvent;
import io.magecloudkit.sandbox.ecs.EcsState.Task;
import io.magecloudkit.sandbox.ecs.EcsState.TaskDefinition;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The ECS JSON 1.1 API ({@code AmazonEC2ContainerServiceV20141113.*}) over {@link EcsState};
 * the time-driven part lives in {@link EcsSimulation}.
 */
public final class EcsApi {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final EcsSimulation sim;
    private final SandboxClock clock;

    public EcsApi(EcsSimulation sim, SandboxClock clock) {
        this.sim = sim;
        this.clock = clock;
    }

    public EcsState state() {
        return sim.state();
    }

    public long nowMillis() {
        return clock.now().toEpochMilli();
    }

    private long now() {
        return nowMillis();
    }

    /** Handles one operation; throws {@link SandboxError} for AWS error answers. */
    public ObjectNode handle(String operation, JsonNode in) {
        return switch (operation) {
            case "CreateCluster" -> wrap("cluster", cluster(createCluster(text(in, "clusterName", "default"), in.path("tags"))));
            case "DescribeClusters" -> describeClusters(in);
            case "RegisterTaskDefinition" -> registerTaskDefinition(in);
            case "DescribeTaskDefinition" -> describeTaskDefinition(in);
            case "ListTaskDefinitions" -> listTaskDefinitions(in);
            case "DeregisterTaskDefinition" -> deregisterTaskDefinition(in);
            case "CreateService" -> wrap("service", service(createService(in)));
            case "UpdateService" -> wrap("service", service(updateService(in)));
            case "DescribeServices" -> describeServices(in);
            case "DeleteService" -> wrap("service", service(deleteService(in)));
            case "ListTasks" -> listTasks(in);
            case "DescribeTasks" -> describeTasks(in);
            case "RunTask" -> runTask(in);
            case "StopTask" -> wrap("task", task(stopTask(in), false));
            case "TagResource" -> tagResource(in);
            case "ListTagsForResource" -> listTags(in);
            default -> throw new SandboxError(400, "UnknownOperationException", null);
        };
    }

    /** True for operations that change state (the sandbox persists after them). */
    public static boolean mutates(String operation) {
        return !(operation.startsWith("Describe") || operation.startsWith("List"));
    }

    // ---- clusters ------------------------------------------------------------------------------

    public Cluster createCluster(String name, JsonNode tags) {
        Cluster c = state().clusters.get(name);
        if (c == null || !"ACTIVE".equals(c.status)) {
            c = new Cluster();
            c.name = name;
            c.arn = sim.arn("cluster/" + name);
            state().clusters.put(name, c);
        }
        putTags(c.arn, tags);
        return c;
    }

    private ObjectNode describeClusters(JsonNode in) {
        ObjectNode out = JSON.createObjectNode();
        ArrayNode clusters = out.putArray("clusters");
        ArrayNode failures = out.putArray("failures");
        List<String> names = strings(in.path("clusters"));
        if (names.isEmpty()) {
            names = List.of("default");
        }
        boolean withTags = strings(in.path("include")).contains("TAGS");
        for (String ref : names) {
            Cluster c = state().clusters.get(nameOf(ref));
            if (c == null) {
                failures.add(failure(ref.startsWith("arn:") ? ref : sim.arn("cluster/" + ref), "MISSING"));
            } else {
                ObjectNode node = cluster(c);
                if (!withTags) {
                    node.remove("tags");
                }
                clusters.add(node);
            }
        }
        return out;
    }

    private ObjectNode cluster(Cluster c) {
        ObjectNode n = JSON.createObjectNode();
        n.put("clusterArn", c.arn).put("clusterName", c.name).put("status", c.status);
        int running = 0;
        int pending = 0;
        for (Task t : state().tasks.values()) {
            if (c.arn.equals(t.clusterArn) && t.active()) {
                if ("RUNNING".equals(t.lastStatus)) {
                    running++;
                } else if (!"STOPPED".equals(t.lastStatus)) {
                    pending++;
                }
            }
        }
        long services = c.services.values().stream().filter(s -> "ACTIVE".equals(s.status)).count();
        n.put("registeredContainerInstancesCount", 0).put("runningTasksCount", running)
                .put("pendingTasksCount", pending).put("activeServicesCount", services);
        n.putArray("statistics");
        n.set("tags", tags(c.arn));
        n.putArray("settings");
        n.putArray("capacityProviders");
        n.putArray("defaultCapacityProviderStrategy");
        return n;
    }

    Cluster requireCluster(JsonNode in) {
        String ref = text(in, "cluster", "default");
        Cluster c = state().clusters.get(nameOf(ref));
        if (c == null || !"ACTIVE".equals(c.status)) {
            throw new SandboxError(400, "ClusterNotFoundException", "Cluster not found.");
        }
        return c;
    }

    // ---- task definitions ----------------------------------------------------------------------

    public TaskDefinition registerTaskDefinition(ObjectNode body, long t) {
        String family = body.path("family").asText("");
        if (!family.matches("[A-Za-z0-9_-]{1,255}")) {
            throw new SandboxError(400, "ClientException",
                    "Family contains invalid characters or is too long: up to 255 letters, numbers, hyphens and underscores are allowed.");
        }
        if (!body.path("containerDefinitions").isArray() || body.path("containerDefinitions").isEmpty()) {
            throw new SandboxError(400, "ClientException", "Container list cannot be empty.");
        }
        for (JsonNode c : body.path("containerDefinitions")) {
            if (!c.hasNonNull("name") || !c.hasNonNull("image")) {
                throw new SandboxError(400, "ClientException", "Container.name and Container.image should not be null or empty.");
            }
        }
        int revision = 1;
        for (TaskDefinition td : state().taskDefinitions.values()) {
            if (td.family.equals(family)) {
                revision = Math.max(revision, td.revision + 1);
            }
        }
        TaskDefinition td = new TaskDefinition();
        td.family = family;
        td.revision = revision;
        td.arn = sim.arn("task-definition/" + family + ":" + revision);
        td.registeredAt = t;
        ObjectNode copy = body.deepCopy();
        copy.remove("tags");
        td.body = copy;
        state().taskDefinitions.put(td.arn, td);
        putTags(td.arn, body.path("tags"));
        return td;
    }

    private ObjectNode registerTaskDefinition(JsonNode in) {
        TaskDefinition td = registerTaskDefinition((ObjectNode) in, now());
        ObjectNode out = wrap("taskDefinition", taskDefinition(td));
        out.set("tags", tags(td.arn));
        return out;
    }

    public TaskDefinition resolveTaskDefinition(String ref) {
        if (ref == null || ref.isBlank()) {
            throw new SandboxError(400, "ClientException", "TaskDefinition can not be blank.");
        }
        String familyRev = ref.startsWith("arn:") ? ref.substring(ref.indexOf("task-definition/") + "task-definition/".length()) : ref;
        if (familyRev.contains(":")) {
            TaskDefinition td = state().taskDefinitions.get(sim.arn("task-definition/" + familyRev));
            if (td != null) {
                return td;
            }
        } else {
            TaskDefinition latest = null;
            for (TaskDefinition td : state().taskDefinitions.values()) {
                if (td.family.equals(familyRev) && "ACTIVE".equals(td.status) && (latest == null || td.revision > latest.revision)) {
                    latest = td;
                }
            }
            if (latest != null) {
                return latest;
            }
        }
        throw new SandboxError(400, "ClientException", "Unable to describe task definition.");
    }

    private ObjectNode describeTaskDefinition(JsonNode in) {
        TaskDefinition td = resolveTaskDefinition(text(in, "taskDefinition", null));
        ObjectNode out = wrap("taskDefinition", taskDefinition(td));
        if (strings(in.path("include")).contains("TAGS")) {
            out.set("tags", tags(td.arn));
        }
        return out;
    }

    private ObjectNode listTaskDefinitions(JsonNode in) {
        String prefix = text(in, "familyPrefix", null);
        String status = text(in, "status", "ACTIVE");
        List<TaskDefinition> all = new ArrayList<>();
        for (TaskDefinition td : state().taskDefinitions.values()) {
            if ((prefix == null || td.family.equals(prefix)) && ("ALL".equals(status) || td.status.equals(status))) {
                all.add(td);
            }
        }
        Comparator<TaskDefinition> order = Comparator.comparing((TaskDefinition td) -> td.family).thenComparingInt(td -> td.revision);
        all.sort("DESC".equals(text(in, "sort", "ASC")) ? order.reversed() : order);
        List<String> arns = all.stream().map(td -> td.arn).toList();
        return page(arns, in, "taskDefinitionArns", 100);
    }

    private ObjectNode deregisterTaskDefinition(JsonNode in) {
        String ref = text(in, "taskDefinition", null);
        if (ref == null || !(ref.contains(":"))) {
            throw new SandboxError(400, "ClientException", "Invalid revision number. Number: " + ref);
        }
        TaskDefinition td = resolveTaskDefinition(ref);
        if ("ACTIVE".equals(td.status)) {
            td.status = "INACTIVE";
            td.deregisteredAt = now();
        }
        return wrap("taskDefinition", taskDefinition(td));
    }

    ObjectNode taskDefinition(TaskDefinition td) {
        ObjectNode n = td.body.deepCopy();
        n.put("taskDefinitionArn", td.arn).put("family", td.family).put("revision", td.revision).put("status", td.status);
        if (!n.has("networkMode")) {
            n.put("networkMode", "bridge");
        }
        if (!n.has("volumes")) {
            n.putArray("volumes");
        }
        if (!n.has("placementConstraints")) {
            n.putArray("placementConstraints");
        }
        ArrayNode compat = n.putArray("compatibilities");
        compat.add("EC2");
        if ("awsvpc".equals(n.path("networkMode").asText())) {
            compat.add("FARGATE");
        }
        n.putArray("requiresAttributes");
        n.put("registeredAt", seconds(td.registeredAt));
        if (td.deregisteredAt != null) {
            n.put("deregisteredAt", seconds(td.deregisteredAt));
        }
        n.put("registeredBy", "arn:aws:iam::" + sim.arn("").split(":")[4] + ":root");
        ArrayNode defs = (ArrayNode) n.path("containerDefinitions");
        for (JsonNode def : defs) {
            ObjectNode d = (ObjectNode) def;
            for (String list : List.of("portMappings", "environment", "mountPoints", "volumesFrom")) {
                if (!d.has(list)) {
                    d.putArray(list);
                }
            }
            if (!d.has("cpu")) {
                d.put("cpu", 0);
            }
            if (!d.has("essential")) {
                d.put("essential", true);
            }
        }
        return n;
    }

    // ---- services ------------------------------------------------------------------------------

    public Service createService(JsonNode in) {
        Cluster cluster = requireCluster(in);
        String name = text(in, "serviceName", null);
        if (name == null || !name.matches("[A-Za-z0-9_-]{1,255}")) {
            throw new SandboxError(400, "InvalidParameterException", "Service name is invalid: up to 255 letters, numbers, hyphens and underscores are allowed.");
        }
        Service existing = cluster.services.get(name);
        if (existing != null && !"INACTIVE".equals(existing.status)) {
            throw new SandboxError(400, "InvalidParameterException", "Creation of service was not idempotent.");
        }
        TaskDefinition td = resolveTaskDefinition(text(in, "taskDefinition", null));
        long t = now();
        Service s = new Service();
        s.name = name;
        s.arn = sim.arn("service/" + cluster.name + "/" + name);
        s.clusterArn = cluster.arn;
        s.taskDefinition = td.arn;
        s.desiredCount = in.path("desiredCount").asInt(0);
        if (s.desiredCount < 0) {
            throw new SandboxError(400, "InvalidParameterException", "desiredCount can't be negative.");
        }
        s.launchType = text(in, "launchType", "EC2");
        s.createdAt = t;
        applyDeploymentConfiguration(s, in.path("deploymentConfiguration"));
        if (in.has("healthCheckGracePeriodSeconds")) {
            s.healthCheckGracePeriodSeconds = in.path("healthCheckGracePeriodSeconds").asInt();
        }
        if (in.path("loadBalancers").isArray() && !in.path("loadBalancers").isEmpty()) {
            s.loadBalancers = (ArrayNode) in.path("loadBalancers").deepCopy();
        }
        if (in.path("networkConfiguration").isObject()) {
            s.networkConfiguration = (ObjectNode) in.path("networkConfiguration").deepCopy();
        }
        cluster.services.put(name, s);
        putTags(s.arn, in.path("tags"));
        sim.startDeployment(s, t, null);
        return s;
    }

    private static void applyDeploymentConfiguration(Service s, JsonNode config) {
        if (config.has("minimumHealthyPercent")) {
            s.minimumHealthyPercent = config.path("minimumHealthyPercent").asInt();
        }
        if (config.has("maximumPercent")) {
            s.maximumPercent = config.path("maximumPercent").asInt();
        }
        JsonNode cb = config.path("deploymentCircuitBreaker");
        if (cb.isObject()) {
            s.circuitBreakerEnable = cb.path("enable").asBoolean(false);
            s.circuitBreakerRollback = cb.path("rollback").asBoolean(false);
        }
        if (s.maximumPercent < 100 && s.minimumHealthyPercent >= 100 || s.maximumPercent <= s.minimumHealthyPercent && s.maximumPercent < 100) {
            throw new SandboxError(400, "InvalidParameterException",
                    "The maximumPercent must be greater than the minimumHealthyPercent.");
        }
    }

    public Service requireService(Cluster cluster, String ref) {
        Service s = ref == null ? null : cluster.services.get(nameOf(ref));
        if (s == null || "INACTIVE".equals(s.status)) {
            throw new SandboxError(400, "ServiceNotFoundException", "Service not found.");
        }
        return s;
    }

    public Service updateService(JsonNode in) {
        Cluster cluster = requireCluster(in);
        Service s = requireService(cluster, text(in, "service", null));
        if (!"ACTIVE".equals(s.status)) {
            throw new SandboxError(400, "ServiceNotActiveException", "Service was not ACTIVE.");
        }
        long t = now();
        boolean newDeployment = in.path("forceNewDeployment").asBoolean(false);
        if (in.hasNonNull("taskDefinition")) {
            TaskDefinition td = resolveTaskDefinition(in.path("taskDefinition").asText());
            if (!td.arn.equals(s.taskDefinition)) {
                s.taskDefinition = td.arn;
                newDeployment = true;
            }
        }
        if (in.hasNonNull("desiredCount")) {
            int count = in.path("desiredCount").asInt();
            if (count < 0) {
                throw new SandboxError(400, "InvalidParameterException", "desiredCount can't be negative.");
            }
            s.desiredCount = count;
            s.steady = false;
        }
        if (in.path("deploymentConfiguration").isObject()) {
            applyDeploymentConfiguration(s, in.path("deploymentConfiguration"));
        }
        if (in.has("healthCheckGracePeriodSeconds")) {
            s.healthCheckGracePeriodSeconds = in.path("healthCheckGracePeriodSeconds").asInt();
        }
        if (in.path("loadBalancers").isArray()) {
            s.loadBalancers = (ArrayNode) in.path("loadBalancers").deepCopy();
            newDeployment = true;
        }
        if (in.path("networkConfiguration").isObject()) {
            s.networkConfiguration = (ObjectNode) in.path("networkConfiguration").deepCopy();
        }
        if (newDeployment) {
            sim.startDeployment(s, t, null);
        }
        return s;
    }

    public Service deleteService(JsonNode in) {
        Cluster cluster = requireCluster(in);
        Service s = requireService(cluster, text(in, "service", null));
        if (!"ACTIVE".equals(s.status)) {
            throw new SandboxError(400, "ServiceNotActiveException", "Service was not ACTIVE.");
        }
        if (s.desiredCount > 0 && !in.path("force").asBoolean(false)) {
            throw new SandboxError(400, "InvalidParameterException", "The service cannot be stopped while it is scaled above 0.");
        }
        s.desiredCount = 0;
        s.status = "DRAINING";
        return s;
    }

    private ObjectNode describeServices(JsonNode in) {
        Cluster cluster = requireCluster(in);
        ObjectNode out = JSON.createObjectNode();
        ArrayNode services = out.putArray("services");
        ArrayNode failures = out.putArray("failures");
        boolean withTags = strings(in.path("include")).contains("TAGS");
        for (String ref : strings(in.path("services"))) {
            Service s = cluster.services.get(nameOf(ref));
            if (s == null) {
                failures.add(failure(ref.startsWith("arn:") ? ref : sim.arn("service/" + cluster.name + "/" + ref), "MISSING"));
            } else {
                ObjectNode node = service(s);
                if (!withTags) {
                    node.remove("tags");
                }
                services.add(node);
            }
        }
        return out;
    }

    ObjectNode service(Service s) {
        ObjectNode n = JSON.createObjectNode();
        n.put("serviceArn", s.arn).put("serviceName", s.name).put("clusterArn", s.clusterArn);
        if (s.loadBalancers != null) {
            n.set("loadBalancers", s.loadBalancers.deepCopy());
        } else {
            n.putArray("loadBalancers");
        }
        n.putArray("serviceRegistries");
        n.put("status", s.status).put("desiredCount", s.desiredCount);
        List<Task> tasks = sim.tasksOf(s);
        n.put("runningCount", count(tasks, null, true)).put("pendingCount", count(tasks, null, false));
        n.put("launchType", s.launchType).put("taskDefinition", s.taskDefinition);
        ObjectNode config = n.putObject("deploymentConfiguration");
        config.putObject("deploymentCircuitBreaker").put("enable", s.circuitBreakerEnable).put("rollback", s.circuitBreakerRollback);
        config.put("maximumPercent", s.maximumPercent).put("minimumHealthyPercent", s.minimumHealthyPercent);
        ArrayNode deployments = n.putArray("deployments");
        for (Deployment d : s.deployments) {
            ObjectNode dn = deployments.addObject();
            dn.put("id", d.id).put("status", d.status).put("taskDefinition", d.taskDefinition);
            int active = (int) tasks.stream().filter(t -> t.active() && d.id.equals(t.deploymentId)).count();
            dn.put("desiredCount", "PRIMARY".equals(d.status) ? s.desiredCount : active);
            dn.put("pendingCount", count(tasks, d.id, false)).put("runningCount", count(tasks, d.id, true));
            dn.put("failedTasks", d.failedTasks);
            dn.put("createdAt", seconds(d.createdAt)).put("updatedAt", seconds(d.updatedAt));
            dn.put("launchType", d.launchType);
            if (s.networkConfiguration != null) {
                dn.set("networkConfiguration", s.networkConfiguration.deepCopy());
            }
            dn.put("rolloutState", d.rolloutState).put("rolloutStateReason", d.rolloutStateReason);
        }
        ArrayNode events = n.putArray("events");
        for (ServiceEvent e : s.events) {
            events.addObject().put("id", e.id).put("createdAt", seconds(e.createdAt)).put("message", e.message);
        }
        n.put("createdAt", seconds(s.createdAt));
        n.putArray("placementConstraints");
        n.putArray("placementStrategy");
        if (s.networkConfiguration != null) {
            n.set("networkConfiguration", s.networkConfiguration.deepCopy());
        }
        if (s.healthCheckGracePeriodSeconds != null) {
            n.put("healthCheckGracePeriodSeconds", s.healthCheckGracePeriodSeconds);
        }
        n.put("schedulingStrategy", s.schedulingStrategy);
        n.putObject("deploymentController").put("type", "ECS");
        n.set("tags", tags(s.arn));
        n.put("createdBy", "arn:aws:iam::" + s.arn.split(":")[4] + ":root");
        n.put("enableECSManagedTags", false).put("propagateTags", "NONE").put("enableExecuteCommand", false);
        return n;
    }

    private static int count(List<Task> tasks, String deploymentId, boolean running) {
        int n = 0;
        for (Task t : tasks) {
            if (!t.active() || deploymentId != null && !deploymentId.equals(t.deploymentId)) {
                continue;
            }
            boolean isRunning = "RUNNING".equals(t.lastStatus);
            if (running == isRunning) {
                n++;
            }
        }
        return n;
    }

    // ---- tasks ---------------------------------------------------------------------------------

    private ObjectNode runTask(JsonNode in) {
        Cluster cluster = requireCluster(in);
        TaskDefinition td = resolveTaskDefinition(text(in, "taskDefinition", null));
        if (!"ACTIVE".equals(td.status)) {
            throw new SandboxError(400, "ClientException", "TaskDefinition is inactive");
        }
        int count = in.path("count").asInt(1);
        if (count < 1 || count > 10) {
            throw new SandboxError(400, "InvalidParameterException", "Count must be between 1 and 10.");
        }
        long t = now();
        ObjectNode out = JSON.createObjectNode();
        ArrayNode tasks = out.putArray("tasks");
        for (int i = 0; i < count; i++) {
            Task task = sim.launchTask(cluster.arn, td.arn, text(in, "group", "family:" + td.family), text(in, "startedBy", null),
                    null, null, text(in, "launchType", "EC2"), t);
            putTags(task.arn, in.path("tags"));
            tasks.add(task(task, false));
        }
        out.putArray("failures");
        return out;
    }

    private Task stopTask(JsonNode in) {
        Cluster cluster = requireCluster(in);
        Task task = findTask(cluster, text(in, "task", null));
        if (task == null) {
            throw new SandboxError(400, "InvalidParameterException", "The referenced task was not found.");
        }
        sim.requestStop(task, now(), text(in, "reason", "Task stopped by user"), "UserInitiated", null);
        return task;
    }

    private Task findTask(Cluster cluster, String ref) {
        if (ref == null) {
            return null;
        }
        String id = ref.substring(ref.lastIndexOf('/') + 1);
        for (Task t : state().tasks.values()) {
            if (t.id.equals(id) && t.clusterArn.equals(cluster.arn)) {
                return t;
            }
        }
        return null;
    }

    private ObjectNode listTasks(JsonNode in) {
        Cluster cluster = requireCluster(in);
        String serviceName = text(in, "serviceName", null);
        if (serviceName != null) {
            requireService(cluster, serviceName);
            serviceName = nameOf(serviceName);
        }
        String family = text(in, "family", null);
        String startedBy = text(in, "startedBy", null);
        String desired = text(in, "desiredStatus", "RUNNING");
        List<String> arns = new ArrayList<>();
        for (Task t : state().tasks.values()) {
            if (t.clusterArn.equals(cluster.arn) && t.desiredStatus.equals(desired)
                    && (serviceName == null || serviceName.equals(t.serviceName))
                    && (family == null || family.equals(t.family))
                    && (startedBy == null || startedBy.equals(t.startedBy))) {
                arns.add(t.arn);
            }
        }
        return page(arns, in, "taskArns", 100);
    }

    private ObjectNode describeTasks(JsonNode in) {
        Cluster cluster = requireCluster(in);
        List<String> refs = strings(in.path("tasks"));
        if (refs.isEmpty()) {
            throw new SandboxError(400, "InvalidParameterException", "Tasks cannot be empty.");
        }
        boolean withTags = strings(in.path("include")).contains("TAGS");
        ObjectNode out = JSON.createObjectNode();
        ArrayNode tasks = out.putArray("tasks");
        ArrayNode failures = out.putArray("failures");
        for (String ref : refs) {
            Task t = findTask(cluster, ref);
            if (t == null) {
                failures.add(failure(ref, "MISSING"));
            } else {
                tasks.add(task(t, withTags));
            }
        }
        return out;
    }

    ObjectNode task(Task t, boolean withTags) {
        ObjectNode n = JSON.createObjectNode();
        n.putArray("attachments");
        n.putArray("attributes");
        n.put("availabilityZone", "us-east-1a".replace("us-east-1", t.arn.split(":")[3]));
        n.put("clusterArn", t.clusterArn);
        ArrayNode containers = n.putArray("containers");
        for (Container c : t.containers) {
            ObjectNode cn = containers.addObject();
            cn.put("containerArn", t.arn.replace(":task/", ":container/") + "/" + c.name);
            cn.put("taskArn", t.arn).put("name", c.name).put("image", c.image);
            if (c.runtimeId != null) {
                cn.put("runtimeId", c.runtimeId);
            }
            cn.put("lastStatus", c.lastStatus);
            if (c.exitCode != null && "STOPPED".equals(c.lastStatus)) {
                cn.put("exitCode", c.exitCode);
            }
            if (c.reason != null) {
                cn.put("reason", c.reason);
            }
            cn.putArray("networkBindings");
            cn.putArray("networkInterfaces");
            cn.put("healthStatus", c.healthStatus);
        }
        if (t.cpu != null) {
            n.put("cpu", t.cpu);
        }
        n.put("createdAt", seconds(t.createdAt)).put("desiredStatus", t.desiredStatus);
        n.put("enableExecuteCommand", false);
        if (t.executionStoppedAt != null) {
            n.put("executionStoppedAt", seconds(t.executionStoppedAt));
        }
        n.put("group", t.group).put("healthStatus", t.healthStatus).put("lastStatus", t.lastStatus);
        n.put("launchType", t.launchType);
        if (t.memory != null) {
            n.put("memory", t.memory);
        }
        n.putObject("overrides").putArray("containerOverrides");
        if (t.pullStartedAt != null) {
            n.put("pullStartedAt", seconds(t.pullStartedAt));
        }
        if (t.pullStoppedAt != null) {
            n.put("pullStoppedAt", seconds(t.pullStoppedAt));
        }
        if (t.startedAt != null) {
            n.put("startedAt", seconds(t.startedAt));
        }
        if (t.startedBy != null) {
            n.put("startedBy", t.startedBy);
        }
        if (t.stopCode != null) {
            n.put("stopCode", t.stopCode);
        }
        if (t.stoppedAt != null) {
            n.put("stoppedAt", seconds(t.stoppedAt));
        }
        if (t.stoppedReason != null) {
            n.put("stoppedReason", t.stoppedReason);
        }
        if (t.stoppingAt != null) {
            n.put("stoppingAt", seconds(t.stoppingAt));
        }
        if (withTags) {
            n.set("tags", tags(t.arn));
        }
        n.put("taskArn", t.arn).put("taskDefinitionArn", t.taskDefinitionArn).put("version", t.version);
        return n;
    }

    // ---- tags ----------------------------------------------------------------------------------

    private boolean exists(String arn) {
        if (state().taskDefinitions.containsKey(arn) || state().tasks.containsKey(arn)) {
            return true;
        }
        for (Cluster c : state().clusters.values()) {
            if (c.arn.equals(arn)) {
                return true;
            }
            for (Service s : c.services.values()) {
                if (s.arn.equals(arn)) {
                    return true;
                }
            }
        }
        return false;
    }

    private ObjectNode tagResource(JsonNode in) {
        String arn = text(in, "resourceArn", null);
        if (arn == null || !exists(arn)) {
            throw new SandboxError(400, "InvalidParameterException", "The specified resource is not found.");
        }
        putTags(arn, in.path("tags"));
        return JSON.createObjectNode();
    }

    private ObjectNode listTags(JsonNode in) {
        String arn = text(in, "resourceArn", null);
        if (arn == null || !exists(arn)) {
            throw new SandboxError(400, "InvalidParameterException", "The specified resource is not found.");
        }
        return wrap("tags", tags(arn));
    }

    public void putTags(String arn, JsonNode tags) {
        if (!tags.isArray() || tags.isEmpty()) {
            return;
        }
        Map<String, String> map = state().tags.computeIfAbsent(arn, k -> new LinkedHashMap<>());
        for (JsonNode tag : tags) {
            map.put(tag.path("key").asText(), tag.path("value").asText(""));
        }
    }

    private ArrayNode tags(String arn) {
        ArrayNode out = JSON.createArrayNode();
        state().tags.getOrDefault(arn, Map.of()).forEach((k, v) -> out.addObject().put("key", k).put("value", v));
        return out;
    }

    // ---- helpers -------------------------------------------------------------------------------

    private static ObjectNode page(List<String> items, JsonNode in, String field, int defaultMax) {
        int start = 0;
        String token = text(in, "nextToken", null);
        if (token != null) {
            try {
                start = Integer.parseInt(token);
            } catch (NumberFormatException e) {
                throw new SandboxError(400, "InvalidParameterException", "The nextToken is invalid.");
            }
        }
        int max = in.path("maxResults").asInt(defaultMax);
        ObjectNode out = JSON.createObjectNode();
        ArrayNode arr = out.putArray(field);
        int end = Math.min(items.size(), start + max);
        for (int i = start; i < end; i++) {
            arr.add(items.get(i));
        }
        if (end < items.size()) {
            out.put("nextToken", Integer.toString(end));
        }
        return out;
    }

    static double seconds(long millis) {
        return millis / 1000.0;
    }

    private static ObjectNode wrap(String field, JsonNode value) {
        ObjectNode n = JSON.createObjectNode();
        n.set(field, value);
        return n;
    }

    private static ObjectNode failure(String arn, String reason) {
        return JSON.createObjectNode().put("arn", arn).put("reason", reason);
    }

    static String nameOf(String ref) {
        return ref.startsWith("arn:") ? ref.substring(ref.lastIndexOf('/') + 1) : ref;
    }

    static String text(JsonNode in, String field, String fallback) {
        JsonNode v = in.get(field);
        return v == null || v.isNull() ? fallback : v.asText();
    }

    static List<String> strings(JsonNode arr) {
        List<String> out = new ArrayList<>();
        if (arr.isArray()) {
            arr.forEach(v -> out.add(v.asText()));
        }
        return out;
    }
}
