package io.magecloudkit.testing;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.function.Supplier;
import software.amazon.awssdk.core.SdkRequest;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.core.interceptor.SdkExecutionAttribute;

/**
 * Records the AWS operations every SDK client in this JVM makes while {@link #during} runs. It is
 * registered as a global SDK interceptor (test resource
 * {@code software/amazon/awssdk/global/handlers/execution.interceptors}) because the CLI builds its
 * own session, which no test can hand an interceptor; outside {@link #during} it records nothing.
 */
public final class RecordedAwsCalls implements ExecutionInterceptor {
    /** One call: the SDK's service name (Ecs, Ssm, ...), the operation, and the parameter / log group / secret / repository it names. */
    public record Call(String service, String operation, String resourceName) {
    }

    private static volatile List<Call> recording;

    /** Runs {@code action}, adding every AWS call made meanwhile (any thread) to {@code into}. Not reentrant. */
    public static synchronized <T> T during(List<Call> into, Supplier<T> action) {
        recording = Collections.synchronizedList(new ArrayList<>());
        try {
            return action.get();
        } finally {
            into.addAll(recording);
            recording = null;
        }
    }

    @Override
    public void beforeExecution(Context.BeforeExecution context, ExecutionAttributes attributes) {
        List<Call> calls = recording;
        if (calls != null) {
            calls.add(new Call(attributes.getAttribute(SdkExecutionAttribute.SERVICE_NAME),
                    attributes.getAttribute(SdkExecutionAttribute.OPERATION_NAME), resourceName(context.request())));
        }
    }

    /** The name a resource-scoped IAM statement would match: SSM parameter, log group, secret or ECR repository; null otherwise. */
    private static String resourceName(SdkRequest request) {
        for (String field : List.of("Name", "logGroupName", "SecretId", "repositoryName")) {
            try {
                var value = request.getValueForField(field, String.class);
                if (value.isPresent()) {
                    return value.get();
                }
            } catch (ClassCastException e) {
                // A field of that name that is not a string: not a resource name.
            }
        }
        return null;
    }
}
