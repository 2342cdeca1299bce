package io.magecloudkit.provision;

import io.magecloudkit.EventSink;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import software.amazon.awssdk.services.cloudformation.model.Stack;

/**
 * Follows one stack operation to its end: polls the stack's status with backoff and prints every
 * new event of this run (those carrying its ClientRequestToken) as it appears.
 */
final class EventStream {
    private final CloudFormationStacks stacks;
    private final Backoff backoff;
    private final EventSink sink;

    EventStream(CloudFormationStacks stacks, Backoff backoff, EventSink sink) {
        this.stacks = stacks;
        this.backoff = backoff;
        this.sink = sink;
    }

    /** What the operation ended in, and the events it produced (oldest first). */
    record Outcome(Stack stack, List<StackEventView> events) {
    }

    /** Follows until the stack settles; {@code stack} empty at the end means it was deleted. */
    Outcome follow(String stackId, String label, String token) {
        Set<String> seen = new HashSet<>();
        List<StackEventView> mine = new ArrayList<>();
        for (int attempt = 0; ; attempt++) {
            Stack stack = stacks.describeIncludingDeleted(stackId);
            for (StackEventView e : stacks.recentEvents(stackId)) {
                if (token != null && token.equals(e.token()) && seen.add(e.id())) {
                    mine.add(e);
                    sink.info(label + "  " + e.line());
                }
            }
            if (stack == null || StackCondition.settled(stack.stackStatusAsString())) {
                return new Outcome(stack, mine);
            }
            backoff.sleep(attempt);
        }
    }
}
