package io.magecloudkit.aws;

import io.magecloudkit.MckException;
import io.magecloudkit.Messages;
import io.magecloudkit.Version;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.ProfileCredentialsProvider;
import software.amazon.awssdk.awscore.client.builder.AwsClientBuilder;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.core.client.config.ClientOverrideConfiguration;
import software.amazon.awssdk.core.client.config.SdkAdvancedClientOption;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.core.retry.RetryMode;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.apache.ApacheHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.regions.RegionMetadata;
import software.amazon.awssdk.retries.api.RetryStrategy;
import software.amazon.awssdk.services.cloudformation.CloudFormationClient;
import software.amazon.awssdk.services.cloudwatchlogs.CloudWatchLogsClient;
import software.amazon.awssdk.services.ecr.EcrClient;
import software.amazon.awssdk.services.ecs.EcsClient;
import software.amazon.awssdk.services.elasticloadbalancingv2.ElasticLoadBalancingV2Client;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;
import software.amazon.awssdk.services.ssm.SsmClient;
import software.amazon.awssdk.services.sts.StsClient;
import software.amazon.awssdk.services.sts.auth.StsAssumeRoleCredentialsProvider;
import software.amazon.awssdk.services.sts.model.GetCallerIdentityResponse;

/**
 * One per run: resolves region, credentials and endpoint once, builds each SDK client
 * at most once (they are thread-safe and share one HTTP connection pool) and closes
 * them all at the end. The sandbox and real AWS go through exactly this code: the only
 * difference is the endpoint override.
 */
public final class AwsSession implements AutoCloseable {
    /** Session name when no Jenkins build tag is present. */
    static final String DEFAULT_SESSION_NAME = "magecloudkit";

    private final Region region;
    private final URI endpoint;
    private final SdkHttpClient httpClient;
    private final ClientOverrideConfiguration overrides;
    private final AwsCredentialsProvider baseCredentials;
    private final AwsCredentialsProvider credentials;
    private final List<AutoCloseable> closeables = new ArrayList<>();

    private StsClient sts;
    private EcsClient ecs;
    private CloudFormationClient cloudFormation;
    private EcrClient ecr;
    private ElasticLoadBalancingV2Client elbv2;
    private SsmClient ssm;
    private CloudWatchLogsClient logs;
    private SecretsManagerClient secretsManager;

    private AwsSession(AwsSettings settings) {
        Map<String, String> env = settings.environment();
        this.region = resolveRegion(settings.region(), env);
        this.endpoint = resolveEndpoint(settings.endpoint(), env);
        this.overrides = ClientOverrideConfiguration.builder()
                .apiCallTimeout(settings.apiCallTimeout())
                .apiCallAttemptTimeout(settings.attemptTimeout())
                .retryStrategy(retryStrategy(env))
                .putAdvancedOption(SdkAdvancedClientOption.USER_AGENT_SUFFIX, "magecloudkit/" + Version.get())
                .executionInterceptors(settings.interceptors())
                .build();
        this.httpClient = ApacheHttpClient.builder()
                .connectionTimeout(java.time.Duration.ofSeconds(10))
                .build();
        closeables.add(httpClient);

        AwsCredentialsProvider base = settings.credentials() != null ? settings.credentials()
                : settings.profile() == null ? DefaultCredentialsProvider.builder().build()
                : ProfileCredentialsProvider.builder().profileName(settings.profile()).build();
        closeables.add(asCloseable(base));
        this.baseCredentials = base;

        if (settings.roleArn() == null) {
            this.credentials = base;
        } else {
            StsClient baseSts = configure(StsClient.builder(), base).build();
            closeables.add(baseSts);
            String externalId = settings.externalId();
            String sessionName = sessionName(env);
            StsAssumeRoleCredentialsProvider assumed = StsAssumeRoleCredentialsProvider.builder()
                    .stsClient(baseSts)
                    .refreshRequest(r -> {
                        r.roleArn(settings.roleArn()).roleSessionName(sessionName);
                        if (externalId != null) {
                            r.externalId(externalId);
                        }
                    })
                    .asyncCredentialUpdateEnabled(false)
                    .build();
            closeables.add(assumed);
            this.credentials = assumed;
        }
    }

    /**
     * Opens a session. Nothing is called on AWS yet; bad settings that can be seen
     * without a call (unknown region, malformed endpoint) fail here.
     *
     * @throws AwsAccessException when the region is unusable
     * @throws MckException (usage) when the endpoint, AWS_MAX_ATTEMPTS or AWS_RETRY_MODE is malformed
     */
    public static AwsSession open(AwsSettings settings) {
        return new AwsSession(settings);
    }

