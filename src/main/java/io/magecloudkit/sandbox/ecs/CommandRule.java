package io.magecloudkit.sandbox.ecs;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;

/**
 * What a container of a one-off task (RunTask) does when it runs a command: how long it runs,
 * what it prints and its exit code, as configured under {@code commands:} in the faults file.
 * Every condition given must hold; the first matching rule wins.
 *
 * @param image           the container's image, exactly
 * @param family          the task definition family
 * @param container       the container's name
 * @param command         a text the container's command (its words joined by spaces) contains
 * @param exitCode        null for 0
 * @param durationSeconds simulated seconds from the container's start to its exit; null for {@link #DEFAULT_DURATION_SECONDS}
 * @param output          the lines it prints, spread evenly over its run
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record CommandRule(String image, String family, String container, String command, Integer exitCode, Integer durationSeconds,
        List<String> output) {
    /** How long a command with no rule runs. */
    public static final int DEFAULT_DURATION_SECONDS = 5;

    public CommandRule {
        output = output == null ? List.of() : List.copyOf(output);
        if (durationSeconds != null && durationSeconds < 0) {
            throw new IllegalArgumentException("commands: durationSeconds must not be negative, got " + durationSeconds);
        }
        if (image == null && family == null && container == null && command == null) {
            throw new IllegalArgumentException("commands: each rule needs an image, a family, a container or a command");
        }
    }

    /** The configured rules, in order. */
    public interface Source {
        List<CommandRule> commandRules();
    }
}
