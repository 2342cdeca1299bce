package io.magecloudkit.aws;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;

/**
 * Everything an {@link AwsSession} needs, already resolved from flags and configuration.
 *
 * @param region         region from the flag or the configuration; null falls back to AWS_REGION
 * @param profile        named profile for credentials; null uses the default chain
 * @param roleArn        role to assume on top of the base credentials; null for none
 * @param externalId     external id for the assume-role call; null for none
 * @param endpoint       endpoint override (the sandbox, LocalStack); null falls back to AWS_ENDPOINT_URL
 * @param apiCallTimeout total time for one API call including retries
 * @param attemptTimeout time for one HTTP attempt
 * @param environment    the process environment (injected so tests control it)
 * @param interceptors   extra SDK interceptors on every client (request logging, response checks in tests)
 * @param credentials    the credentials of every client of the session; null takes them from {@code profile} or the
 *                       SDK's default chain (mck demo gives the sandbox's keys here, so nothing process-wide changes)
 */
public record AwsSettings(
        String region,
        String profile,
        String roleArn,
        String externalId,
        URI endpoint,
        Duration apiCallTimeout,
        Duration attemptTimeout,
        Map<String, String> environment,
        List<ExecutionInterceptor> interceptors,
        AwsCredentialsProvider credentials) {

    public static final Duration DEFAULT_API_CALL_TIMEOUT = Duration.ofSeconds(120);
    public static final Duration DEFAULT_ATTEMPT_TIMEOUT = Duration.ofSeconds(30);

    public AwsSettings {
        Objects.requireNonNull(apiCallTimeout, "apiCallTimeout");
        Objects.requireNonNull(attemptTimeout, "attemptTimeout");
        environment = Map.copyOf(environment);
        interceptors = List.copyOf(interceptors);
    }

    /** Settings that take everything from the process environment and the default chain. */
    public static AwsSettings fromEnvironment() {
        return builder().build();
    }

    public static Builder builder() {
        return new Builder();
    }

    public static final class Builder {
        private String region;
        private String profile;
        private String roleArn;
        private String externalId;
        private URI endpoint;
        private Duration apiCallTimeout = DEFAULT_API_CALL_TIMEOUT;
        private Duration attemptTimeout = DEFAULT_ATTEMPT_TIMEOUT;
        private Map<String, String> environment = System.getenv();
        private List<ExecutionInterceptor> interceptors = List.of();
        private AwsCredentialsProvider credentials;

        private Builder() {
        }

        public Builder region(String v) { this.region = v; return this; }
        public Builder profile(String v) { this.profile = v; return this; }
        public Builder roleArn(String v) { this.roleArn = v; return this; }
        public Builder externalId(String v) { this.externalId = v; return this; }
        public Builder endpoint(URI v) { this.endpoint = v; return this; }
        public Builder apiCallTimeout(Duration v) { this.apiCallTimeout = v; return this; }
        public Builder attemptTimeout(Duration v) { this.attemptTimeout = v; return this; }
        /** Replaces the environment variables the session reads (AWS_REGION, AWS_ENDPOINT_URL, ...). */
        public Builder environment(Map<String, String> v) { this.environment = v; return this; }

        /** Replaces the extra interceptors added to every client. */
        public Builder interceptors(List<ExecutionInterceptor> v) { this.interceptors = v; return this; }

        /** Credentials for this session's clients only, instead of the profile or the default chain. */
        public Builder credentials(AwsCredentialsProvider v) { this.credentials = v; return this; }

        public AwsSettings build() {
            return new AwsSettings(region, profile, roleArn, externalId, endpoint,
                    apiCallTimeout, attemptTimeout, environment, interceptors, credentials);
        }
    }
}
