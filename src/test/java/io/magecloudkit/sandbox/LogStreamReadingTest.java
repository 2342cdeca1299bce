package io.magecloudkit.sandbox;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.cloudwatchlogs.CloudWatchLogsClient;
import software.amazon.awssdk.services.cloudwatchlogs.model.GetLogEventsResponse;
import software.amazon.awssdk.services.cloudwatchlogs.model.InvalidParameterException;
import software.amazon.awssdk.services.cloudwatchlogs.model.OutputLogEvent;
import software.amazon.awssdk.services.cloudwatchlogs.model.ResourceAlreadyExistsException;
import software.amazon.awssdk.services.cloudwatchlogs.model.ResourceNotFoundException;
import software.amazon.awssdk.services.ecs.EcsClient;

/**
 * Reading a one-off task's stream as the release phase does: following it with
 * nextForwardToken while the command runs, paging with a limit, and going back with
 * nextBackwardToken.
 */
class LogStreamReadingTest {
    private static final String RULES = """
            commands:
              - command: setup:upgrade
                durationSeconds: 60
                output: [one, two, three, four, five]
            """;

    @Test
    void followingTheStream_seesEachLineOnceAsItIsPrinted() {
        try (SandboxFixture f = SandboxFixture.builder().sandbox(c -> c.speed(0.001)).start()) {
            EcsClient ecs = f.session().ecs();
            CloudWatchLogsClient logs = f.session().logs();
            String arn = upgrade(f);
            String stream = "release/php-fpm/" + arn.substring(arn.lastIndexOf('/') + 1);
            f.advanceUntil(Duration.ofMinutes(1), () -> "RUNNING".equals(OneOffTaskTest.describe(ecs, arn).lastStatus()));

            List<String> seen = new ArrayList<>();
            List<Integer> seenPerRead = new ArrayList<>();
            String token = null;
            while (!"STOPPED".equals(OneOffTaskTest.describe(ecs, arn).lastStatus())) {
                String from = token;
                GetLogEventsResponse r = logs.getLogEvents(q -> q.logGroupName("/mck/shop").logStreamName(stream)
                        .startFromHead(true).nextToken(from));
                r.events().forEach(e -> seen.add(e.message()));
                seenPerRead.add(r.events().size());
                token = r.nextForwardToken();
                f.sandbox().advance(Duration.ofSeconds(7));
            }
            String last = token;
            logs.getLogEvents(q -> q.logGroupName("/mck/shop").logStreamName(stream).nextToken(last)).events()
                    .forEach(e -> seen.add(e.message()));
            assertEquals(List.of("one", "two", "three", "four", "five"), seen, "each line once, in order");
            assertTrue(seenPerRead.stream().filter(n -> n > 0).count() >= 3, "lines arrive while it runs: " + seenPerRead);
        }
    }

    @Test
    void pagingForwardAndBackward_withALimit() {
        try (SandboxFixture f = SandboxFixture.builder().sandbox(c -> c.speed(0.001)).start()) {
            EcsClient ecs = f.session().ecs();
            CloudWatchLogsClient logs = f.session().logs();
            String arn = upgrade(f);
            String stream = "release/php-fpm/" + arn.substring(arn.lastIndexOf('/') + 1);
            f.advanceUntil(Duration.ofMinutes(3), () -> "STOPPED".equals(OneOffTaskTest.describe(ecs, arn).lastStatus()));

            // Without a token and startFromHead, the newest events.
            GetLogEventsResponse newest = logs.getLogEvents(r -> r.logGroupName("/mck/shop").logStreamName(stream).limit(2));
            assertEquals(List.of("four", "five"), messages(newest));
            GetLogEventsResponse older = logs.getLogEvents(r -> r.logGroupName("/mck/shop").logStreamName(stream).limit(2)
                    .nextToken(newest.nextBackwardToken()));
            assertEquals(List.of("two", "three"), messages(older));

            List<String> all = new ArrayList<>();
            String token = null;
            for (int reads = 0; reads < 10; reads++) {
                String from = token;
                GetLogEventsResponse page = logs.getLogEvents(r -> r.logGroupName("/mck/shop").logStreamName(stream)
                        .startFromHead(true).limit(2).nextToken(from));
                all.addAll(messages(page));
                if (page.nextForwardToken().equals(token)) {
                    break;
                }
                token = page.nextForwardToken();
            }
            assertEquals(List.of("one", "two", "three", "four", "five"), all);

            assertEquals("The specified nextToken is invalid.", assertThrows(InvalidParameterException.class, () -> logs.getLogEvents(r -> r
                    .logGroupName("/mck/shop").logStreamName(stream).nextToken("f/99999"))).awsErrorDetails().errorMessage());
            assertEquals("The specified log group does not exist.", assertThrows(ResourceNotFoundException.class, () -> logs
                    .getLogEvents(r -> r.logGroupName("/mck/nope").logStreamName(stream))).awsErrorDetails().errorMessage());
            assertEquals("The specified log stream does not exist.", assertThrows(ResourceNotFoundException.class, () -> logs
                    .getLogEvents(r -> r.logGroupName("/mck/shop").logStreamName("release/php-fpm/nope"))).awsErrorDetails().errorMessage());
            assertThrows(ResourceAlreadyExistsException.class, () -> logs.createLogGroup(r -> r.logGroupName("/mck/shop")));
            assertEquals(List.of("five"), logs.filterLogEvents(r -> r.logGroupName("/mck/shop").logStreamNamePrefix("release/")
                    .filterPattern("five")).events().stream().map(e -> e.message()).toList());
        }
    }

    /** Runs setup:upgrade as a one-off task whose rule prints five lines over a minute; its task ARN. */
    private static String upgrade(SandboxFixture f) {
        f.admin("PUT", "faults", RULES);
        EcsClient ecs = f.session().ecs();
        String td = OneOffTaskTest.magento(ecs);
        return ecs.runTask(r -> r.cluster("shop").taskDefinition(td).overrides(o -> o.containerOverrides(c -> c.name("php-fpm")
                .command("bin/magento", "setup:upgrade", "--keep-generated")))).tasks().get(0).taskArn();
    }

    private static List<String> messages(GetLogEventsResponse r) {
        return r.events().stream().map(OutputLogEvent::message).toList();
    }
}
