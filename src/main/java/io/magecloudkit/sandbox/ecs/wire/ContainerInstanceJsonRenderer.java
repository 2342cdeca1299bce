package io.magecloudkit.sandbox.ecs.wire;

import static io.magecloudkit.sandbox.ecs.wire.EcsJsonRenderer.JSON;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.magecloudkit.sandbox.ecs.EcsState.ContainerInstance;
import io.magecloudkit.sandbox.ecs.control.EcsResults.ContainerInstanceView;
import java.util.List;

/** Container instances as DescribeContainerInstances and UpdateContainerInstancesState answer them. */
final class ContainerInstanceJsonRenderer {
    /** The ECS-optimized Amazon Linux 2023 AMI's agent and Docker, as a fresh instance reports them. */
    static final String AGENT_VERSION = "1.89.2";
    static final String DOCKER_VERSION = "DockerVersion: 25.0.6";

    private ContainerInstanceJsonRenderer() {
    }

    static ObjectNode containerInstance(ContainerInstanceView view) {
        ContainerInstance i = view.instance();
        ObjectNode n = JSON.createObjectNode();
        n.put("containerInstanceArn", i.arn).put("ec2InstanceId", i.ec2InstanceId);
        if (i.capacityProviderName != null) {
            n.put("capacityProviderName", i.capacityProviderName);
        }
        n.put("version", i.version);
        n.putObject("versionInfo").put("agentVersion", AGENT_VERSION).put("agentHash", "f1d5c2a0").put("dockerVersion", DOCKER_VERSION);
        n.set("remainingResources", resources(view.remainingCpu(), view.remainingMemory(), view.usedPorts()));
        n.set("registeredResources", resources(i.cpu, i.memory, List.of()));
        n.put("status", i.status.name()).put("agentConnected", true)
                .put("runningTasksCount", view.runningTasks()).put("pendingTasksCount", view.pendingTasks());
        ArrayNode attributes = n.putArray("attributes");
        attributes.addObject().put("name", "ecs.instance-type").put("value", i.instanceType);
        attributes.addObject().put("name", "ecs.availability-zone").put("value", i.availabilityZone);
        attributes.addObject().put("name", "ecs.os-type").put("value", "linux");
        attributes.addObject().put("name", "ecs.cpu-architecture").put("value", i.instanceType.startsWith("t4g") ? "arm64" : "x86_64");
        n.put("registeredAt", EcsJsonRenderer.seconds(i.registeredAt));
        n.putArray("attachments");
        n.putArray("tags");
        return n;
    }

    /** The four resources ECS reports: CPU, MEMORY, PORTS (reserved ports) and PORTS_UDP. */
    private static ArrayNode resources(int cpu, int memory, List<Integer> ports) {
        ArrayNode out = JSON.createArrayNode();
        out.addObject().put("name", "CPU").put("type", "INTEGER").put("doubleValue", 0.0).put("longValue", 0).put("integerValue", cpu);
        out.addObject().put("name", "MEMORY").put("type", "INTEGER").put("doubleValue", 0.0).put("longValue", 0).put("integerValue", memory);
        ObjectNode tcp = out.addObject().put("name", "PORTS").put("type", "STRINGSET").put("doubleValue", 0.0).put("longValue", 0)
                .put("integerValue", 0);
        ArrayNode used = tcp.putArray("stringSetValue");
        // The agent reserves SSH, Docker's API and its own introspection ports on every instance.
        for (String p : List.of("22", "2375", "2376", "51678", "51679")) {
            used.add(p);
        }
        ports.forEach(p -> used.add(Integer.toString(p)));
        out.addObject().put("name", "PORTS_UDP").put("type", "STRINGSET").put("doubleValue", 0.0).put("longValue", 0)
                .put("integerValue", 0).putArray("stringSetValue");
        return out;
    }
}
