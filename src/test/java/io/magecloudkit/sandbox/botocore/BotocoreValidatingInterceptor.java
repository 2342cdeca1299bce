package io.magecloudkit.sandbox.botocore;

import io.magecloudkit.sandbox.botocore.ResponseValidator.Violation;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttribute;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.core.interceptor.SdkExecutionAttribute;

/**
 * An SDK v2 interceptor that checks every response body a client receives against the service's
 * botocore model, then hands the SDK the very same bytes to parse. Add it to clients with
 * {@code overrideConfiguration(o -> o.addExecutionInterceptor(interceptor))} or
 * {@code AwsSettings.builder().interceptors(List.of(interceptor))}; at the end of a test call
 * {@link #assertNoViolations()} and check {@link #validatedOperations()}.
 *
 * <p>Thread-safe: one instance may watch many clients at once. Responses of services it has no
 * model mapping for pass through unchecked and uncounted.
 */
public final class BotocoreValidatingInterceptor implements ExecutionInterceptor {
    /** SDK v2 service names (ExecutionAttributes' SERVICE_NAME) to botocore's folder names. */
    public static final Map<String, String> BOTOCORE_SERVICES = Map.of(
            "Ecs", "ecs",
            "Ecr", "ecr",
            "Ssm", "ssm",
            "CloudWatchLogs", "logs",
            "SecretsManager", "secretsmanager",
            "CloudFormation", "cloudformation",
            "ElasticLoadBalancingV2", "elbv2",
            "Sts", "sts");

    /** Set when this attempt's body went through modifyHttpResponseContent, so a failure is not checked twice. */
    private static final ExecutionAttribute<byte[]> CHECKED_BODY = new ExecutionAttribute<>("BotocoreCheckedBody");

    private final Map<String, ResponseValidator> validators = new ConcurrentHashMap<>();
    private final Map<String, Optional<ResponseValidator>> supplements = new ConcurrentHashMap<>();
    private final List<Violation> violations = new CopyOnWriteArrayList<>();
    private final Map<String, AtomicInteger> counts = new ConcurrentHashMap<>();

    /**
     * @throws IllegalStateException when python3-botocore's models cannot be found, so a test
     *                               fails at once with the reason rather than passing unchecked
     */
    public BotocoreValidatingInterceptor() {
        BotocoreModel.dataDirectory();
    }

    @Override
    public Optional<InputStream> modifyHttpResponseContent(Context.ModifyHttpResponse context,
                                                           ExecutionAttributes attributes) {
        Optional<InputStream> body = context.responseBody();
        String service = BOTOCORE_SERVICES.get(attributes.getAttribute(SdkExecutionAttribute.SERVICE_NAME));
        if (service == null) {
            return body;
        }
        byte[] bytes;
        try {
            bytes = body.isPresent() ? body.get().readAllBytes() : new byte[0];
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the response body to validate it", e);
        }
        attributes.putAttribute(CHECKED_BODY, bytes);
        check(service, attributes.getAttribute(SdkExecutionAttribute.OPERATION_NAME),
                context.httpResponse().statusCode(), bytes);
        return body.isPresent() ? Optional.of(new ByteArrayInputStream(bytes)) : body;
    }

    /**
     * A safety net for error answers that reach the SDK without passing through
     * {@link #modifyHttpResponseContent}: the service exception keeps the raw body.
     */
    @Override
    public void onExecutionFailure(Context.FailedExecution context, ExecutionAttributes attributes) {
        String service = BOTOCORE_SERVICES.get(attributes.getAttribute(SdkExecutionAttribute.SERVICE_NAME));
        if (service == null || !(context.exception() instanceof AwsServiceException failure)
                || failure.awsErrorDetails() == null || failure.awsErrorDetails().rawResponse() == null
                || failure.awsErrorDetails().sdkHttpResponse() == null) {
            return;
        }
        byte[] raw = failure.awsErrorDetails().rawResponse().asByteArray();
        byte[] checked = attributes.getAttribute(CHECKED_BODY);
        if (checked != null && Arrays.equals(checked, raw)) {
            return;
        }
        check(service, attributes.getAttribute(SdkExecutionAttribute.OPERATION_NAME),
                failure.awsErrorDetails().sdkHttpResponse().statusCode(), raw);
    }

    private void check(String service, String operation, int status, byte[] body) {
        ResponseValidator validator = validators.computeIfAbsent(service, ResponseValidator::forService);
        if (validator.model().operation(operation).isEmpty()) {
            // Operations newer than the Debian models are checked against the API reference's shapes (a botocore extract).
            Optional<ResponseValidator> newer = supplements.computeIfAbsent(service,
                    s -> BotocoreModel.supplement(s).map(ResponseValidator::new));
            if (newer.isPresent() && newer.get().model().operation(operation).isPresent()) {
                validator = newer.get();
            }
        }
        List<Violation> found;
        try {
            found = validator.validate(operation, status, body);
        } catch (RuntimeException e) {
            // A validator bug must not look like a conforming response.
            found = List.of(new Violation(service, operation, "$", "validator failed: " + e));
        }
        violations.addAll(found);
        counts.computeIfAbsent(service + ":" + operation, k -> new AtomicInteger()).incrementAndGet();
    }

    /** Every violation recorded so far, in arrival order. */
    public List<Violation> violations() {
        return List.copyOf(violations);
    }

    /**
     * How many responses were validated per operation, keyed {@code service:Operation} with
     * botocore's service name ({@code ecs:DescribeServices}, {@code elbv2:DescribeTargetHealth}),
     * error answers included.
     */
    public Map<String, Integer> validatedOperations() {
        Map<String, Integer> snapshot = new TreeMap<>();
        counts.forEach((k, v) -> snapshot.put(k, v.get()));
        return snapshot;
    }

    /** @throws AssertionError listing every violation, one a line, when there is any */
    public void assertNoViolations() {
        List<Violation> all = violations();
        if (!all.isEmpty()) {
            throw new AssertionError(all.size() + " response(s) departed from the botocore models:\n"
                    + all.stream().map(v -> "  " + v.service() + " " + v).collect(Collectors.joining("\n")));
        }
    }

    /**
     * @param operations keys as in {@link #validatedOperations()}
     * @throws AssertionError naming those operations no response of which was validated
     */
    public void assertValidated(String... operations) {
        Set<String> missing = new TreeSet<>(List.of(operations));
        missing.removeAll(validatedOperations().keySet());
        if (!missing.isEmpty()) {
            throw new AssertionError("no response validated for " + missing + "; validated: " + validatedOperations());
        }
    }

    /** Forgets the violations and counts recorded so far. */
    public void reset() {
        violations.clear();
        counts.clear();
    }

    @Override
    public String toString() {
        return "BotocoreValidatingInterceptor" + new ArrayList<>(validatedOperations().keySet());
    }
}
