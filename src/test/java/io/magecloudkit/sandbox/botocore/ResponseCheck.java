package io.magecloudkit.sandbox.botocore;

import io.magecloudkit.sandbox.botocore.BotocoreModel.MemberRef;
import io.magecloudkit.sandbox.botocore.BotocoreModel.Operation;
import io.magecloudkit.sandbox.botocore.BotocoreModel.Shape;
import io.magecloudkit.sandbox.botocore.ResponseValidator.Violation;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.OffsetDateTime;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * One validation run over one response of one operation: collects the violations. The
 * protocol subclasses walk the body; the checks on values every protocol shares live here.
 */
abstract class ResponseCheck {
    private static final BigInteger INT_MIN = BigInteger.valueOf(Integer.MIN_VALUE);
    private static final BigInteger INT_MAX = BigInteger.valueOf(Integer.MAX_VALUE);
    private static final BigInteger LONG_MIN = BigInteger.valueOf(Long.MIN_VALUE);
    private static final BigInteger LONG_MAX = BigInteger.valueOf(Long.MAX_VALUE);

    /**
     * Values AWS sends that the enum of its own model lacks, by "service shape". CloudFormation's
     * stack events carry the stack's status in ResourceStatus, cleanup phases and change-set review
     * included (describe-stack-events output in github.com/ansible/ansible/issues/32396).
     */
    private static final Map<String, Set<String>> SENT_BEYOND_THE_MODEL = Map.of("cloudformation ResourceStatus",
            Set.of("UPDATE_COMPLETE_CLEANUP_IN_PROGRESS", "UPDATE_ROLLBACK_COMPLETE_CLEANUP_IN_PROGRESS", "REVIEW_IN_PROGRESS"));

    final BotocoreModel model;
    final String operation;
    private final List<Violation> violations = new ArrayList<>();

    ResponseCheck(BotocoreModel model, String operation) {
        this.model = model;
        this.operation = operation;
    }

    /** Checks a success answer (status below 300) against the operation's output. */
    abstract void output(Operation op, byte[] body);

    /** Checks an error answer (status 300 or more) against the operation's errors and the common ones. */
    abstract void error(Operation op, int status, byte[] body);

    final List<Violation> violations() {
        return List.copyOf(violations);
    }

    final void fail(String path, String message) {
        violations.add(new Violation(model.service(), operation, path, message));
    }

    final void checkString(String path, String value, Shape shape) {
        if (!shape.enumValues().isEmpty() && !shape.enumValues().contains(value)
                && !SENT_BEYOND_THE_MODEL.getOrDefault(model.service() + " " + shape.name(), Set.of()).contains(value)) {
            fail(path, "'" + abbreviate(value) + "' is not one of " + shape.enumValues());
            return;
        }
        checkRange(path, shape, BigDecimal.valueOf(value.codePointCount(0, value.length())), "length");
    }

    final void checkWhole(String path, BigInteger value, Shape shape) {
        boolean isInt = shape.type().equals("integer");
        BigInteger lo = isInt ? INT_MIN : LONG_MIN;
        BigInteger hi = isInt ? INT_MAX : LONG_MAX;
        if (value.compareTo(lo) < 0 || value.compareTo(hi) > 0) {
            fail(path, value + " is out of range for " + shape.type());
            return;
        }
        checkRange(path, shape, new BigDecimal(value), "value");
    }

    /** Applies a declared min/max to a string length, a list/map size or a number. */
    final void checkRange(String path, Shape shape, BigDecimal measure, String what) {
        if (shape.min() != null && measure.compareTo(shape.min()) < 0) {
            fail(path, what + " " + measure.toPlainString() + " is below the minimum " + shape.min().toPlainString()
                    + " of " + shape.name());
        }
        if (shape.max() != null && measure.compareTo(shape.max()) > 0) {
            fail(path, what + " " + measure.toPlainString() + " is above the maximum " + shape.max().toPlainString()
                    + " of " + shape.name());
        }
    }

    final String timestampFormat(MemberRef ref, Shape shape) {
        if (ref.timestampFormat() != null) {
            return ref.timestampFormat();
        }
        return shape.timestampFormat() != null ? shape.timestampFormat() : model.defaultTimestampFormat();
    }

    final void checkTimestampText(String path, String text, String format) {
        try {
            if ("rfc822".equals(format)) {
                ZonedDateTime.parse(text, DateTimeFormatter.RFC_1123_DATE_TIME);
            } else {
                OffsetDateTime.parse(text, DateTimeFormatter.ISO_OFFSET_DATE_TIME);
            }
        } catch (DateTimeParseException e) {
            fail(path, "'" + abbreviate(text) + "' is not an " + format + " timestamp"
                    + ("rfc822".equals(format) ? "" : " (e.g. 2026-11-28T03:00:00.000Z)"));
        }
    }

    final void checkBase64(String path, String text) {
        try {
            Base64.getDecoder().decode(text);
        } catch (IllegalArgumentException e) {
            fail(path, "blob is not valid base64: " + e.getMessage());
        }
    }

    final String declaredCodes(Operation op) {
        return op.errorShapes().stream().map(s -> model.shape(s).wireErrorCode()).toList().toString();
    }

    static String abbreviate(String s) {
        String oneLine = s.replace('\n', ' ');
        return oneLine.length() <= 80 ? oneLine : oneLine.substring(0, 77) + "...";
    }
}
