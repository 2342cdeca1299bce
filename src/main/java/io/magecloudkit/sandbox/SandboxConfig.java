package io.magecloudkit.sandbox;

import java.nio.file.Path;

/**
 * How to run a {@link Sandbox}.
 *
 * @param host             the loopback address to listen on
 * @param port             the port; 0 picks a free one
 * @param stateDir         where state survives restarts; null keeps it in memory only
 * @param speed            how many simulated seconds pass per real second
 * @param accessKey        the access key requests must be signed with (not a secret: "test" as in LocalStack)
 * @param secretKey        its secret key
 * @param accountId        the account id in ARNs and GetCallerIdentity
 * @param region           the region in ARNs
 * @param faultsFile       faults to inject from the start (YAML or JSON); null for none
 * @param registryEndpoint the OCI registry ECR hands out as proxy endpoint; null for the sandbox's own address
 * @param registryPassword the password ECR authorization tokens carry for user AWS
 */
public record SandboxConfig(String host, int port, Path stateDir, double speed, String accessKey, String secretKey,
        String accountId, String region, Path faultsFile, String registryEndpoint, String registryPassword) {

    public SandboxConfig {
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("port must be between 0 and 65535, got " + port);
        }
        if (!(speed > 0) || Double.isInfinite(speed)) {
            throw new IllegalArgumentException("speed must be a positive number, got " + speed);
        }
        if (accessKey == null || accessKey.isBlank() || secretKey == null || secretKey.isEmpty()) {
            throw new IllegalArgumentException("access key and secret key must not be empty");
        }
        if (accountId == null || !accountId.matches("\\d{12}")) {
            throw new IllegalArgumentException("account id must be 12 digits, got " + quoted(accountId));
        }
        // It ends up in every ARN and in the credential scope clients must sign with, so it must be a region's name.
        if (region == null || !REGION.matcher(region).matches()) {
            throw new IllegalArgumentException("region must be an AWS region name like us-east-1 or eu-west-1, got " + quoted(region));
        }
    }

    private static final java.util.regex.Pattern REGION = java.util.regex.Pattern.compile("[a-z]{2}(-[a-z]+)+-\\d{1,2}");

    /** The value as it was given, with control and bidirectional-override characters escaped so they cannot rewrite a terminal. */
    private static String quoted(String value) {
        if (value == null) {
            return "nothing";
        }
        StringBuilder sb = new StringBuilder("'");
        value.codePoints().forEach(c -> {
            if (Character.isISOControl(c) || c >= 0x202A && c <= 0x202E || c >= 0x2066 && c <= 0x2069) {
                sb.append(String.format("\\u%04X", c));
            } else {
                sb.appendCodePoint(c);
            }
        });
        return sb.append('\'').toString();
    }

    public static Builder builder() {
        return new Builder();
    }

    public static final class Builder {
        private String host = "127.0.0.1";
        private int port;
        private Path stateDir;
        private double speed = 1.0;
        private String accessKey = "test";
        private String secretKey = "test";
        private String accountId = "000000000000";
        private String region = "us-east-1";
        private Path faultsFile;
        private String registryEndpoint;
        private String registryPassword = "test";

        private Builder() {
        }

        public Builder host(String v) { this.host = v; return this; }
        public Builder port(int v) { this.port = v; return this; }
        public Builder stateDir(Path v) { this.stateDir = v; return this; }
        public Builder speed(double v) { this.speed = v; return this; }
        public Builder accessKey(String v) { this.accessKey = v; return this; }
        public Builder secretKey(String v) { this.secretKey = v; return this; }
        public Builder accountId(String v) { this.accountId = v; return this; }
        public Builder region(String v) { this.region = v; return this; }
        public Builder faultsFile(Path v) { this.faultsFile = v; return this; }
        public Builder registryEndpoint(String v) { this.registryEndpoint = v; return this; }
        public Builder registryPassword(String v) { this.registryPassword = v; return this; }

        public SandboxConfig build() {
            return new SandboxConfig(host, port, stateDir, speed, accessKey, secretKey, accountId, region, faultsFile,
                    registryEndpoint, registryPassword);
        }
    }
}