    public Region region() {
        return region;
    }

    /** The endpoint override in use, or null when the SDK's own endpoints are used. */
    public URI endpoint() {
        return endpoint;
    }

    public AwsCredentialsProvider credentials() {
        return credentials;
    }

    public synchronized StsClient sts() {
        if (sts == null) {
            sts = register(configure(StsClient.builder(), credentials).build());
        }
        return sts;
    }

    public synchronized EcsClient ecs() {
        if (ecs == null) {
            ecs = register(configure(EcsClient.builder(), credentials).build());
        }
        return ecs;
    }

    public synchronized CloudFormationClient cloudFormation() {
        if (cloudFormation == null) {
            cloudFormation = register(configure(CloudFormationClient.builder(), credentials).build());
        }
        return cloudFormation;
    }

    public synchronized EcrClient ecr() {
        if (ecr == null) {
            ecr = register(configure(EcrClient.builder(), credentials).build());
        }
        return ecr;
    }

    public synchronized ElasticLoadBalancingV2Client elbv2() {
        if (elbv2 == null) {
            elbv2 = register(configure(ElasticLoadBalancingV2Client.builder(), credentials).build());
        }
        return elbv2;
    }

    public synchronized SsmClient ssm() {
        if (ssm == null) {
            ssm = register(configure(SsmClient.builder(), credentials).build());
        }
        return ssm;
    }

    public synchronized CloudWatchLogsClient logs() {
        if (logs == null) {
            logs = register(configure(CloudWatchLogsClient.builder(), credentials).build());
        }
        return logs;
    }

    public synchronized SecretsManagerClient secretsManager() {
        if (secretsManager == null) {
            secretsManager = register(configure(SecretsManagerClient.builder(), credentials).build());
        }
        return secretsManager;
    }

    /**
     * Asks STS who we are: the cheapest call that proves credentials, region and endpoint work.
     *
     * @throws AwsAccessException with a one-line explanation when it does not
     */
    public GetCallerIdentityResponse verify() {
        return call("check AWS credentials", () -> sts().getCallerIdentity());
    }

    /**
     * Runs one AWS call and turns access failures (credentials, endpoint, permissions)
     * into an {@link AwsAccessException} with a one-line message; other service errors
     * pass through for the caller to handle.
     */
    public <T> T call(String what, Supplier<T> call) {
        try {
            return call.get();
        } catch (SdkException e) {
            AwsAccessException access = AwsErrors.accessFailure(what, e, endpoint);
            if (access != null) {
                throw access;
            }
            throw e;
        }
    }

    @Override
    public synchronized void close() {
        // Clients first (newest first), the shared HTTP client last.
        for (int i = closeables.size() - 1; i >= 0; i--) {
            try {
                closeables.get(i).close();
            } catch (Exception ignored) {
                // Closing is best effort: a failure here must not hide the run's own result.
            }
        }
        closeables.clear();
    }

    private <B extends AwsClientBuilder<B, ?>> B configure(B builder, AwsCredentialsProvider creds) {
        builder.region(region)
                .credentialsProvider(creds)
                .overrideConfiguration(overrides);
        if (endpoint != null) {
            builder.endpointOverride(endpoint);
        }
        if (builder instanceof software.amazon.awssdk.core.client.builder.SdkSyncClientBuilder<?, ?> sync) {
            sync.httpClient(httpClient);
        }
        return builder;
    }

    private <C extends AutoCloseable> C register(C client) {
        closeables.add(0, client);
        return client;
    }

    private static AutoCloseable asCloseable(AwsCredentialsProvider provider) {
        return provider instanceof AutoCloseable c ? c : () -> { };
    }

    static Region resolveRegion(String fromSettings, Map<String, String> env) {
        String name = firstNonBlank(fromSettings, env.get("AWS_REGION"), env.get("AWS_DEFAULT_REGION"));
        if (name == null) {
            throw new AwsAccessException(
                    "no AWS region: set 'region' in magecloudkit.yml, pass --region, or set AWS_REGION");
        }
        Region region = Region.of(name.trim());
        if (RegionMetadata.of(region) == null) {
            throw new AwsAccessException("unknown AWS region '" + name + "' (e.g. us-east-1, eu-west-1)");
        }
        return region;
    }

    static URI resolveEndpoint(URI fromSettings, Map<String, String> env) {
        if (fromSettings != null) {
            return parseEndpoint(fromSettings.toString());
        }
        String fromEnv = env.get("AWS_ENDPOINT_URL");
        // Set but empty is a mistake, not "unset": the SDK reads the variable too and fails on "".
        return fromEnv == null ? null : parseEndpoint(fromEnv);
    }

