package io.magecloudkit.cli;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The sandbox's test keys as the AWS SDK's first credential source (its system properties) while
 * mck demo runs its commands in this process, so a user's own AWS keys or profile are never sent
 * to the sandbox nor the sandbox's to AWS; the previous values come back on close.
 */
final class SandboxCredentials implements AutoCloseable {
    private static final String[] KEYS = {"aws.accessKeyId", "aws.secretAccessKey", "aws.sessionToken"};
    private final Map<String, String> previous = new LinkedHashMap<>();

    private SandboxCredentials() {
    }

    static SandboxCredentials use(String accessKey, String secretKey) {
        SandboxCredentials c = new SandboxCredentials();
        for (String key : KEYS) {
            c.previous.put(key, System.getProperty(key));
        }
        System.setProperty(KEYS[0], accessKey);
        System.setProperty(KEYS[1], secretKey);
        System.clearProperty(KEYS[2]);
        return c;
    }

    @Override
    public void close() {
        previous.forEach((k, v) -> {
            if (v == null) {
                System.clearProperty(k);
            } else {
                System.setProperty(k, v);
            }
        });
    }
}
