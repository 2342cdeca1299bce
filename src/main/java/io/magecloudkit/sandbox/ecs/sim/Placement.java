package io.magecloudkit.sandbox.ecs.sim;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;

/**
 * Where ECS puts a task on EC2, as a pure function: the container instances that have the
 * task's CPU units, memory and host ports free, ordered by the placement strategy (binpack on
 * the resource named, spread over instances, or random, taken here as the first that fits so
 * that runs repeat). When none fits, the answer says why for each instance and which came
 * closest, in the words of RunTask's failures and the service event.
 *
 * @see <a href="https://docs.aws.amazon.com/AmazonECS/latest/developerguide/task-placement-strategies.html">Task placement strategies</a>
 */
public final class Placement {

    /** What a task reserves on its instance. */
    public record Demand(int cpu, int memory, Set<Integer> hostPorts) {
        public Demand {
            hostPorts = Set.copyOf(hostPorts);
        }
    }

    /** An instance able to take tasks (ACTIVE), with what its tasks leave free. */
    public record Instance(String arn, String id, int remainingCpu, int remainingMemory, Set<Integer> usedPorts, int tasksOfGroup) {
        public Instance {
            usedPorts = Set.copyOf(usedPorts);
        }
    }

    /** Why an instance cannot take a task: RunTask's failure reasons. */
    public enum Shortfall {
        CPU("RESOURCE:CPU", "has insufficient CPU units available"),
        MEMORY("RESOURCE:MEMORY", "has insufficient memory available"),
        PORTS("RESOURCE:PORTS", "is already using a port required by your task");

        public final String reason;
        final String eventText;

        Shortfall(String reason, String eventText) {
            this.reason = reason;
            this.eventText = eventText;
        }
    }

    /** @param type binpack, spread or random; @param field for binpack cpu or memory */
    public record Strategy(String type, String field) {
        public static final Strategy DEFAULT = new Strategy("spread", "instanceId");
    }

    public record Refusal(String instanceArn, Shortfall shortfall) {
    }

    /** @param instanceArn null when the task fits nowhere; then {@code refusals} says why, one per instance */
    public record Decision(String instanceArn, List<Refusal> refusals, String closestInstanceId) {
        public Decision {
            refusals = List.copyOf(refusals);
        }

        public boolean placed() {
            return instanceArn != null;
        }

        /** The service event ECS writes when a task fits nowhere (without the leading "(service X) "). */
        public String eventMessage() {
            String head = "was unable to place a task because no container instance met all of its requirements.";
            if (refusals.isEmpty()) {
                return head + " Reason: No Container Instances were found in your cluster.";
            }
            Shortfall closest = refusals.stream().filter(r -> r.instanceArn().endsWith("/" + closestInstanceId)).findFirst()
                    .orElse(refusals.get(0)).shortfall();
            return head + " The closest matching (container-instance " + closestInstanceId + ") " + closest.eventText
                    + ". For more information, see the Troubleshooting section.";
        }
    }

    private Placement() {
    }

    public static Decision place(Demand demand, List<Instance> instances, List<Strategy> strategies) {
        List<Instance> fitting = new ArrayList<>();
        List<Refusal> refusals = new ArrayList<>();
        Instance closest = null;
        int closestMisses = Integer.MAX_VALUE;
        for (Instance instance : instances) {
            List<Shortfall> misses = shortfalls(demand, instance);
            if (misses.isEmpty()) {
                fitting.add(instance);
            } else {
                refusals.add(new Refusal(instance.arn(), misses.get(0)));
                if (misses.size() < closestMisses) {
                    closest = instance;
                    closestMisses = misses.size();
                }
            }
        }
        if (fitting.isEmpty()) {
            return new Decision(null, refusals, closest == null ? null : closest.id());
        }
        fitting.sort(order(strategies.isEmpty() ? List.of(Strategy.DEFAULT) : strategies));
        return new Decision(fitting.get(0).arn(), List.of(), null);
    }

    /** What an instance lacks for the task, CPU first, as ECS checks them. */
    static List<Shortfall> shortfalls(Demand demand, Instance instance) {
        List<Shortfall> out = new ArrayList<>();
        if (demand.cpu() > instance.remainingCpu()) {
            out.add(Shortfall.CPU);
        }
        if (demand.memory() > instance.remainingMemory()) {
            out.add(Shortfall.MEMORY);
        }
        if (demand.hostPorts().stream().anyMatch(instance.usedPorts()::contains)) {
            out.add(Shortfall.PORTS);
        }
        return out;
    }

    /** The strategies in turn, each breaking the ties of the one before; registration order last. */
    private static Comparator<Instance> order(List<Strategy> strategies) {
        Comparator<Instance> out = (a, b) -> 0;
        for (Strategy s : strategies) {
            Comparator<Instance> next = switch (s.type()) {
                case "binpack" -> "cpu".equalsIgnoreCase(s.field()) ? Comparator.comparingInt(Instance::remainingCpu)
                        : Comparator.comparingInt(Instance::remainingMemory);
                case "spread" -> Comparator.comparingInt(Instance::tasksOfGroup);
                default -> (a, b) -> 0;
            };
            out = out.thenComparing(next);
        }
        return out;
    }
}
