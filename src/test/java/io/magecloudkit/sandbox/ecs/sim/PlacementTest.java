package io.magecloudkit.sandbox.ecs.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Placement by CPU, memory and host ports under binpack, spread and random, and why a task fits nowhere. */
class PlacementTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    /**
     * Instances are written "id:cpu/memory/ports/tasksOfGroup" (ports separated by '+', '-' for none),
     * separated by spaces; the answer is the chosen instance's id, or the refusals "id=REASON ..." then
     * "| closest".
     */
    @ParameterizedTest(name = "{0}/{1} ports {2} on [{3}] by {4}: {5}")
    @CsvSource(delimiter = ';', value = {
            "512; 1024; -;   a:2048/4000/-/0 b:1024/2000/-/0;                  binpack:memory;        b",
            "512; 1024; -;   a:1024/4000/-/0 b:2048/2000/-/0;                  binpack:cpu;           a",
            "512; 1024; -;   a:2048/4000/-/2 b:2048/4000/-/1;                  spread:instanceId;     b",
            "512; 1024; -;   a:2048/4000/-/1 b:2048/4000/-/1;                  spread:instanceId;     a",
            "512; 1024; -;   a:2048/4000/-/0 b:1024/1500/-/0;                  random:;               a",
            "512; 1024; -;   a:2048/4000/-/3 b:1024/1500/-/0;                  '';                    b",
            "512; 1024; -;   a:256/4000/-/0 b:2048/4000/-/0;                   binpack:memory;        b",
            "512; 1024; 80;  a:2048/4000/80/0 b:2048/4000/443/0;               binpack:memory;        b",
            "512; 1024; -;   a:2048/4000/-/0 b:2048/4000/-/0;                  spread:instanceId binpack:memory; a",
            "4096; 1024; -;  a:2048/4000/-/0 b:1024/4000/-/0;                  binpack:memory;        a=RESOURCE:CPU b=RESOURCE:CPU | a",
            "512; 9000; -;   a:2048/4000/-/0 b:256/8000/-/0;                   binpack:memory;        a=RESOURCE:MEMORY b=RESOURCE:CPU | a",
            "512; 1024; 80;  a:2048/4000/80/0;                                 binpack:memory;        a=RESOURCE:PORTS | a",
            "4096; 9000; 80; a:2048/4000/80/0 b:2048/4000/-/0;                 binpack:memory;        a=RESOURCE:CPU b=RESOURCE:CPU | b",
            "512; 1024; -;   '';                                               binpack:memory;        | null",
    })
    void place(int cpu, int memory, String ports, String instances, String strategies, String expected) {
        Placement.Demand demand = new Placement.Demand(cpu, memory, ports(ports));
        List<Placement.Instance> list = new ArrayList<>();
        for (String spec : instances.isBlank() ? new String[0] : instances.trim().split("\\s+")) {
            String[] idAndRest = spec.split(":");
            String[] p = idAndRest[1].split("/");
            list.add(new Placement.Instance("arn:aws:ecs:us-east-1:1:container-instance/c/" + idAndRest[0], idAndRest[0],
                    Integer.parseInt(p[0]), Integer.parseInt(p[1]), ports(p[2]), Integer.parseInt(p[3])));
        }
        List<Placement.Strategy> order = new ArrayList<>();
        for (String s : strategies.isBlank() ? new String[0] : strategies.trim().split("\\s+")) {
            String[] typeAndField = s.split(":", -1);
            order.add(new Placement.Strategy(typeAndField[0], typeAndField[1].isEmpty() ? null : typeAndField[1]));
        }
        Placement.Decision d = Placement.place(demand, list, order);
        String actual = d.placed() ? d.instanceArn().substring(d.instanceArn().lastIndexOf('/') + 1)
                : (d.refusals().stream().map(r -> r.instanceArn().substring(r.instanceArn().lastIndexOf('/') + 1) + "=" + r.shortfall().reason)
                        .collect(Collectors.joining(" ")) + " | " + d.closestInstanceId()).trim();
        assertEquals(expected.trim(), actual);
    }

    @ParameterizedTest(name = "refusal [{0}]")
    @CsvSource(delimiter = ';', value = {
            "a=CPU;    The closest matching (container-instance a) has insufficient CPU units available. For more information, see the Troubleshooting section.",
            "a=MEMORY; The closest matching (container-instance a) has insufficient memory available. For more information, see the Troubleshooting section.",
            "a=PORTS;  The closest matching (container-instance a) is already using a port required by your task. For more information, see the Troubleshooting section.",
            "'';       Reason: No Container Instances were found in your cluster.",
    })
    void eventMessage(String refusal, String tail) {
        List<Placement.Refusal> refusals = refusal.isBlank() ? List.of()
                : List.of(new Placement.Refusal("arn:x/a", Placement.Shortfall.valueOf(refusal.split("=")[1])));
        Placement.Decision d = new Placement.Decision(null, refusals, refusals.isEmpty() ? null : "a");
        assertEquals("was unable to place a task because no container instance met all of its requirements. " + tail, d.eventMessage());
    }

    /** Task-level cpu/memory win; otherwise the containers' sum (memory, else memoryReservation); host ports by network mode. */
    @ParameterizedTest(name = "demand of {0}")
    @CsvSource(delimiter = ';', value = {
            "{\"cpu\":\"1 vCPU\",\"memory\":\"2 GB\",\"containerDefinitions\":[{\"cpu\":10,\"memory\":10}]};                        1024; 2048; -",
            "{\"containerDefinitions\":[{\"cpu\":256,\"memory\":512},{\"cpu\":128,\"memoryReservation\":256}]};                     384; 768; -",
            "{\"containerDefinitions\":[{\"memory\":512,\"portMappings\":[{\"containerPort\":80,\"hostPort\":8080}]}]};              0; 512; 8080",
            "{\"containerDefinitions\":[{\"memory\":512,\"portMappings\":[{\"containerPort\":80}]}]};                                0; 512; -",
            "{\"networkMode\":\"host\",\"containerDefinitions\":[{\"memory\":512,\"portMappings\":[{\"containerPort\":80}]}]};       0; 512; 80",
            "{\"networkMode\":\"awsvpc\",\"cpu\":\"256\",\"memory\":\"512\",\"containerDefinitions\":[{\"portMappings\":[{\"containerPort\":80,\"hostPort\":80}]}]}; 256; 512; -",
    })
    void demand(String definition, int cpu, int memory, String ports) throws Exception {
        Placement.Demand d = TaskDemand.of((ObjectNode) JSON.readTree(definition));
        assertEquals(new Placement.Demand(cpu, memory, ports(ports)), d);
    }

    private static Set<Integer> ports(String spec) {
        return "-".equals(spec.trim()) ? Set.of() : Arrays.stream(spec.trim().split("\\+")).map(Integer::valueOf).collect(Collectors.toSet());
    }
}
