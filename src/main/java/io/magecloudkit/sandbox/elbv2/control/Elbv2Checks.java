package io.magecloudkit.sandbox.elbv2.control;

import io.magecloudkit.sandbox.SandboxError;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;

/** ELBv2's ValidationError wording and the random hex of its ARNs. */
final class Elbv2Checks {
    private Elbv2Checks() {
    }

    static void oneOf(String member, String value, List<String> allowed) {
        if (!allowed.contains(value)) {
            throw validation("1 validation error detected: Value '" + value + "' at '" + member
                    + "' failed to satisfy constraint: Member must satisfy enum value set: " + allowed);
        }
    }

    static SandboxError validation(String message) {
        return new SandboxError(400, "ValidationError", message);
    }

    static String randomHex(int digits) {
        return hex(ThreadLocalRandom.current().nextLong() & 0x0fffffffffffffffL, digits);
    }

    static String hex(long value, int digits) {
        String h = Long.toHexString(value);
        while (h.length() < digits) {
            h = "0" + h;
        }
        return h.substring(h.length() - digits);
    }
}
