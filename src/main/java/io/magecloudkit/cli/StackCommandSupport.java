package io.magecloudkit.cli;

import io.magecloudkit.MckException;
import io.magecloudkit.aws.AwsSession;
import io.magecloudkit.cfnspec.CfnSpec;
import io.magecloudkit.config.MckConfig;
import io.magecloudkit.provision.Backoff;
import io.magecloudkit.provision.ProvisionRequest;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** What provision, plan and destroy share: the environment, the session and the request. */
final class StackCommandSupport {
    /** Polling of tests that speed the sandbox's clock up; null: {@link Backoff#DEFAULT}. */
    static volatile Backoff backoffOverride;

    private StackCommandSupport() {
    }

    static MckConfig config(MckSubcommand command, String verb) {
        if (command.common.env == null) {
            throw new MckException(MckException.Kind.USAGE, "--env is required: which environment to " + verb);
        }
        MckConfig config = command.project().config().orElseThrow();
        config.environment(command.common.env); // an unknown environment fails here, before AWS is asked anything
        return config;
    }

    static ProvisionRequest request(MckConfig config, String env, AwsSession session, boolean planOnly, List<String> allow,
            Duration lockWait) {
        return request(config, env, session, planOnly, allow, lockWait, null);
    }

    /** @param backoff how this run polls; null: the tests' override, else {@link Backoff#DEFAULT} */
    static ProvisionRequest request(MckConfig config, String env, AwsSession session, boolean planOnly, List<String> allow,
            Duration lockWait, Backoff backoff) {
        Backoff polling = backoff != null ? backoff : backoffOverride != null ? backoffOverride : Backoff.DEFAULT;
        return new ProvisionRequest(config, env, session, CfnSpec.bundled(), planOnly, Set.copyOf(allow), owner(System.getenv()),
                lockWait, polling);
    }

    /** Who holds the lease, as a person reading "another run is changing this environment" needs it. */
    static String owner(Map<String, String> env) {
        String who = System.getProperty("user.name", "?") + "@" + host() + " pid " + ProcessHandle.current().pid();
        String build = env.get("BUILD_TAG");
        return build == null || build.isBlank() ? who : who + " (" + build + ")";
    }

    private static String host() {
        try {
            return java.net.InetAddress.getLocalHost().getHostName();
        } catch (java.io.IOException e) {
            return "unknown-host";
        }
    }

    static Duration duration(String text, String option) {
        String t = text.strip().toLowerCase(java.util.Locale.ROOT);
        if (t.matches("[0-9]{1,6}[smh]?")) {
            char unit = Character.isDigit(t.charAt(t.length() - 1)) ? 's' : t.charAt(t.length() - 1);
            long n = Long.parseLong(t.replaceAll("[smh]$", ""));
            return switch (unit) {
                case 'm' -> Duration.ofMinutes(n);
                case 'h' -> Duration.ofHours(n);
                default -> Duration.ofSeconds(n);
            };
        }
        throw new MckException(MckException.Kind.USAGE, option + " must be a duration such as 90s, 10m or 1h, got '" + text + "'");
    }
}
