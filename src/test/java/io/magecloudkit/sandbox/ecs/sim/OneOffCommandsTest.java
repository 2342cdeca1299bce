package io.magecloudkit.sandbox.ecs.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.magecloudkit.sandbox.ecs.CommandRule;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Which rule a one-off container follows. The rules, in order:
 * 1 command setup:db:status → exit 2 after 4 s; 2 family admin, container php-fpm → exit 1 after default;
 * 3 image registry/nginx:1 (no command condition) → exit 0 after 30 s.
 */
class OneOffCommandsTest {
    private static final List<CommandRule> RULES = List.of(
            new CommandRule(null, null, null, "setup:db:status", 2, 4, List.of("Declarative Schema is not up to date")),
            new CommandRule(null, "admin", "php-fpm", null, 1, null, null),
            new CommandRule("registry/nginx:1", null, null, null, null, 30, null));

    @ParameterizedTest(name = "{0} {1} {2} `{3}`: {4}")
    @CsvSource(delimiter = '|', value = {
            // family | container | image              | command                               | exit/duration/lines, or "runs"
            "web      | php-fpm   | registry/php-fpm:1 | bin/magento setup:db:status           | 2/4/1",
            "admin    | php-fpm   | registry/php-fpm:1 | bin/magento setup:db:status           | 2/4/1",
            "admin    | php-fpm   | registry/php-fpm:1 | bin/magento cache:flush               | 1/5/0",
            "admin    | php-fpm   | registry/php-fpm:1 | ''                                    | 1/5/0",
            "web      | php-fpm   | registry/php-fpm:1 | bin/magento setup:upgrade             | 0/5/0",
            "web      | php-fpm   | registry/php-fpm:1 | ''                                    | runs",
            "web      | nginx     | registry/nginx:1   | ''                                    | 0/30/0",
            "web      | nginx     | registry/nginx:2   | ''                                    | runs",
            "web      | nginx     | registry/nginx:1   | nginx -t                              | 0/30/0",
    })
    void plan(String family, String container, String image, String command, String expected) {
        List<String> words = command.isEmpty() ? List.of() : Arrays.asList(command.split(" "));
        OneOffCommands.Plan plan = OneOffCommands.plan(RULES, new OneOffCommands.Subject(family, container, image, words));
        assertEquals(expected, plan == null ? "runs" : plan.exitCode() + "/" + plan.durationSeconds() + "/" + plan.output().size());
    }

    @ParameterizedTest(name = "line {2} of {3} over {1} ms from {0}: at {4}")
    @CsvSource({"1000, 4000, 0, 1, 3000", "1000, 4000, 0, 3, 2000", "1000, 4000, 2, 3, 4000", "1000, 0, 0, 2, 1000"})
    void linesAreSpreadOverTheRun(long start, long duration, int index, int lines, long at) {
        assertEquals(at, OneOffCommands.lineTime(start, duration, index, lines));
    }
}