    /**
     * Checks an endpoint as given by --endpoint-url or AWS_ENDPOINT_URL; both go through here so
     * the same bad value gives the same message, which quotes the value (credentials masked).
     *
     * @throws MckException (usage) when it is not an http(s) URL with a host and a port in 1..65535
     */
    public static URI parseEndpoint(String value) {
        String text = value == null ? "" : value.strip();
        if (text.isEmpty()) {
            throw badEndpoint(null, "it is empty (unset AWS_ENDPOINT_URL to use AWS's own endpoints)");
        }
        URI uri;
        try {
            uri = new URI(text);
        } catch (URISyntaxException e) {
            throw badEndpoint(text, "not a URL (" + e.getReason() + " at index " + e.getIndex() + ")");
        }
        String scheme = uri.getScheme();
        if (!"http".equalsIgnoreCase(scheme) && !"https".equalsIgnoreCase(scheme)) {
            throw badEndpoint(text, "it must start with http:// or https://");
        }
        if (uri.getHost() == null) {
            int port = rawPort(uri.getRawAuthority());
            throw badEndpoint(text, port > 65_535 ? "port " + port + " is outside 1-65535" : "it names no host");
        }
        if (uri.getPort() == 0 || uri.getPort() > 65_535) {
            throw badEndpoint(text, "port " + uri.getPort() + " is outside 1-65535");
        }
        return uri;
    }

    /** The digits after the last ':' of an authority the URI class could not split, or -1. */
    private static int rawPort(String authority) {
        if (authority == null) {
            return -1;
        }
        String digits = authority.substring(authority.lastIndexOf(':') + 1);
        if (!digits.matches("[0-9]{1,18}")) {
            return -1;
        }
        long port = Long.parseLong(digits);
        return port > Integer.MAX_VALUE ? Integer.MAX_VALUE : (int) port;
    }

    private static MckException badEndpoint(String value, String why) {
        return new MckException(MckException.Kind.USAGE, "endpoint URL"
                + (value == null ? "" : " '" + Messages.maskCredentials(value) + "'") + " is not usable: " + why);
    }

    static RetryStrategy retryStrategy(Map<String, String> env) {
        // Checked before the SDK sees them: it reads both variables itself and fails with a bare
        // NumberFormatException or IllegalArgumentException.
        RetryMode mode = retryMode(env.get("AWS_RETRY_MODE"));
        Integer attempts = maxAttempts(env.get("AWS_MAX_ATTEMPTS"));
        RetryStrategy strategy = AwsRetryStrategy.forRetryMode(mode);
        return attempts == null ? strategy : strategy.toBuilder().maxAttempts(attempts).build();
    }

    private static RetryMode retryMode(String name) {
        if (name == null) {
            return RetryMode.STANDARD;
        }
        return switch (name.strip().toLowerCase(java.util.Locale.ROOT)) {
            case "standard" -> RetryMode.STANDARD;
            case "adaptive" -> RetryMode.ADAPTIVE_V2;
            case "legacy" -> RetryMode.LEGACY;
            default -> throw new MckException(MckException.Kind.USAGE,
                    "AWS_RETRY_MODE must be standard, adaptive or legacy, got '" + Messages.printable(name) + "'");
        };
    }

    private static Integer maxAttempts(String text) {
        if (text == null) {
            return null;
        }
        String t = text.strip();
        if (t.matches("[0-9]{1,3}") && Integer.parseInt(t) >= 1) {
            return Integer.parseInt(t);
        }
        throw new MckException(MckException.Kind.USAGE,
                "AWS_MAX_ATTEMPTS must be a whole number from 1 to 999, got '" + Messages.printable(text) + "'");
    }

    /** The Jenkins build tag names the session in CloudTrail; IAM allows only [\w+=,.@-], 2..64 chars. */
    static String sessionName(Map<String, String> env) {
        String tag = env.get("BUILD_TAG");
        if (tag == null || tag.isBlank()) {
            return DEFAULT_SESSION_NAME;
        }
        String clean = tag.replaceAll("[^\\w+=,.@-]", "-");
        if (clean.length() > 64) {
            clean = clean.substring(0, 64);
        }
        return clean.length() < 2 ? DEFAULT_SESSION_NAME : clean;
    }

    private static String firstNonBlank(String... values) {
        for (String v : values) {
            if (v != null && !v.isBlank()) {
                return v;
            }
        }
        return null;
    }
}
