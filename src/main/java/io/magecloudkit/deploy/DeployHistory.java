package io.magecloudkit.deploy;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.magecloudkit.aws.AwsSession;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.services.ssm.model.ParameterNotFoundException;
import software.amazon.awssdk.services.ssm.model.ParameterType;

/**
 * The deploys of one app, newest first, kept in AWS (an SSM parameter) rather than on the Jenkins
 * agent, so rollback and status work from anywhere. A standard parameter holds 4 KB: the oldest
 * entries give way.
 */
final class DeployHistory {
    static final int MAX_CHARS = 4096;
    private static final ObjectMapper JSON = new ObjectMapper().disable(SerializationFeature.FAIL_ON_EMPTY_BEANS)
            .setSerializationInclusion(com.fasterxml.jackson.annotation.JsonInclude.Include.NON_NULL);

    /**
     * One deploy or rollback.
     *
     * @param by       who: Jenkins' BUILD_TAG, else the user
     * @param at       ISO-8601 instant
     * @param kind     deploy or rollback
     * @param revision the task definition ARN that was put into service
     * @param verdict  passed, failed, aborted
     * @param workers  the app's cron and consumer services and the revisions ({@code family:revision}) they ran with
     *                 this one; null in entries written before workers were recorded, or when none were moved
     */
    record Entry(String at, String by, String kind, String revision, Map<String, String> images, String verdict,
            String reason, Map<String, String> workers) {
    }

    private final AwsSession aws;
    private final String name;

    DeployHistory(AwsSession aws, String name) {
        this.aws = aws;
        this.name = name;
    }

    List<Entry> read() {
        try {
            String value = aws.call("read the deploy history " + name, () -> aws.ssm().getParameter(r -> r.name(name)))
                    .parameter().value();
            return List.of(JSON.readValue(value, Entry[].class));
        } catch (ParameterNotFoundException e) {
            return List.of();
        } catch (JsonProcessingException e) {
            return List.of();
        }
    }

    void add(Entry entry) {
        List<Entry> all = new ArrayList<>();
        all.add(entry);
        all.addAll(read());
        String value = fit(all);
        aws.call("write the deploy history " + name, () -> aws.ssm().putParameter(r -> r.name(name)
                .type(ParameterType.STRING).value(value).overwrite(true)));
    }

    /** The newest entries that fit in a standard parameter. */
    static String fit(List<Entry> newestFirst) {
        List<Entry> kept = new ArrayList<>(newestFirst);
        while (true) {
            try {
                String s = JSON.writeValueAsString(kept);
                if (s.length() <= MAX_CHARS || kept.size() == 1) {
                    return s;
                }
            } catch (JsonProcessingException e) {
                throw new IllegalStateException(e);
            }
            kept.remove(kept.size() - 1);
        }
    }

    /**
     * The worker revisions that last passed the gate together with {@code revision}: what mck rollback puts the
     * cron and consumer services back on. Empty when no passing entry of that revision recorded them.
     */
    static Optional<Map<String, String>> workersOf(List<Entry> newestFirst, String revision) {
        return newestFirst.stream().filter(e -> "passed".equals(e.verdict()) && e.revision().equals(revision)
                && e.workers() != null && !e.workers().isEmpty()).map(Entry::workers).findFirst();
    }

    /** The newest revision that passed the gate, other than {@code except}. */
    static Optional<String> lastPassed(List<Entry> newestFirst, String except) {
        return newestFirst.stream().filter(e -> "passed".equals(e.verdict()) && !e.revision().equals(except))
                .map(Entry::revision).findFirst();
    }
}
