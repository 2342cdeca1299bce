package io.magecloudkit.sandbox.ecs.sim;

import io.magecloudkit.sandbox.ecs.CommandRule;
import java.util.List;

/**
 * The pure rule for a container of a one-off task: whether it runs to an exit, and how. A
 * container that runs a command (its own or RunTask's override) follows the first matching
 * rule, else exits 0 after {@link CommandRule#DEFAULT_DURATION_SECONDS} printing nothing. A
 * container with no command runs its image's server, which does not exit unless a rule
 * without a command condition matches it.
 */
public final class OneOffCommands {
    private OneOffCommands() {
    }

    /** How a container's run ends. */
    public record Plan(int exitCode, int durationSeconds, List<String> output) {
    }

    /** What the container is: its task's family, its name, image and command (empty for the image's default). */
    public record Subject(String family, String container, String image, List<String> command) {
    }

    /** The plan for the container; null when it keeps running until the task is stopped. */
    public static Plan plan(List<CommandRule> rules, Subject subject) {
        String command = String.join(" ", subject.command());
        for (CommandRule rule : rules) {
            if (matches(rule, subject, command)) {
                return new Plan(rule.exitCode() == null ? 0 : rule.exitCode(),
                        rule.durationSeconds() == null ? CommandRule.DEFAULT_DURATION_SECONDS : rule.durationSeconds(), rule.output());
            }
        }
        return subject.command().isEmpty() ? null : new Plan(0, CommandRule.DEFAULT_DURATION_SECONDS, List.of());
    }

    private static boolean matches(CommandRule rule, Subject subject, String command) {
        return (rule.image() == null || rule.image().equals(subject.image()))
                && (rule.family() == null || rule.family().equals(subject.family()))
                && (rule.container() == null || rule.container().equals(subject.container()))
                && (rule.command() == null || !subject.command().isEmpty() && command.contains(rule.command()));
    }

    /** When each of {@code lines} is printed in a run of {@code durationMillis} from {@code start}: evenly, the last at the exit. */
    public static long lineTime(long start, long durationMillis, int index, int lines) {
        return start + durationMillis * (index + 1) / (lines + 1);
    }
}
