package io.magecloudkit.aws;

import io.magecloudkit.Messages;
import java.net.ConnectException;
import java.net.URI;
import java.net.UnknownHostException;
import java.net.http.HttpTimeoutException;
import java.util.Set;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.ApiCallAttemptTimeoutException;
import software.amazon.awssdk.core.exception.ApiCallTimeoutException;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.exception.SdkException;

/**
 * Decides whether an SDK failure is an access problem (exit 3) and words it on one line.
 * Pure: looks only at the exception chain, never at the network.
 */
public final class AwsErrors {
    private static final Set<String> ACCESS_CODES = Set.of(
            "AccessDenied", "AccessDeniedException", "UnauthorizedOperation", "UnrecognizedClientException",
            "InvalidClientTokenId", "SignatureDoesNotMatch", "IncompleteSignature", "ExpiredToken",
            "ExpiredTokenException", "InvalidSignatureException", "MissingAuthenticationToken",
            "AuthFailure", "RequestExpired", "InvalidAccessKeyId");

    private AwsErrors() {
    }

    /**
     * @return the access failure to report, or null when the error is the service's answer
     *         to this particular request (not found, validation, ...) and the caller should handle it
     */
    public static AwsAccessException accessFailure(String what, SdkException e, URI endpoint) {
        String where = endpoint == null ? "AWS" : endpoint.toString();
        if (e instanceof AwsServiceException service) {
            String code = service.awsErrorDetails() == null ? null : service.awsErrorDetails().errorCode();
            if (code != null && ACCESS_CODES.contains(code)) {
                return new AwsAccessException("cannot " + what + ": " + code + ": " + firstLine(
                        service.awsErrorDetails().errorMessage()), e);
            }
            return null;
        }
        if (e instanceof ApiCallTimeoutException || e instanceof ApiCallAttemptTimeoutException) {
            return new AwsAccessException("cannot " + what + ": " + where + " did not answer in time", e);
        }
        if (e instanceof SdkClientException) {
            Throwable root = rootCause(e);
            if (root instanceof UnknownHostException) {
                return new AwsAccessException("cannot " + what + ": unknown host " + root.getMessage()
                        + " (check the region and --endpoint-url)", e);
            }
            if (root instanceof ConnectException || root instanceof java.net.NoRouteToHostException) {
                return new AwsAccessException("cannot " + what + ": cannot connect to " + where
                        + " (" + firstLine(root.getMessage()) + ")", e);
            }
            if (root instanceof HttpTimeoutException || root instanceof java.net.SocketTimeoutException) {
                return new AwsAccessException("cannot " + what + ": " + where + " timed out", e);
            }
            String message = e.getMessage() == null ? "" : e.getMessage();
            if (message.startsWith("Unable to load credentials")) {
                return new AwsAccessException("cannot " + what + ": no AWS credentials found "
                        + "(set AWS_ACCESS_KEY_ID/AWS_SECRET_ACCESS_KEY, use --profile, or run on an instance role)", e);
            }
            return new AwsAccessException("cannot " + what + ": " + firstLine(message), e);
        }
        return null;
    }

    private static Throwable rootCause(Throwable t) {
        Throwable cur = t;
        while (cur.getCause() != null && cur.getCause() != cur) {
            cur = cur.getCause();
        }
        return cur;
    }

    static String firstLine(String s) {
        String line = Messages.firstLine(s);
        // The SDK appends request ids and "(Service: ..., Status Code: ...)"; keep the human part.
        int service = line.indexOf(" (Service:");
        return (service > 0 ? line.substring(0, service) : line).trim();
    }
}
