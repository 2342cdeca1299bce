package io.magecloudkit.sandbox.ecs.wire;

import static io.magecloudkit.sandbox.ecs.wire.EcsJsonRenderer.JSON;
import static io.magecloudkit.sandbox.ecs.wire.EcsJsonRenderer.seconds;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.magecloudkit.sandbox.ecs.EcsState.Container;
import io.magecloudkit.sandbox.ecs.EcsState.ContainerOverride;
import io.magecloudkit.sandbox.ecs.EcsState.Task;
import io.magecloudkit.sandbox.ecs.EcsState.TaskStatus;
import io.magecloudkit.sandbox.ecs.control.EcsResults.TaskView;

/** A task as ECS's JSON 1.1 answers describe it, with its containers. */
final class TaskJsonRenderer {
    private TaskJsonRenderer() {
    }

    static ObjectNode task(TaskView view) {
        Task t = view.task();
        ObjectNode n = JSON.createObjectNode();
        n.putArray("attachments");
        n.putArray("attributes");
        n.put("availabilityZone", t.arn.split(":")[3] + "a");
        n.put("clusterArn", t.clusterArn);
        ArrayNode containers = n.putArray("containers");
        for (Container c : t.containers) {
            ObjectNode cn = containers.addObject();
            cn.put("containerArn", t.arn.replace(":task/", ":container/") + "/" + c.name);
            cn.put("taskArn", t.arn).put("name", c.name).put("image", c.image);
            if (c.runtimeId != null) {
                cn.put("runtimeId", c.runtimeId);
            }
            cn.put("lastStatus", c.lastStatus.name());
            if (c.exitCode != null && c.lastStatus == TaskStatus.STOPPED) {
                cn.put("exitCode", c.exitCode);
            }
            if (c.reason != null) {
                cn.put("reason", c.reason);
            }
            cn.putArray("networkBindings");
            cn.putArray("networkInterfaces");
            cn.put("healthStatus", c.healthStatus.name());
        }
        if (t.cpu != null) {
            n.put("cpu", t.cpu);
        }
        n.put("createdAt", seconds(t.createdAt)).put("desiredStatus", t.desiredStatus.name());
        n.put("enableExecuteCommand", t.enableExecuteCommand);
        putTime(n, "executionStoppedAt", t.executionStoppedAt);
        n.put("group", t.group).put("healthStatus", t.healthStatus.name()).put("lastStatus", t.lastStatus.name());
        n.put("launchType", t.launchType);
        if (t.capacityProviderName != null) {
            n.put("capacityProviderName", t.capacityProviderName);
        }
        if (t.containerInstanceArn != null) {
            n.put("containerInstanceArn", t.containerInstanceArn);
        }
        if (t.memory != null) {
            n.put("memory", t.memory);
        }
        ObjectNode taskOverrides = n.putObject("overrides");
        ArrayNode overrides = taskOverrides.putArray("containerOverrides");
        taskOverrides.putArray("inferenceAcceleratorOverrides");
        for (ContainerOverride o : t.overrides) {
            ObjectNode on = overrides.addObject().put("name", o.name());
            if (o.command() != null) {
                o.command().forEach(on.putArray("command")::add);
            }
            if (o.environment() != null) {
                ArrayNode env = on.putArray("environment");
                o.environment().forEach(kv -> env.addObject().put("name", kv.name()).put("value", kv.value()));
            }
        }
        putTime(n, "pullStartedAt", t.pullStartedAt);
        putTime(n, "pullStoppedAt", t.pullStoppedAt);
        putTime(n, "startedAt", t.startedAt);
        if (t.startedBy != null) {
            n.put("startedBy", t.startedBy);
        }
        if (t.stopCode != null) {
            n.put("stopCode", t.stopCode);
        }
        putTime(n, "stoppedAt", t.stoppedAt);
        if (t.stoppedReason != null) {
            n.put("stoppedReason", t.stoppedReason);
        }
        putTime(n, "stoppingAt", t.stoppingAt);
        if (view.tags() != null) {
            n.set("tags", EcsJsonRenderer.tags(view.tags()));
        }
        n.put("taskArn", t.arn).put("taskDefinitionArn", t.taskDefinitionArn).put("version", t.version);
        return n;
    }

    private static void putTime(ObjectNode n, String field, Long millis) {
        if (millis != null) {
            n.put(field, seconds(millis));
        }
    }
}
