package io.magecloudkit.sandbox.botocore;

import io.magecloudkit.sandbox.botocore.BotocoreModel.Operation;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Checks a raw HTTP response body against a {@link BotocoreModel}: JSON 1.1 bodies and
 * query-protocol XML, success and error answers. It only enforces what the model declares
 * (and the protocol's envelope): botocore rarely constrains outputs, so neither must we.
 */
public final class ResponseValidator {
    /**
     * Error codes any operation of any service may answer with, though no model declares them.
     *
     * @see <a href="https://docs.aws.amazon.com/AmazonECS/latest/APIReference/CommonErrors.html">Common errors</a>
     */
    public static final Set<String> COMMON_ERRORS = Set.of(
            "AccessDenied", "AccessDeniedException", "ExpiredToken", "ExpiredTokenException",
            "IncompleteSignature", "IncompleteSignatureException", "InternalFailure", "InternalServerError",
            "InvalidAction", "InvalidClientTokenId", "InvalidParameterCombination", "InvalidParameterValue",
            "InvalidQueryParameter", "InvalidSignatureException", "MalformedQueryString", "MissingAction",
            "MissingAuthenticationToken", "MissingAuthenticationTokenException", "MissingParameter",
            "NotAuthorized", "OptInRequired", "RequestExpired", "RequestLimitExceeded", "SerializationException",
            "ServiceUnavailable", "ServiceUnavailableException", "SignatureDoesNotMatch", "Throttling",
            "ThrottlingException", "TooManyRequestsException", "UnknownOperationException",
            "UnrecognizedClientException", "ValidationError", "ValidationException");

    /**
     * One way a response departs from the model.
     *
     * @param service   botocore's service name ({@code ecs}, {@code elbv2}, ...)
     * @param operation the operation answered
     * @param path      where: a JSON path ({@code services[0].deployments[1].rolloutState}, {@code $}
     *                  for the body) or an XML element path ({@code /XResponse/XResult/Stacks/member[1]})
     * @param message   what is wrong
     */
    public record Violation(String service, String operation, String path, String message) {
        @Override
        public String toString() {
            return operation + ": " + path + ": " + message;
        }
    }

    private final BotocoreModel model;

    public ResponseValidator(BotocoreModel model) {
        this.model = model;
    }

    /** A validator for a service by botocore's folder name ({@code ecs}, {@code elbv2}, ...). */
    public static ResponseValidator forService(String service) {
        return new ResponseValidator(BotocoreModel.load(service));
    }

    public BotocoreModel model() {
        return model;
    }

    /**
     * Validates one response. A status of 300 or more must carry the protocol's error body,
     * anything below the operation's output.
     *
     * @return the violations, empty when the response conforms
     */
    public List<Violation> validate(String operationName, int httpStatus, byte[] body) {
        Optional<Operation> operation = model.operation(operationName);
        if (operation.isEmpty()) {
            return List.of(new Violation(model.service(), operationName, "$",
                    "operation is not in the " + model + " model"));
        }
        ResponseCheck check = switch (model.protocol()) {
            case JSON -> new JsonResponseCheck(model, operationName);
            case QUERY -> new QueryResponseCheck(model, operationName);
            case OTHER -> null;
        };
        if (check == null) {
            return List.of(new Violation(model.service(), operationName, "$",
                    "protocol '" + model.protocolName() + "' is not supported by this validator"));
        }
        if (httpStatus >= 300) {
            check.error(operation.get(), httpStatus, body);
        } else {
            check.output(operation.get(), body);
        }
        return check.violations();
    }

    /** For callers holding text: the body as UTF-8 bytes. */
    public List<Violation> validate(String operationName, int httpStatus, String body) {
        return validate(operationName, httpStatus, body.getBytes(StandardCharsets.UTF_8));
    }
}
